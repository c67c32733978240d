/** EnableEnhancedMonitoring: turns shard-level metrics on (`ALL` = every metric). */
import { defineAction } from '../runtime.js';
import { validation } from '../validations/enableEnhancedMonitoring.js';
import { changeMonitoring } from './enhanced-monitoring.js';

export default defineAction(validation, (ctx, data) => changeMonitoring(ctx, data, true));
