export { wellArchitectedApiRef } from './WellArchitectedApi';
export type { WellArchitectedApi } from './WellArchitectedApi';
export { WellArchitectedClient } from './WellArchitectedClient';
