export { useRestoredScroll } from './useRestoredScroll';
