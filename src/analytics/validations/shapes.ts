/**
 * Member specs of the kinesisanalytics 2015-08-14 shapes, with botocore's constraints, for the shared validation
 * framework (the Coral front end validates KDA requests the way it validates Kinesis ones). Required members are
 * `notNull`: "Value null at '…' failed to satisfy constraint: Member must not be null".
 */
import type { FieldSpec, FieldTable } from '../../kinesis/validations/framework.js';

const req = (spec: FieldSpec, required: boolean): FieldSpec => (required ? { ...spec, notNull: true } : spec);

export const applicationName = (required = true): FieldSpec =>
  req({ type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 128, regex: '[a-zA-Z0-9_.-]+' }, required);

export const versionId = (required = true): FieldSpec => req({ type: 'Long', greaterThanOrEqual: 1, lessThanOrEqual: 999999999 }, required);

export const partId = (required = true): FieldSpec =>
  req({ type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 50, regex: '[a-zA-Z0-9_.-]+' }, required);

export const resourceArn = (required = true): FieldSpec =>
  req({ type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 2048, regex: 'arn:.*' }, required);

export const roleArn = (required = true): FieldSpec =>
  req({ type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 2048, regex: 'arn:aws:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+' }, required);

export const kdaArn = (): FieldSpec => ({
  type: 'String',
  notNull: true,
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: 2048,
  // The model's Java pattern has possessive `\d{1}+` and `\d{12}+`; the same language without them for JS.
  regex: 'arn:aws:kinesisanalytics:[a-z]{2}-[a-z]+-\\d{1}:\\d{12}:application/[a-zA-Z0-9_.-]{1,128}',
});

const inAppName = (required: boolean): FieldSpec => req({ type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 32 }, required);

const arnRole = (required: boolean): FieldSpec => req({ type: 'Structure', children: { ResourceARN: resourceArn(), RoleARN: roleArn() } }, required);
const arnRoleUpdate = (): FieldSpec => ({ type: 'Structure', children: { ResourceARNUpdate: resourceArn(false), RoleARNUpdate: roleArn(false) } });

const recordFormat = (required: boolean): FieldSpec =>
  req(
    {
      type: 'Structure',
      children: {
        RecordFormatType: { type: 'String', notNull: true, enum: ['JSON', 'CSV'] },
        MappingParameters: {
          type: 'Structure',
          children: {
            JSONMappingParameters: { type: 'Structure', children: { RecordRowPath: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1 } } },
            CSVMappingParameters: {
              type: 'Structure',
              children: {
                RecordRowDelimiter: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1 },
                RecordColumnDelimiter: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1 },
              },
            },
          },
        },
      },
    },
    required,
  );

const recordColumns = (required: boolean): FieldSpec =>
  req(
    {
      type: 'List',
      lengthGreaterThanOrEqual: 1,
      lengthLessThanOrEqual: 1000,
      children: {
        type: 'Structure',
        children: {
          Name: { type: 'String', notNull: true },
          Mapping: { type: 'String' },
          SqlType: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1 },
        },
      },
    },
    required,
  );

export const sourceSchema = (required = true): FieldSpec =>
  req(
    {
      type: 'Structure',
      children: {
        RecordFormat: recordFormat(true),
        RecordEncoding: { type: 'String', regex: 'UTF-8' },
        RecordColumns: recordColumns(true),
      },
    },
    required,
  );

export const inputProcessingConfiguration = (required = false): FieldSpec =>
  req({ type: 'Structure', children: { InputLambdaProcessor: arnRole(true) } }, required);

export const startingPositionConfiguration = (required = false): FieldSpec =>
  req({ type: 'Structure', children: { InputStartingPosition: { type: 'String', enum: ['NOW', 'TRIM_HORIZON', 'LAST_STOPPED_POINT'] } } }, required);

const parallelismCount = (): FieldSpec => ({ type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 64 });

export const input = (required = true): FieldSpec =>
  req(
    {
      type: 'Structure',
      children: {
        NamePrefix: inAppName(true),
        InputProcessingConfiguration: inputProcessingConfiguration(),
        KinesisStreamsInput: arnRole(false),
        KinesisFirehoseInput: arnRole(false),
        InputParallelism: { type: 'Structure', children: { Count: parallelismCount() } },
        InputSchema: sourceSchema(true),
      },
    },
    required,
  );

const destinationSchema = (required: boolean): FieldSpec =>
  req({ type: 'Structure', children: { RecordFormatType: { type: 'String', notNull: true, enum: ['JSON', 'CSV'] } } }, required);

export const output = (required = true): FieldSpec =>
  req(
    {
      type: 'Structure',
      children: {
        Name: inAppName(true),
        KinesisStreamsOutput: arnRole(false),
        KinesisFirehoseOutput: arnRole(false),
        LambdaOutput: arnRole(false),
        DestinationSchema: destinationSchema(true),
      },
    },
    required,
  );

export const s3ReferenceDataSource = (): FieldSpec => ({
  type: 'Structure',
  children: {
    BucketARN: resourceArn(),
    FileKey: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1024 },
    ReferenceRoleARN: roleArn(),
  },
});

export const referenceDataSource = (required = true): FieldSpec =>
  req(
    {
      type: 'Structure',
      children: { TableName: inAppName(true), S3ReferenceDataSource: s3ReferenceDataSource(), ReferenceSchema: sourceSchema(true) },
    },
    required,
  );

export const cloudWatchLoggingOption = (required = true): FieldSpec =>
  req(
    {
      type: 'Structure',
      children: {
        LogStreamARN: resourceArn(),
        RoleARN: roleArn(),
      },
    },
    required,
  );

export const tags = (required = false): FieldSpec =>
  req(
    {
      type: 'List',
      lengthGreaterThanOrEqual: 1,
      lengthLessThanOrEqual: 200,
      children: {
        type: 'Structure',
        children: {
          Key: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 128 },
          Value: { type: 'String', lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 256 },
        },
      },
    },
    required,
  );

export const applicationUpdate = (): FieldSpec => ({
  type: 'Structure',
  notNull: true,
  children: {
    InputUpdates: {
      type: 'List',
      children: {
        type: 'Structure',
        children: {
          InputId: partId(),
          NamePrefixUpdate: inAppName(false),
          InputProcessingConfigurationUpdate: {
            type: 'Structure',
            children: { InputLambdaProcessorUpdate: { type: 'Structure', notNull: true, children: arnRoleUpdate().children as FieldTable } },
          },
          KinesisStreamsInputUpdate: arnRoleUpdate(),
          KinesisFirehoseInputUpdate: arnRoleUpdate(),
          InputSchemaUpdate: {
            type: 'Structure',
            children: { RecordFormatUpdate: recordFormat(false), RecordEncodingUpdate: { type: 'String', regex: 'UTF-8' }, RecordColumnUpdates: recordColumns(false) },
          },
          InputParallelismUpdate: { type: 'Structure', children: { CountUpdate: parallelismCount() } },
        },
      },
    },
    ApplicationCodeUpdate: { type: 'String', lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 102400 },
    OutputUpdates: {
      type: 'List',
      children: {
        type: 'Structure',
        children: {
          OutputId: partId(),
          NameUpdate: inAppName(false),
          KinesisStreamsOutputUpdate: arnRoleUpdate(),
          KinesisFirehoseOutputUpdate: arnRoleUpdate(),
          LambdaOutputUpdate: arnRoleUpdate(),
          DestinationSchemaUpdate: destinationSchema(false),
        },
      },
    },
    ReferenceDataSourceUpdates: {
      type: 'List',
      children: {
        type: 'Structure',
        children: {
          ReferenceId: partId(),
          TableNameUpdate: inAppName(false),
          S3ReferenceDataSourceUpdate: {
            type: 'Structure',
            children: {
              BucketARNUpdate: resourceArn(false),
              FileKeyUpdate: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1024 },
              ReferenceRoleARNUpdate: roleArn(false),
            },
          },
          ReferenceSchemaUpdate: sourceSchema(false),
        },
      },
    },
    CloudWatchLoggingOptionUpdates: {
      type: 'List',
      children: {
        type: 'Structure',
        children: { CloudWatchLoggingOptionId: partId(), LogStreamARNUpdate: resourceArn(false), RoleARNUpdate: roleArn(false) },
      },
    },
  },
});

/** The members every "change one part" action starts with. */
export const versioned = (others: FieldTable): FieldTable => ({
  ApplicationName: applicationName(),
  CurrentApplicationVersionId: versionId(),
  ...others,
});
