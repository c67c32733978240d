export { validation } from './enableEnhancedMonitoring.js';
