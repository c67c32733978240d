/** PutRecords: up to 500 records, one storage append per shard, per-record outcomes in request order. */
import { dataPlaneOf } from '../records/data-plane.js';
import { putMany, type PutEntry } from '../records/put-records.js';
import { checkPutRecordsSize } from '../records/record-limits.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/putRecords.js';

interface RequestEntry {
  Data: Buffer;
  PartitionKey: string;
  ExplicitHashKey?: string;
}

export default defineAction(validation, async ({ rt, req }, data) => {
  const plane = dataPlaneOf(rt);
  const stream = rt.registry.getWritable(req, data);
  const records = data.Records as RequestEntry[];
  checkPutRecordsSize(stream, records);
  const entries: PutEntry[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    entries[i] = { data: r.Data, partitionKey: r.PartitionKey, explicitHashKey: r.ExplicitHashKey };
  }
  const outcomes = await putMany(plane, stream, entries);
  let failed = 0;
  const out = new Array<Record<string, unknown>>(outcomes.length);
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i]!;
    if (o.errorCode !== undefined) {
      failed++;
      out[i] = { ErrorCode: o.errorCode, ErrorMessage: o.errorMessage };
    } else {
      out[i] = { SequenceNumber: o.sequenceNumber, ShardId: o.shardId };
    }
  }
  const result: Record<string, unknown> = { FailedRecordCount: failed, Records: out };
  if (stream.encryptionType === 'KMS') result.EncryptionType = 'KMS';
  return result;
});
