/** DeleteStream: DELETING for a while, then gone with its shard logs (consumers must go first, or be forced). */
import { AwsError } from '../../server/service.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/deleteStream.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  await rt.registry.mutate(req, data, (stream) => {
    if (stream.status === 'DELETING') return;
    if (stream.consumers.length > 0 && data.EnforceConsumerDeletion !== true) {
      throw new AwsError(
        'ResourceInUseException',
        `Stream ${stream.name} under account ${stream.accountId} has registered consumers. ` +
          'Set EnforceConsumerDeletion to true to delete the stream with its consumers.',
      );
    }
    rt.registry.beginDeleting(stream);
  });
  return {};
});
