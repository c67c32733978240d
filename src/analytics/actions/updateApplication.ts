/**
 * UpdateApplication: code, inputs, outputs, reference sources and logging options in one versioned change. On a
 * running application the new configuration applies at once (the console's "Save and run SQL"); a changed
 * reference source is loaded again.
 */
import { partNotFound } from '../errors.js';
import type { StoredApplication } from '../model/application.js';
import { defineAction } from '../runtime.js';
import { applicationUpdate, versioned } from '../validations/shapes.js';
import { changeApplication, checkInput, checkOutput, checkReference, validateCode } from './common.js';

interface ArnRoleUpdate {
  ResourceARNUpdate?: string;
  RoleARNUpdate?: string;
}

function applyArnRole(current: { ResourceARN: string; RoleARN: string } | undefined, update: ArnRoleUpdate): { ResourceARN: string; RoleARN: string } {
  return {
    ResourceARN: update.ResourceARNUpdate ?? current?.ResourceARN ?? '',
    RoleARN: update.RoleARNUpdate ?? current?.RoleARN ?? '',
  };
}

function applyUpdate(app: StoredApplication, u: Record<string, any>): void {
  for (const iu of u.InputUpdates ?? []) {
    const input = app.inputs.find((i) => i.InputId === iu.InputId);
    if (!input) throw partNotFound('Input', iu.InputId, app.name);
    if (iu.NamePrefixUpdate !== undefined) input.NamePrefix = iu.NamePrefixUpdate;
    if (iu.InputProcessingConfigurationUpdate) {
      input.InputProcessingConfiguration = {
        InputLambdaProcessor: applyArnRole(input.InputProcessingConfiguration?.InputLambdaProcessor, iu.InputProcessingConfigurationUpdate.InputLambdaProcessorUpdate),
      };
    }
    if (iu.KinesisStreamsInputUpdate) {
      input.KinesisStreamsInput = applyArnRole(input.KinesisStreamsInput, iu.KinesisStreamsInputUpdate);
      delete input.KinesisFirehoseInput;
    }
    if (iu.KinesisFirehoseInputUpdate) {
      input.KinesisFirehoseInput = applyArnRole(input.KinesisFirehoseInput, iu.KinesisFirehoseInputUpdate);
      delete input.KinesisStreamsInput;
    }
    if (iu.InputSchemaUpdate) {
      const s = iu.InputSchemaUpdate;
      input.InputSchema = {
        ...input.InputSchema,
        ...(s.RecordFormatUpdate ? { RecordFormat: s.RecordFormatUpdate } : {}),
        ...(s.RecordEncodingUpdate ? { RecordEncoding: s.RecordEncodingUpdate } : {}),
        ...(s.RecordColumnUpdates ? { RecordColumns: s.RecordColumnUpdates } : {}),
      };
    }
    if (iu.InputParallelismUpdate?.CountUpdate !== undefined) input.InputParallelism = { Count: iu.InputParallelismUpdate.CountUpdate };
    checkInput(input);
  }
  for (const ou of u.OutputUpdates ?? []) {
    const output = app.outputs.find((o) => o.OutputId === ou.OutputId);
    if (!output) throw partNotFound('Output', ou.OutputId, app.name);
    if (ou.NameUpdate !== undefined) output.Name = ou.NameUpdate;
    const destinations: [string, string][] = [
      ['KinesisStreamsOutputUpdate', 'KinesisStreamsOutput'],
      ['KinesisFirehoseOutputUpdate', 'KinesisFirehoseOutput'],
      ['LambdaOutputUpdate', 'LambdaOutput'],
    ];
    for (const [update, member] of destinations) {
      if (!ou[update]) continue;
      const next = applyArnRole((output as any)[member], ou[update]);
      delete output.KinesisStreamsOutput;
      delete output.KinesisFirehoseOutput;
      delete output.LambdaOutput;
      (output as any)[member] = next;
    }
    if (ou.DestinationSchemaUpdate) output.DestinationSchema = ou.DestinationSchemaUpdate;
    checkOutput(output);
  }
  for (const ru of u.ReferenceDataSourceUpdates ?? []) {
    const ref = app.references.find((r) => r.ReferenceId === ru.ReferenceId);
    if (!ref) throw partNotFound('Reference', ru.ReferenceId, app.name);
    if (ru.TableNameUpdate !== undefined) ref.TableName = ru.TableNameUpdate;
    if (ru.S3ReferenceDataSourceUpdate) {
      const s = ru.S3ReferenceDataSourceUpdate;
      ref.S3ReferenceDataSource = {
        BucketARN: s.BucketARNUpdate ?? ref.S3ReferenceDataSource?.BucketARN ?? '',
        FileKey: s.FileKeyUpdate ?? ref.S3ReferenceDataSource?.FileKey ?? '',
        ReferenceRoleARN: s.ReferenceRoleARNUpdate ?? ref.S3ReferenceDataSource?.ReferenceRoleARN ?? '',
      };
    }
    if (ru.ReferenceSchemaUpdate) ref.ReferenceSchema = ru.ReferenceSchemaUpdate;
    checkReference(ref);
  }
  for (const lu of u.CloudWatchLoggingOptionUpdates ?? []) {
    const opt = app.logging.find((l) => l.CloudWatchLoggingOptionId === lu.CloudWatchLoggingOptionId);
    if (!opt) throw partNotFound('CloudWatchLoggingOption', lu.CloudWatchLoggingOptionId, app.name);
    if (lu.LogStreamARNUpdate !== undefined) opt.LogStreamARN = lu.LogStreamARNUpdate;
    if (lu.RoleARNUpdate !== undefined) opt.RoleARN = lu.RoleARNUpdate;
  }
  if (u.ApplicationCodeUpdate !== undefined) app.code = u.ApplicationCodeUpdate;
}

export default defineAction({ types: versioned({ ApplicationUpdate: applicationUpdate() }) }, async (ctx, data) => {
  await changeApplication(ctx, data.ApplicationName, data.CurrentApplicationVersionId, (app) => {
    applyUpdate(app, data.ApplicationUpdate);
    validateCode(app);
  });
  return {};
});
