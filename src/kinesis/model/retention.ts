/** Retention period rules (AWS: 24 hours to 8760 hours = 365 days). */
import { AwsError } from '../../server/service.js';

export const MIN_RETENTION_HOURS = 24;
export const MAX_RETENTION_HOURS = 8760;

export function checkRetentionBounds(hours: number): void {
  if (hours < MIN_RETENTION_HOURS) {
    throw new AwsError(
      'InvalidArgumentException',
      `Minimum allowed retention period is ${MIN_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too short.`,
    );
  }
  if (hours > MAX_RETENTION_HOURS) {
    throw new AwsError(
      'InvalidArgumentException',
      `Maximum allowed retention period is ${MAX_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too long.`,
    );
  }
}
