/** DecreaseStreamRetentionPeriod: down to 24 hours, never above the current period. */
import { AwsError } from '../../server/service.js';
import { checkRetentionBounds } from '../model/retention.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/decreaseStreamRetentionPeriod.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  const hours: number = data.RetentionPeriodHours;
  await rt.registry.mutate(req, data, (stream) => {
    checkRetentionBounds(hours);
    if (stream.retentionHours < hours) {
      throw new AwsError(
        'InvalidArgumentException',
        `Requested retention period (${hours} hours) for stream ${stream.name} can not be longer than existing ` +
          `retention period (${stream.retentionHours} hours). Use IncreaseRetentionPeriod API.`,
      );
    }
    stream.retentionHours = hours;
  });
  return {};
});
