/** TagResource: adds or overwrites tags (at most 50 per application). */
import { defineAction } from '../runtime.js';
import { kdaArn, tags } from '../validations/shapes.js';
import { mergeTags } from './tag-rules.js';
import { appByArn } from './resource-arn.js';

export default defineAction({ types: { ResourceARN: kdaArn(), Tags: tags(true) } }, async (ctx, data) => {
  await appByArn(ctx, data.ResourceARN, async (app) => {
    app.tags = mergeTags(app.tags, data.Tags, app.arn);
  });
  return {};
});
