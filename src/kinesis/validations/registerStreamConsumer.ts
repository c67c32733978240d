/** RegisterStreamConsumer's input (botocore's model). */
import { streamArnField, tagMap } from './common.js';
import { consumerNameField } from './consumer-fields.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: {
    StreamARN: streamArnField(true),
    ConsumerName: consumerNameField(true),
    Tags: tagMap(false),
  },
};
