export { gapsInWords, MissingRoleLinks, useTitles } from './RollUpParts';
