/**
 * UpdateAccountSettings: turns the minimum throughput billing commitment on or off. A commitment lasts at least
 * 365 days: turning it off earlier leaves it ENABLED_UNTIL_EARLIEST_ALLOWED_END.
 */
import { defineAction } from '../runtime.js';
import type { AccountSettings } from '../model/types.js';
import { validation } from '../validations/updateAccountSettings.js';
import { commitmentToWire } from './account-settings.js';

const COMMITMENT_MS = 365 * 24 * 3_600_000;

export default defineAction(validation, async ({ rt, req }, data) => {
  const now = rt.now();
  const current = (await rt.registry.getAccountSettings(req.accountId, req.region)).minimumThroughputBillingCommitment;
  const wanted: string = data.MinimumThroughputBillingCommitment.Status;
  let next: AccountSettings['minimumThroughputBillingCommitment'];
  if (wanted === 'ENABLED') {
    next =
      current && current.status !== 'DISABLED'
        ? { ...current, status: 'ENABLED' }
        : { status: 'ENABLED', startedAtMs: now, earliestAllowedEndAtMs: now + COMMITMENT_MS };
  } else if (current && current.status !== 'DISABLED' && (current.earliestAllowedEndAtMs ?? 0) > now) {
    next = { ...current, status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END', endedAtMs: current.earliestAllowedEndAtMs };
  } else {
    next = { ...(current ?? {}), status: 'DISABLED', endedAtMs: now };
  }
  const settings: AccountSettings = { minimumThroughputBillingCommitment: next };
  await rt.registry.putAccountSettings(req.accountId, req.region, settings);
  return { MinimumThroughputBillingCommitment: commitmentToWire(settings) };
});
