/** GetRecords: records from a shard iterator's position, the next iterator, and ChildShards at a closed shard's end. */
import { dataPlaneOf } from '../records/data-plane.js';
import { getRecords } from '../records/get-records.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/getRecords.js';

export default defineAction(validation, async ({ rt, req }, data) =>
  getRecords(dataPlaneOf(rt), req, { ShardIterator: data.ShardIterator, Limit: data.Limit, StreamARN: data.StreamARN }),
);
