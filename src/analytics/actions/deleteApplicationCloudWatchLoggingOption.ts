/** DeleteApplicationCloudWatchLoggingOption. */
import { partNotFound } from '../errors.js';
import { defineAction } from '../runtime.js';
import { partId, versioned } from '../validations/shapes.js';
import { changeApplication } from './common.js';

export default defineAction({ types: versioned({ CloudWatchLoggingOptionId: partId() }) }, async (ctx, data) => {
  await changeApplication(ctx, data.ApplicationName, data.CurrentApplicationVersionId, (app) => {
    const i = app.logging.findIndex((l) => l.CloudWatchLoggingOptionId === data.CloudWatchLoggingOptionId);
    if (i < 0) throw partNotFound('CloudWatchLoggingOption', data.CloudWatchLoggingOptionId, app.name);
    app.logging.splice(i, 1);
  });
  return {};
});
