/** DisableEnhancedMonitoring: turns shard-level metrics off (`ALL` = every metric). */
import { defineAction } from '../runtime.js';
import { validation } from '../validations/disableEnhancedMonitoring.js';
import { changeMonitoring } from './enhanced-monitoring.js';

export default defineAction(validation, (ctx, data) => changeMonitoring(ctx, data, false));
