export { AsyncContent, nothingFound } from './AsyncContent';
