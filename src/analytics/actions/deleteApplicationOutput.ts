/** DeleteApplicationOutput: the destination stops receiving rows (the in-application stream stays). */
import { partNotFound } from '../errors.js';
import { defineAction } from '../runtime.js';
import { partId, versioned } from '../validations/shapes.js';
import { changeApplication } from './common.js';

export default defineAction({ types: versioned({ OutputId: partId() }) }, async (ctx, data) => {
  await changeApplication(ctx, data.ApplicationName, data.CurrentApplicationVersionId, (app) => {
    const i = app.outputs.findIndex((o) => o.OutputId === data.OutputId);
    if (i < 0) throw partNotFound('Output', data.OutputId, app.name);
    app.outputs.splice(i, 1);
  });
  return {};
});
