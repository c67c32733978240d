/** The wire shape of the account's minimum throughput billing commitment. */
import type { AccountSettings } from '../model/types.js';

export function commitmentToWire(settings: AccountSettings): Record<string, unknown> {
  const c = settings.minimumThroughputBillingCommitment;
  if (!c) return { Status: 'DISABLED' };
  return {
    Status: c.status,
    ...(c.startedAtMs !== undefined ? { StartedAt: new Date(c.startedAtMs) } : {}),
    ...(c.endedAtMs !== undefined ? { EndedAt: new Date(c.endedAtMs) } : {}),
    ...(c.earliestAllowedEndAtMs !== undefined ? { EarliestAllowedEndAt: new Date(c.earliestAllowedEndAtMs) } : {}),
  };
}
