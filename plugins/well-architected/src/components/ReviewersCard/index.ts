export { ReviewersCard } from './ReviewersCard';
