/** DescribeAccountSettings: the minimum throughput billing commitment of the account in this region. */
import { defineAction } from '../runtime.js';
import { validation } from '../validations/describeAccountSettings.js';
import { commitmentToWire } from './account-settings.js';

export default defineAction(validation, async ({ rt, req }) => {
  const settings = await rt.registry.getAccountSettings(req.accountId, req.region);
  return { MinimumThroughputBillingCommitment: commitmentToWire(settings) };
});
