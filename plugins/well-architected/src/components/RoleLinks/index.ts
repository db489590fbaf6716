export { RoleLinkList } from './RoleLinkList';
