/** UntagResource: removes the named keys (keys it does not have are ignored). */
import { defineAction } from '../runtime.js';
import { kdaArn } from '../validations/shapes.js';
import { appByArn } from './resource-arn.js';

export default defineAction(
  {
    types: {
      ResourceARN: kdaArn(),
      TagKeys: { type: 'List', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 200, childLengths: [1, 128], children: { type: 'String' } },
    },
  },
  async (ctx, data) => {
    await appByArn(ctx, data.ResourceARN, async (app) => {
      const keys = new Set<string>(data.TagKeys);
      app.tags = app.tags.filter((t) => !keys.has(t.Key));
    });
    return {};
  },
);
