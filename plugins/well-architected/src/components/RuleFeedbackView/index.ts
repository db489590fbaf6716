export { RuleFeedbackView } from './RuleFeedbackView';
