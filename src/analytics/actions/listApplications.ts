/** ListApplications: summaries in name order, `Limit` (default 50) at a time after ExclusiveStartApplicationName. */
import { summary } from '../model/describe.js';
import { defineAction } from '../runtime.js';
import { applicationName } from '../validations/shapes.js';

export default defineAction(
  {
    types: {
      Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 50 },
      ExclusiveStartApplicationName: applicationName(false),
    },
  },
  async ({ rt, req }, data) => {
    const limit: number = data.Limit ?? 50;
    const after: string | undefined = data.ExclusiveStartApplicationName;
    const all = rt.registry.list(req.accountId, req.region).filter((a) => after === undefined || a.name > after);
    return { ApplicationSummaries: all.slice(0, limit).map(summary), HasMoreApplications: all.length > limit };
  },
);
