/** PutRecords: up to 500 records, one storage append per shard, per-record outcomes in request order. */
import { dataPlaneOf } from '../records/data-plane.js';
import { putMany, type PutEntry } from '../records/put-records.js';
import { checkPutRecordsSize } from '../records/record-limits.js';
import { defineAction } from '../runtime.js';
import { fastValidate, validation } from '../validations/putRecords.js';

const action = defineAction(validation, async ({ rt, req }, data) => {
  const plane = dataPlaneOf(rt);
  const stream = rt.registry.getWritable(req, data);
  const records = data.Records as PutEntry[];
  checkPutRecordsSize(stream, records);
  const r = await putMany(plane, stream, records);
  const result: Record<string, unknown> = { FailedRecordCount: r.failed, Records: r.records };
  if (stream.encryptionType === 'KMS') result.EncryptionType = 'KMS';
  return result;
});

// `fastValidate` gives the framework's result for valid input without its per-member cost, or undefined so that
// the framework runs and words the error.
export default { ...action, fastValidate };
