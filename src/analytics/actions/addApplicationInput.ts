/** AddApplicationInput: the application's one streaming source; the code must still compile against it. */
import { invalidArgument } from '../errors.js';
import { nextPartId } from '../model/application.js';
import { defineAction } from '../runtime.js';
import { input, versioned } from '../validations/shapes.js';
import { changeApplication, checkInput, MAX_INPUTS, validateCode } from './common.js';

export default defineAction({ types: versioned({ Input: input() }) }, async (ctx, data) => {
  await changeApplication(ctx, data.ApplicationName, data.CurrentApplicationVersionId, (app) => {
    if (app.inputs.length >= MAX_INPUTS) throw invalidArgument(`Application ${app.name} already has an input; at most ${MAX_INPUTS} input is supported.`);
    checkInput(data.Input);
    app.inputs.push({ ...data.Input, InputId: nextPartId(app.versionId + 1, app.inputs.map((i) => i.InputId)) });
    validateCode(app);
  });
  return {};
});
