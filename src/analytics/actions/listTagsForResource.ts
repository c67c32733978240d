/** ListTagsForResource. */
import { defineAction } from '../runtime.js';
import { kdaArn } from '../validations/shapes.js';
import { appByArn } from './resource-arn.js';

export default defineAction({ types: { ResourceARN: kdaArn() } }, async (ctx, data) => {
  let tags: { Key: string; Value?: string }[] = [];
  await appByArn(ctx, data.ResourceARN, async (app) => {
    tags = app.tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
    return 'unchanged';
  });
  return { Tags: tags };
});
