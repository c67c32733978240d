/** GetShardIterator's input, in AWS's error order (kinesalite's recorded table). */
import { shardIdField, streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';
import { SEQUENCE_NUMBER_PATTERN } from './putRecord.js';

export const SHARD_ITERATOR_TYPES = ['AFTER_SEQUENCE_NUMBER', 'LATEST', 'AT_TIMESTAMP', 'AT_SEQUENCE_NUMBER', 'TRIM_HORIZON'] as const;

export const validation: ActionValidation = {
  types: streamScoped({
    ShardId: shardIdField(true),
    ShardIteratorType: { type: 'String', notNull: true, enum: SHARD_ITERATOR_TYPES },
    StartingSequenceNumber: { type: 'String', regex: SEQUENCE_NUMBER_PATTERN },
    Timestamp: { type: 'Timestamp' },
  }),
};
