/** GetRecords: records from a shard iterator's position, the next iterator, and ChildShards at a closed shard's end. */
import { dataPlaneOf } from '../records/data-plane.js';
import { getRecords } from '../records/get-records.js';
import { isJsonWireContext } from '../../server/json-codec.js';
import { defineAction } from '../runtime.js';
import { fastValidate, validation } from '../validations/getRecords.js';

const action = defineAction(validation, async ({ rt, req }, data) =>
  getRecords(
    dataPlaneOf(rt),
    req,
    { ShardIterator: data.ShardIterator, Limit: data.Limit, StreamARN: data.StreamARN },
    // Answered in JSON by the HTTP pipeline: the records are rendered straight into the response.
    isJsonWireContext(req),
  ),
);

// `fastValidate` gives the framework's result for valid input without its per-member cost, or undefined so that
// the framework runs and words the error.
export default { ...action, fastValidate };
