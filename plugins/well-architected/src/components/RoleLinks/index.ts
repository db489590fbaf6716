export { RoleLinkList } from './RoleLinkList';
export type { ShownLink } from './RoleLinkList';
export type { LinkCandidate } from './LinkPicker';
