/** DeleteApplicationReferenceDataSource: drops the reference table; code that still joins it no longer compiles. */
import { partNotFound } from '../errors.js';
import { defineAction } from '../runtime.js';
import { partId, versioned } from '../validations/shapes.js';
import { changeApplication } from './common.js';

export default defineAction({ types: versioned({ ReferenceId: partId() }) }, async (ctx, data) => {
  await changeApplication(ctx, data.ApplicationName, data.CurrentApplicationVersionId, (app) => {
    const i = app.references.findIndex((r) => r.ReferenceId === data.ReferenceId);
    if (i < 0) throw partNotFound('Reference', data.ReferenceId, app.name);
    app.references.splice(i, 1);
  });
  return {};
});
