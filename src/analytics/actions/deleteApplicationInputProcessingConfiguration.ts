/** DeleteApplicationInputProcessingConfiguration: removes an input's preprocessing Lambda. */
import { partNotFound } from '../errors.js';
import { defineAction } from '../runtime.js';
import { partId, versioned } from '../validations/shapes.js';
import { changeApplication } from './common.js';

export default defineAction({ types: versioned({ InputId: partId() }) }, async (ctx, data) => {
  await changeApplication(ctx, data.ApplicationName, data.CurrentApplicationVersionId, (app) => {
    const input = app.inputs.find((i) => i.InputId === data.InputId);
    if (!input) throw partNotFound('Input', data.InputId, app.name);
    delete input.InputProcessingConfiguration;
  });
  return {};
});
