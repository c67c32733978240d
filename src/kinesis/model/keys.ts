/**
 * Where Kinesis keeps things in the `StorageEngine`: metadata keys per account + region + stream, and one log per
 * shard per stream incarnation (so a stream re-created under the same name never sees its predecessor's records).
 */

const ROOT = 'kinesis';

export const STREAMS_PREFIX = `${ROOT}/streams/`;

export function streamsPrefix(accountId: string, region: string): string {
  return `${STREAMS_PREFIX}${accountId}/${region}/`;
}

export function streamMetaKey(accountId: string, region: string, streamName: string): string {
  return `${streamsPrefix(accountId, region)}${streamName}`;
}

export function accountSettingsKey(accountId: string, region: string): string {
  return `${ROOT}/accounts/${accountId}/${region}/settings`;
}

export function shardLogKey(accountId: string, region: string, streamName: string, streamId: string, shardId: string): string {
  return `${ROOT}/${accountId}/${region}/${streamName}/${streamId}/${shardId}`;
}
