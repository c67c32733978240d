/** DescribeStreamConsumer's input: ConsumerARN, or StreamARN + ConsumerName. */
import { streamArnField } from './common.js';
import { consumerArnField, consumerNameField } from './consumer-fields.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: {
    StreamARN: streamArnField(),
    ConsumerName: consumerNameField(),
    ConsumerARN: consumerArnField(),
  },
};
