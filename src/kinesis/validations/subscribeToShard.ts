/** SubscribeToShard's input (botocore's model). */
import { shardIdField } from './common.js';
import { consumerArnField } from './consumer-fields.js';
import type { ActionValidation } from './framework.js';
import { SEQUENCE_NUMBER_PATTERN } from './putRecord.js';

export const validation: ActionValidation = {
  types: {
    ConsumerARN: consumerArnField(true),
    ShardId: shardIdField(true),
    StartingPosition: {
      type: 'Structure',
      notNull: true,
      children: {
        Type: {
          type: 'String',
          notNull: true,
          enum: ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER', 'TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'],
        },
        SequenceNumber: { type: 'String', regex: SEQUENCE_NUMBER_PATTERN },
        Timestamp: { type: 'Timestamp' },
      },
    },
  },
};
