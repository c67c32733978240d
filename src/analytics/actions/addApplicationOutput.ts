/** AddApplicationOutput: up to three destinations, each fed by one in-application stream (or error_stream). */
import { invalidArgument } from '../errors.js';
import { nextPartId } from '../model/application.js';
import { defineAction } from '../runtime.js';
import { output, versioned } from '../validations/shapes.js';
import { changeApplication, checkOutput, MAX_OUTPUTS } from './common.js';

export default defineAction({ types: versioned({ Output: output() }) }, async (ctx, data) => {
  await changeApplication(ctx, data.ApplicationName, data.CurrentApplicationVersionId, (app) => {
    if (app.outputs.length >= MAX_OUTPUTS) throw invalidArgument(`Application ${app.name} already has ${MAX_OUTPUTS} outputs; no more can be added.`);
    checkOutput(data.Output);
    app.outputs.push({ ...data.Output, OutputId: nextPartId(app.versionId + 1, app.outputs.map((o) => o.OutputId)) });
  });
  return {};
});
