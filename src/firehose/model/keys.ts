/** Storage keys of the Firehose service: metadata documents and the per-stream record logs. */
export function streamsPrefix(accountId: string, region: string): string {
  return `firehose/streams/${accountId}/${region}/`;
}

export function streamKey(accountId: string, region: string, name: string): string {
  return `${streamsPrefix(accountId, region)}${name}`;
}

/** Every accepted record of one delivery stream incarnation, in acceptance order. */
export function recordLogKey(streamId: string): string {
  return `firehose/records/${streamId}`;
}

/** Delivered-up-to position (and Kinesis-source shard checkpoints) of one incarnation. */
export function checkpointKey(streamId: string): string {
  return `firehose/checkpoints/${streamId}`;
}
