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
        // AWS's text, typographic apostrophe included.
        `DeleteStream can\u2019t delete ${stream.accountId}:${stream.name} because there are consumers associated with ` +
          `this data stream. To delete ${stream.name} anyway, set the EnforceConsumerDeletion parameter to true to ` +
          'force the deletion of all the consumers that are associated with it.',
      );
    }
    rt.registry.beginDeleting(stream);
  });
  return {};
});
