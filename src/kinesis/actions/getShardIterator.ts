/** GetShardIterator: an iterator for one of the five starting positions of a shard. */
import { AwsError } from '../../server/service.js';
import { shardNotFound } from '../model/errors.js';
import { parseShardIndex, shardIdName } from '../model/hash-keys.js';
import { dataPlaneOf } from '../records/data-plane.js';
import { iteratorAt, startPosition, type ShardIteratorType } from '../records/iterator-start.js';
import { rateExceeded } from '../records/put-records.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/getShardIterator.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  const plane = dataPlaneOf(rt);
  const where = rt.registry.address(req, data);
  const index = parseShardIndex(data.ShardId);
  if (index === undefined) {
    throw new AwsError(
      'ResourceNotFoundException',
      `Could not find shard ${data.ShardId} in stream ${where.streamName} under account ${where.accountId}.`,
    );
  }
  const shardId = shardIdName(index);
  const stream = rt.registry.find(where.accountId, where.region, where.streamName);
  if (!stream) throw shardNotFound(shardId, where.streamName, where.accountId);
  const shard = rt.registry.findShard(stream, shardId);
  if (!shard) throw shardNotFound(shardId, stream.name, stream.accountId);
  if (plane.throughput && !plane.throughput.tryIterator(`${stream.accountId}/${stream.region}/${stream.name}`, shardId, plane.now())) {
    throw rateExceeded(shardId, stream);
  }
  const position = await startPosition(plane, stream, shard, {
    type: data.ShardIteratorType as ShardIteratorType,
    startingSequenceNumber: data.StartingSequenceNumber,
    timestampMs: data.Timestamp instanceof Date ? data.Timestamp.getTime() : undefined,
  });
  return { ShardIterator: iteratorAt(stream, shard, position, plane.now()) };
});
