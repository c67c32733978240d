/** StopStreamEncryption: back to no server-side encryption. */
import { AwsError } from '../../server/service.js';
import { streamNotActive } from '../model/errors.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/stopStreamEncryption.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  await rt.registry.mutate(req, data, (stream) => {
    if (stream.status !== 'ACTIVE') throw streamNotActive(stream.name, stream.accountId, stream.status);
    if (data.EncryptionType !== 'KMS') {
      throw new AwsError('InvalidArgumentException', `Invalid EncryptionType ${data.EncryptionType}. Only KMS is supported.`);
    }
    stream.encryptionType = 'NONE';
    delete stream.keyId;
    rt.registry.beginUpdating(stream);
  });
  return {};
});
