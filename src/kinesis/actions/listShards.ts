/**
 * ListShards: shards of a stream named by StreamName/StreamARN or by a NextToken, optionally filtered
 * (ShardFilter), paged by MaxResults.
 */
import { AwsError } from '../../server/service.js';
import { decodeNextToken, encodeNextToken } from '../model/pagination-token.js';
import { streamNotFound } from '../model/errors.js';
import type { StreamAddress } from '../model/stream-registry.js';
import { isOpen, type ShardMeta, type StreamMeta } from '../model/types.js';
import { SHARD_CREATE_BACKDATE_MS } from '../model/shards.js';
import { shardToWire, visibleShards } from '../model/wire-shapes.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/listShards.js';

/** AWS: "The default value is 1000. If you specify a value greater than 1000, at most 1000 results are returned." */
const MAX_PAGE = 1000;
const HOUR_MS = 3_600_000;

const invalid = (message: string): AwsError => new AwsError('InvalidArgumentException', message);

interface Filter {
  Type: string;
  ShardId?: string;
  Timestamp?: Date;
}

export default defineAction(validation, async ({ rt, req }, data) => {
  const named = data.StreamName !== undefined || data.StreamARN !== undefined;
  if (!named && data.NextToken === undefined) throw invalid('Either NextToken or StreamName should be provided.');
  if (named && data.NextToken !== undefined) throw invalid('NextToken and StreamName cannot be provided together.');
  if (data.NextToken !== undefined && data.ExclusiveStartShardId !== undefined) {
    throw invalid('NextToken and ExclusiveStartShardId cannot be provided together.');
  }
  if (data.NextToken !== undefined && data.StreamCreationTimestamp !== undefined) {
    throw invalid('NextToken and StreamCreationTimestamp cannot be provided together.');
  }
  if (data.NextToken !== undefined && data.ShardFilter !== undefined) {
    throw invalid('NextToken and ShardFilter cannot be provided together.');
  }
  if (data.ExclusiveStartShardId !== undefined && data.ShardFilter !== undefined) {
    throw invalid('ShardFilter and ExclusiveStartShardId cannot be provided together.');
  }
  const filter = data.ShardFilter as Filter | undefined;
  if (filter) checkFilter(filter);

  let address: StreamAddress;
  let after: string | undefined = data.ExclusiveStartShardId;
  let createdMs: number | undefined;
  let tokenFilter: Filter | undefined;
  if (data.NextToken !== undefined) {
    const body = decodeNextToken(data.NextToken, 'ListShards', rt.now());
    address = body.stream as StreamAddress;
    after = body.after as string;
    createdMs = body.createdMs as number;
    tokenFilter = body.filter as Filter | undefined;
    if (tokenFilter?.Timestamp !== undefined) tokenFilter.Timestamp = new Date(tokenFilter.Timestamp as unknown as string);
  } else {
    address = rt.registry.address(req, data);
  }

  const stream = rt.registry.find(address.accountId, address.region, address.streamName);
  if (!stream) throw streamNotFound(address.streamName, address.accountId);
  // A token, or StreamCreationTimestamp, pins one incarnation of the name.
  const pinned = createdMs ?? (data.StreamCreationTimestamp as Date | undefined)?.getTime();
  if (pinned !== undefined && Math.floor(pinned / 1000) !== Math.floor(stream.createdMs / 1000)) {
    throw streamNotFound(address.streamName, address.accountId);
  }

  const effectiveFilter = filter ?? tokenFilter;
  let shards = applyFilter(stream, visibleShards(stream), effectiveFilter, rt.now());
  if (after !== undefined) shards = shards.filter((s) => s.shardId > after!);
  const limit = Math.min(data.MaxResults ?? MAX_PAGE, MAX_PAGE);
  const page = shards.slice(0, limit);
  const hasMore = shards.length > limit;
  return {
    Shards: page.map(shardToWire),
    ...(hasMore
      ? {
          NextToken: encodeNextToken(
            {
              op: 'ListShards',
              stream: { accountId: stream.accountId, region: stream.region, streamName: stream.name },
              createdMs: stream.createdMs,
              after: page[page.length - 1]!.shardId,
              ...(effectiveFilter ? { filter: effectiveFilter } : {}),
            },
            rt.now(),
          ),
        }
      : {}),
  };
});

function checkFilter(f: Filter): void {
  if (f.Type === 'AFTER_SHARD_ID' && f.ShardId === undefined) {
    throw invalid('ShardId must be provided for ShardFilter type AFTER_SHARD_ID.');
  }
  if ((f.Type === 'AT_TIMESTAMP' || f.Type === 'FROM_TIMESTAMP') && f.Timestamp === undefined) {
    throw invalid(`Timestamp must be provided for ShardFilter type ${f.Type}.`);
  }
  if (f.Type !== 'AFTER_SHARD_ID' && f.ShardId !== undefined) {
    throw invalid(`ShardId cannot be provided for ShardFilter type ${f.Type}.`);
  }
  if (f.Type !== 'AT_TIMESTAMP' && f.Type !== 'FROM_TIMESTAMP' && f.Timestamp !== undefined) {
    throw invalid(`Timestamp cannot be provided for ShardFilter type ${f.Type}.`);
  }
}

/** Was the shard open at time t (created at or before t, not closed before t)? */
function openAt(s: ShardMeta, t: number): boolean {
  return s.createdMs <= t && (isOpen(s) || (s.closedMs !== undefined && s.closedMs >= t));
}

function applyFilter(stream: StreamMeta, shards: ShardMeta[], f: Filter | undefined, now: number): ShardMeta[] {
  if (!f) return shards;
  // Times before the trim horizon (or before the stream existed) mean the trim horizon.
  const trimHorizon = Math.max(now - stream.retentionHours * HOUR_MS, stream.createdMs - SHARD_CREATE_BACKDATE_MS);
  switch (f.Type) {
    case 'AFTER_SHARD_ID':
      return shards.filter((s) => s.shardId > f.ShardId!);
    case 'AT_LATEST':
      return shards.filter(isOpen);
    case 'FROM_TRIM_HORIZON':
      return shards;
    case 'AT_TRIM_HORIZON':
      return shards.filter((s) => openAt(s, trimHorizon));
    case 'AT_TIMESTAMP': {
      const t = Math.max(f.Timestamp!.getTime(), trimHorizon);
      return shards.filter((s) => openAt(s, t));
    }
    case 'FROM_TIMESTAMP': {
      const t = Math.max(f.Timestamp!.getTime(), trimHorizon);
      return shards.filter((s) => isOpen(s) || (s.closedMs !== undefined && s.closedMs >= t));
    }
    default:
      return shards;
  }
}
