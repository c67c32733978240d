/**
 * Calls the AWS JSON 1.1 APIs on the console's own origin. With auth off Freshet accepts any signature, but it
 * still wants one to be present, as AWS does: the console sends a well-formed placeholder.
 */

const REGION = 'us-east-1';

function amzDate(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

export class AwsCallError extends Error {
  constructor(readonly type: string, message: string) {
    super(message || type);
  }
}

export async function awsCall<T = any>(targetPrefix: string, signingName: string, operation: string, input: object = {}): Promise<T> {
  const date = amzDate();
  const res = await fetch('/', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `${targetPrefix}.${operation}`,
      'X-Amz-Date': date,
      Authorization: `AWS4-HMAC-SHA256 Credential=console/${date.slice(0, 8)}/${REGION}/${signingName}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`,
    },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const type = String(body.__type ?? res.status).split('#').pop()!;
    throw new AwsCallError(type, body.message ?? body.Message ?? '');
  }
  return body as T;
}

export const kinesis = <T = any>(op: string, input?: object) => awsCall<T>('Kinesis_20131202', 'kinesis', op, input);
export const analytics = <T = any>(op: string, input?: object) => awsCall<T>('KinesisAnalytics_20150814', 'kinesisanalytics', op, input);
export const firehose = <T = any>(op: string, input?: object) => awsCall<T>('Firehose_20150804', 'firehose', op, input);

export interface StreamSummary {
  StreamName: string;
  StreamARN: string;
  StreamStatus: string;
  StreamModeDetails?: { StreamMode: string };
  StreamCreationTimestamp: number;
}

export async function listStreams(): Promise<StreamSummary[]> {
  const out: StreamSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await kinesis<{ StreamSummaries: StreamSummary[]; NextToken?: string }>('ListStreams', NextToken ? { NextToken } : {});
    out.push(...page.StreamSummaries);
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

export interface Shard {
  ShardId: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
  HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
  SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

export async function listShards(StreamName: string): Promise<Shard[]> {
  const out: Shard[] = [];
  let NextToken: string | undefined;
  do {
    const page = await kinesis<{ Shards: Shard[]; NextToken?: string }>('ListShards', NextToken ? { NextToken } : { StreamName });
    out.push(...page.Shards);
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

export interface KinesisRecord {
  SequenceNumber: string;
  PartitionKey: string;
  Data: string;
  ApproximateArrivalTimestamp: number;
}

export function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
