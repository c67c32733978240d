/**
 * One Kinesis data stream as the application runtime sees it: list shards, read them, write records. Two ways in,
 * with the same request and response shapes (bytes as Uint8Array, timestamps as Date):
 *  - `inProcessEndpoint`: a stream of this Freshet, through the Kinesis service's own `handle` — the same
 *    validation, sequence numbers, iterators and resharding rules as on the wire, without sockets, signing or
 *    encoding;
 *  - `sdkEndpoint`: any other Kinesis endpoint through `@aws-sdk/client-kinesis`.
 */
import { randomUUID } from 'node:crypto';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
  type KinesisClientConfig,
} from '@aws-sdk/client-kinesis';
import type { KinesisService } from '../../kinesis/service.js';

export interface ShardInfo {
  shardId: string;
  parentShardId?: string;
  adjacentParentShardId?: string;
  /** Closed shards have an ending sequence number. */
  closed: boolean;
}

export type IteratorStart =
  | { type: 'TRIM_HORIZON' | 'LATEST' }
  | { type: 'AT_TIMESTAMP'; timestamp: Date }
  | { type: 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string };

export interface ReadRecord {
  data: Uint8Array;
  sequenceNumber: string;
  partitionKey: string;
  arrivalMs: number;
}

export interface ReadResult {
  records: ReadRecord[];
  /** Absent once a closed shard has been read to its end. */
  nextIterator?: string;
}

export interface StreamEndpoint {
  /** The stream's ARN, for messages. */
  readonly arn: string;
  listShards(): Promise<ShardInfo[]>;
  shardIterator(shardId: string, start: IteratorStart): Promise<string>;
  getRecords(iterator: string, limit: number): Promise<ReadResult>;
  /** Returns the indexes of the entries that were not written (to retry). */
  putRecords(records: { data: Uint8Array; partitionKey: string }[]): Promise<number[]>;
  close(): void;
}

/** A Kinesis operation by name: what both endpoints are built on. */
type Call = (operation: string, input: Record<string, unknown>) => Promise<any>;

function endpointOver(arn: string, call: Call, close: () => void): StreamEndpoint {
  return {
    arn,
    async listShards() {
      const shards: ShardInfo[] = [];
      let token: string | undefined;
      do {
        const res = await call('ListShards', token ? { NextToken: token } : { StreamARN: arn });
        for (const s of res.Shards ?? []) {
          shards.push({
            shardId: s.ShardId,
            ...(s.ParentShardId ? { parentShardId: s.ParentShardId } : {}),
            ...(s.AdjacentParentShardId ? { adjacentParentShardId: s.AdjacentParentShardId } : {}),
            closed: s.SequenceNumberRange?.EndingSequenceNumber !== undefined,
          });
        }
        token = res.NextToken;
      } while (token);
      return shards;
    },
    async shardIterator(shardId, start) {
      const input: Record<string, unknown> = { StreamARN: arn, ShardId: shardId, ShardIteratorType: start.type };
      if (start.type === 'AT_TIMESTAMP') input['Timestamp'] = start.timestamp;
      if (start.type === 'AFTER_SEQUENCE_NUMBER') input['StartingSequenceNumber'] = start.sequenceNumber;
      const res = await call('GetShardIterator', input);
      return res.ShardIterator as string;
    },
    async getRecords(iterator, limit) {
      const res = await call('GetRecords', { ShardIterator: iterator, Limit: limit });
      return {
        records: (res.Records ?? []).map((r: any) => ({
          data: r.Data as Uint8Array,
          sequenceNumber: r.SequenceNumber as string,
          partitionKey: r.PartitionKey as string,
          arrivalMs: r.ApproximateArrivalTimestamp instanceof Date ? r.ApproximateArrivalTimestamp.getTime() : Date.now(),
        })),
        ...(res.NextShardIterator ? { nextIterator: res.NextShardIterator as string } : {}),
      };
    },
    async putRecords(records) {
      const res = await call('PutRecords', {
        StreamARN: arn,
        Records: records.map((r) => ({ Data: r.data, PartitionKey: r.partitionKey })),
      });
      const failed: number[] = [];
      (res.Records ?? []).forEach((r: any, i: number) => {
        if (r.ErrorCode) failed.push(i);
      });
      return failed;
    },
    close,
  };
}

/** A stream of this Freshet, read and written through the Kinesis service in-process. */
export function inProcessEndpoint(kinesis: KinesisService, arn: string, accountId: string, region: string): StreamEndpoint {
  const signal = new AbortController().signal;
  return endpointOver(
    arn,
    (operation, input) =>
      kinesis.handle(operation, input, {
        accountId,
        region,
        requestId: randomUUID(),
        // CBOR's in-memory shapes: blobs as bytes, timestamps as Dates (no base64 round trip).
        protocol: 'cbor',
        httpVersion: '1.1',
        signal,
      }) as Promise<any>,
    () => {},
  );
}

const COMMANDS: Record<string, new (input: any) => any> = {
  ListShards: ListShardsCommand,
  GetShardIterator: GetShardIteratorCommand,
  GetRecords: GetRecordsCommand,
  PutRecords: PutRecordsCommand,
};

/** Any Kinesis endpoint through the SDK: region, credentials and endpoint from `config` or the usual AWS configuration. */
export function sdkEndpoint(arn: string, config: KinesisClientConfig): StreamEndpoint {
  const client = new KinesisClient(config);
  return clientEndpoint(arn, client, false, () => client.destroy());
}

/**
 * A stream through an existing client. `byName` addresses the stream by the name in its ARN rather than by the
 * ARN: a standalone run of a CreateApplication request written for another account then finds the stream of
 * the same name on whatever endpoint it is pointed at.
 */
export function clientEndpoint(arn: string, client: KinesisClient, byName: boolean, close: () => void = () => {}): StreamEndpoint {
  const name = arn.slice(arn.indexOf(':stream/') + ':stream/'.length);
  return endpointOver(
    arn,
    (operation, input) => {
      const Command = COMMANDS[operation]!;
      let args = input;
      if (byName && 'StreamARN' in input) {
        const { StreamARN: _arn, ...rest } = input;
        args = { ...rest, StreamName: name };
      }
      return client.send(new Command(args));
    },
    close,
  );
}
