export { FlagChips } from './FlagChips';
