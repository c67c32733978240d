/** UpdateMaxRecordSize: the largest record the stream accepts (1024–10240 KiB); the stream is UPDATING meanwhile. */
import { streamNotActive } from '../model/errors.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/updateMaxRecordSize.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  await rt.registry.mutate(req, data, (stream) => {
    if (stream.status !== 'ACTIVE') throw streamNotActive(stream.name, stream.accountId, stream.status);
    stream.maxRecordSizeKiB = data.MaxRecordSizeInKiB;
    rt.registry.beginUpdating(stream);
  });
  return {};
});
