export { ResponsibilityItem } from './ResponsibilityItem';
