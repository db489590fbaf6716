export { LinkPicker } from './LinkPicker';
export type { LinkOption } from './LinkPicker';
export { SourceChips } from './SourceChips';
export { useRoleLinkActions } from './useRoleLinkActions';
export { LinkedItem } from './LinkedItem';
export { useLinkPermissions } from './useLinkPermissions';
export type { LinkRef } from './useLinkPermissions';
