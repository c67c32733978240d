/** AddApplicationCloudWatchLoggingOption: recorded and described; configuration errors go to the server log. */
import { invalidArgument } from '../errors.js';
import { nextPartId } from '../model/application.js';
import { defineAction } from '../runtime.js';
import { cloudWatchLoggingOption, versioned } from '../validations/shapes.js';
import { changeApplication } from './common.js';

export default defineAction({ types: versioned({ CloudWatchLoggingOption: cloudWatchLoggingOption() }) }, async (ctx, data) => {
  await changeApplication(ctx, data.ApplicationName, data.CurrentApplicationVersionId, (app) => {
    if (app.logging.some((l) => l.LogStreamARN === data.CloudWatchLoggingOption.LogStreamARN)) {
      throw invalidArgument(`Log stream ${data.CloudWatchLoggingOption.LogStreamARN} is already a logging option of application ${app.name}.`);
    }
    app.logging.push({
      ...data.CloudWatchLoggingOption,
      CloudWatchLoggingOptionId: nextPartId(app.versionId + 1, app.logging.map((l) => l.CloudWatchLoggingOptionId)),
    });
  });
  return {};
});
