/** AddApplicationReferenceDataSource: the application's one reference table, loaded at start (or now, if running). */
import { invalidArgument } from '../errors.js';
import { nextPartId } from '../model/application.js';
import { defineAction } from '../runtime.js';
import { referenceDataSource, versioned } from '../validations/shapes.js';
import { changeApplication, checkReference, MAX_REFERENCES } from './common.js';

export default defineAction({ types: versioned({ ReferenceDataSource: referenceDataSource() }) }, async (ctx, data) => {
  await changeApplication(ctx, data.ApplicationName, data.CurrentApplicationVersionId, (app) => {
    if (app.references.length >= MAX_REFERENCES) {
      throw invalidArgument(`Application ${app.name} already has a reference data source; at most ${MAX_REFERENCES} is supported.`);
    }
    checkReference(data.ReferenceDataSource);
    if (app.inputs.some((i) => i.NamePrefix === data.ReferenceDataSource.TableName)) {
      throw invalidArgument(`Table name ${data.ReferenceDataSource.TableName} is already used by an in-application stream.`);
    }
    app.references.push({ ...data.ReferenceDataSource, ReferenceId: nextPartId(app.versionId + 1, app.references.map((r) => r.ReferenceId)) });
  });
  return {};
});
