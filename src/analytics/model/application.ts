/**
 * An application as stored in the metadata space: the configuration a CreateApplication request carries (inputs,
 * outputs, reference data sources, logging options, code, tags) plus what the service adds (ids, status, version,
 * timestamps). Member names follow the API's shapes so that describing is a copy, not a translation.
 */

export type ApplicationStatus = 'DELETING' | 'STARTING' | 'STOPPING' | 'READY' | 'RUNNING' | 'UPDATING';
export type StartingPosition = 'NOW' | 'TRIM_HORIZON' | 'LAST_STOPPED_POINT';

export interface ArnRole {
  ResourceARN: string;
  RoleARN: string;
}

export interface SourceSchemaShape {
  RecordFormat: {
    RecordFormatType: 'JSON' | 'CSV';
    MappingParameters?: {
      JSONMappingParameters?: { RecordRowPath: string };
      CSVMappingParameters?: { RecordRowDelimiter: string; RecordColumnDelimiter: string };
    };
  };
  RecordEncoding?: string;
  RecordColumns: { Name: string; SqlType: string; Mapping?: string }[];
}

export interface StoredInput {
  InputId: string;
  NamePrefix: string;
  InputSchema: SourceSchemaShape;
  KinesisStreamsInput?: ArnRole;
  KinesisFirehoseInput?: ArnRole;
  InputParallelism?: { Count?: number };
  InputProcessingConfiguration?: { InputLambdaProcessor: ArnRole };
  InputStartingPositionConfiguration?: { InputStartingPosition?: StartingPosition };
}

export interface StoredOutput {
  OutputId: string;
  Name: string;
  DestinationSchema: { RecordFormatType: 'JSON' | 'CSV' };
  KinesisStreamsOutput?: ArnRole;
  KinesisFirehoseOutput?: ArnRole;
  LambdaOutput?: ArnRole;
}

export interface StoredReference {
  ReferenceId: string;
  TableName: string;
  S3ReferenceDataSource?: { BucketARN: string; FileKey: string; ReferenceRoleARN: string };
  ReferenceSchema: SourceSchemaShape;
}

export interface StoredLoggingOption {
  CloudWatchLoggingOptionId: string;
  LogStreamARN: string;
  RoleARN: string;
}

export interface Tag {
  Key: string;
  Value?: string;
}

export interface StoredApplication {
  accountId: string;
  region: string;
  name: string;
  arn: string;
  description?: string;
  status: ApplicationStatus;
  /** Epoch ms. DeleteApplication must name it exactly (to the second, as the wire carries it). */
  createdMs: number;
  updatedMs: number;
  versionId: number;
  code: string;
  inputs: StoredInput[];
  outputs: StoredOutput[];
  references: StoredReference[];
  logging: StoredLoggingOption[];
  tags: Tag[];
  /** Whether the runtime should be running it (survives restarts: a RUNNING application runs again). */
  wantRunning: boolean;
}

export function applicationArn(region: string, accountId: string, name: string): string {
  return `arn:aws:kinesisanalytics:${region}:${accountId}:application/${name}`;
}

const APP_ARN = /^arn:aws[^:]*:kinesisanalytics:([^:]*):(\d{12}):application\/(.+)$/;

export function parseApplicationArn(arn: string): { region: string; accountId: string; name: string } | undefined {
  const m = APP_ARN.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}

/**
 * KDA numbers the parts of an application `<version>.<n>`: the application version in which the part was added,
 * then its ordinal among the parts of that kind added in that version ("1.1" for the first input of a new app).
 */
export function nextPartId(versionId: number, existing: readonly string[]): string {
  let n = 1;
  while (existing.includes(`${versionId}.${n}`)) n++;
  return `${versionId}.${n}`;
}

/** In-application stream names of an input: NamePrefix_001 … NamePrefix_<Count>. */
export function inAppStreamNames(input: Pick<StoredInput, 'NamePrefix' | 'InputParallelism'>): string[] {
  const count = input.InputParallelism?.Count ?? 1;
  return Array.from({ length: count }, (_, i) => `${input.NamePrefix}_${String(i + 1).padStart(3, '0')}`);
}
