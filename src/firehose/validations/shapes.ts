/**
 * Member tables for the validation framework, from botocore's Firehose model (lengths, patterns, ranges, enums).
 * Members a table does not list are dropped by the framework, so each structure lists everything Freshet keeps.
 */
import type { FieldSpec, FieldTable } from '../../kinesis/validations/framework.js';

export const DELIVERY_STREAM_NAME: FieldSpec = {
  type: 'String',
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: 64,
  regex: '[a-zA-Z0-9_.-]+',
};

const ROLE_ARN: FieldSpec = { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 512, regex: 'arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+' };
const BUCKET_ARN: FieldSpec = { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 2048, regex: 'arn:.*:s3:::[\\w\\.\\-]{1,255}' };
const PREFIX: FieldSpec = { type: 'String', lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 1024 };

export const COMPRESSION_FORMATS = ['UNCOMPRESSED', 'GZIP', 'ZIP', 'Snappy', 'HADOOP_SNAPPY'] as const;

const BUFFERING_HINTS: FieldSpec = {
  type: 'Structure',
  children: {
    SizeInMBs: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 128 },
    IntervalInSeconds: { type: 'Integer', greaterThanOrEqual: 0, lessThanOrEqual: 900 },
  },
};

const HTTP_BUFFERING_HINTS: FieldSpec = {
  type: 'Structure',
  children: {
    SizeInMBs: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 64 },
    IntervalInSeconds: { type: 'Integer', greaterThanOrEqual: 0, lessThanOrEqual: 900 },
  },
};

const CLOUDWATCH_LOGGING: FieldSpec = {
  type: 'Structure',
  children: {
    Enabled: { type: 'Boolean' },
    LogGroupName: { type: 'String', lengthLessThanOrEqual: 512 },
    LogStreamName: { type: 'String', lengthLessThanOrEqual: 512 },
  },
};

const ENCRYPTION: FieldSpec = {
  type: 'Structure',
  children: {
    NoEncryptionConfig: { type: 'String', enum: ['NoEncryption'] },
    KMSEncryptionConfig: { type: 'Structure', children: { AWSKMSKeyARN: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 512 } } },
  },
};

export const PROCESSOR_TYPES = ['RecordDeAggregation', 'Decompression', 'CloudWatchLogProcessing', 'Lambda', 'MetadataExtraction', 'AppendDelimiterToRecord'] as const;
const PARAMETER_NAMES = [
  'LambdaArn', 'NumberOfRetries', 'MetadataExtractionQuery', 'JsonParsingEngine', 'RoleArn', 'BufferSizeInMBs',
  'BufferIntervalInSeconds', 'SubRecordType', 'Delimiter', 'CompressionFormat', 'DataMessageExtraction',
] as const;

const PROCESSING: FieldSpec = {
  type: 'Structure',
  children: {
    Enabled: { type: 'Boolean' },
    Processors: {
      type: 'List',
      children: {
        type: 'Structure',
        children: {
          Type: { type: 'String', notNull: true, enum: PROCESSOR_TYPES },
          Parameters: {
            type: 'List',
            children: {
              type: 'Structure',
              children: {
                ParameterName: { type: 'String', notNull: true, enum: PARAMETER_NAMES },
                ParameterValue: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 5120, regex: '(?!\\s*$).+' },
              },
            },
          },
        },
      },
    },
  },
};

const DYNAMIC_PARTITIONING: FieldSpec = {
  type: 'Structure',
  children: {
    RetryOptions: { type: 'Structure', children: { DurationInSeconds: { type: 'Integer', greaterThanOrEqual: 0, lessThanOrEqual: 7200 } } },
    Enabled: { type: 'Boolean' },
  },
};

/** S3DestinationConfiguration (also the HTTP endpoint's S3Configuration and the backup configuration). */
export function s3Members(required: boolean): FieldTable {
  return {
    RoleARN: { ...ROLE_ARN, ...(required ? { required: false, notNull: true } : {}) },
    BucketARN: { ...BUCKET_ARN, ...(required ? { notNull: true } : {}) },
    Prefix: PREFIX,
    ErrorOutputPrefix: PREFIX,
    BufferingHints: BUFFERING_HINTS,
    CompressionFormat: { type: 'String', enum: COMPRESSION_FORMATS },
    EncryptionConfiguration: ENCRYPTION,
    CloudWatchLoggingOptions: CLOUDWATCH_LOGGING,
  };
}

export function extendedS3Members(required: boolean): FieldTable {
  return {
    ...s3Members(required),
    ProcessingConfiguration: PROCESSING,
    S3BackupMode: { type: 'String', enum: ['Disabled', 'Enabled'] },
    S3BackupConfiguration: { type: 'Structure', children: s3Members(true) },
    S3BackupUpdate: { type: 'Structure', children: s3Members(false) },
    DynamicPartitioningConfiguration: DYNAMIC_PARTITIONING,
    FileExtension: { type: 'String', lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 128, regex: '^$|\\.[0-9a-z!\\-_.*\'()]+' },
    CustomTimeZone: { type: 'String', lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 50 },
  };
}

export function httpEndpointMembers(required: boolean): FieldTable {
  return {
    EndpointConfiguration: {
      type: 'Structure',
      ...(required ? { notNull: true } : {}),
      children: {
        Url: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1000 },
        Name: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 256, regex: '(?!\\s*$).+' },
        AccessKey: { type: 'String', lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 4096 },
      },
    },
    BufferingHints: HTTP_BUFFERING_HINTS,
    CloudWatchLoggingOptions: CLOUDWATCH_LOGGING,
    RequestConfiguration: {
      type: 'Structure',
      children: {
        ContentEncoding: { type: 'String', enum: ['NONE', 'GZIP'] },
        CommonAttributes: {
          type: 'List',
          lengthLessThanOrEqual: 50,
          children: {
            type: 'Structure',
            children: {
              AttributeName: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 256 },
              AttributeValue: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 1024 },
            },
          },
        },
      },
    },
    ProcessingConfiguration: PROCESSING,
    RoleARN: ROLE_ARN,
    RetryOptions: { type: 'Structure', children: { DurationInSeconds: { type: 'Integer', greaterThanOrEqual: 0, lessThanOrEqual: 7200 } } },
    S3BackupMode: { type: 'String', enum: ['FailedDataOnly', 'AllData'] },
    S3Configuration: { type: 'Structure', ...(required ? { notNull: true } : {}), children: s3Members(true) },
    S3Update: { type: 'Structure', children: s3Members(false) },
  };
}

/** Tag patterns use Unicode classes the framework's regexes do not take: `tagProblem` checks them. */
export const TAG: FieldSpec = {
  type: 'Structure',
  children: {
    Key: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 128 },
    Value: { type: 'String', lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 256 },
  },
};

const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@%]*$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@%]*$/u;

/** The model's tag patterns, as one ValidationException message (or undefined when the tags are fine). */
export function tagProblem(tags: Array<{ Key: string; Value?: string }>, member: string): string | undefined {
  const errors: string[] = [];
  tags.forEach((t, i) => {
    if (!TAG_KEY.test(t.Key)) errors.push(`Value '${t.Key}' at '${member}.${i + 1}.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$`);
    if (t.Value !== undefined && !TAG_VALUE.test(t.Value)) errors.push(`Value '${t.Value}' at '${member}.${i + 1}.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$`);
  });
  if (!errors.length) return undefined;
  return `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`;
}
