/** A stored application as DescribeApplication's ApplicationDetail and the summaries of List/Create. */
import { inAppStreamNames, type StoredApplication } from './application.js';

export function summary(app: StoredApplication): Record<string, unknown> {
  return { ApplicationName: app.name, ApplicationARN: app.arn, ApplicationStatus: app.status };
}

export function detail(app: StoredApplication): Record<string, unknown> {
  return {
    ApplicationName: app.name,
    ApplicationDescription: app.description,
    ApplicationARN: app.arn,
    ApplicationStatus: app.status,
    CreateTimestamp: new Date(app.createdMs),
    LastUpdateTimestamp: new Date(app.updatedMs),
    InputDescriptions: app.inputs.map((i) => ({
      InputId: i.InputId,
      NamePrefix: i.NamePrefix,
      InAppStreamNames: inAppStreamNames(i),
      InputProcessingConfigurationDescription: i.InputProcessingConfiguration
        ? { InputLambdaProcessorDescription: i.InputProcessingConfiguration.InputLambdaProcessor }
        : undefined,
      KinesisStreamsInputDescription: i.KinesisStreamsInput,
      KinesisFirehoseInputDescription: i.KinesisFirehoseInput,
      InputSchema: i.InputSchema,
      InputParallelism: { Count: i.InputParallelism?.Count ?? 1 },
      InputStartingPositionConfiguration: i.InputStartingPositionConfiguration ?? {},
    })),
    OutputDescriptions: app.outputs.map((o) => ({
      OutputId: o.OutputId,
      Name: o.Name,
      KinesisStreamsOutputDescription: o.KinesisStreamsOutput,
      KinesisFirehoseOutputDescription: o.KinesisFirehoseOutput,
      LambdaOutputDescription: o.LambdaOutput,
      DestinationSchema: o.DestinationSchema,
    })),
    ReferenceDataSourceDescriptions: app.references.map((r) => ({
      ReferenceId: r.ReferenceId,
      TableName: r.TableName,
      S3ReferenceDataSourceDescription: r.S3ReferenceDataSource,
      ReferenceSchema: r.ReferenceSchema,
    })),
    CloudWatchLoggingOptionDescriptions: app.logging.map((l) => ({ ...l })),
    ApplicationCode: app.code,
    ApplicationVersionId: app.versionId,
  };
}
