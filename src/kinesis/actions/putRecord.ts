/** PutRecord: one record into the open shard its hash key falls in; answered once the record is committed. */
import { dataPlaneOf } from '../records/data-plane.js';
import { checkSequenceNumberForOrdering } from '../records/ordering-sequence.js';
import { putOne } from '../records/put-records.js';
import { checkRecordSize } from '../records/record-limits.js';
import { defineAction } from '../runtime.js';
import { fastValidate, validation } from '../validations/putRecord.js';

const action = defineAction(validation, async ({ rt, req }, data) => {
  const plane = dataPlaneOf(rt);
  const stream = rt.registry.getWritable(req, data);
  if (data.SequenceNumberForOrdering !== undefined) {
    checkSequenceNumberForOrdering(data.SequenceNumberForOrdering, stream.name, stream.accountId, plane.now());
  }
  checkRecordSize(stream, data.Data);
  const r = await putOne(plane, stream, { Data: data.Data, PartitionKey: data.PartitionKey, ExplicitHashKey: data.ExplicitHashKey });
  const out: Record<string, unknown> = { ShardId: r.shardId, SequenceNumber: r.sequenceNumber };
  if (stream.encryptionType === 'KMS') out.EncryptionType = 'KMS';
  return out;
});

// `fastValidate` gives the framework's result for valid input without its per-member cost, or undefined so that
// the framework runs and words the error.
export default { ...action, fastValidate };
