/** SplitShard's input, in AWS's error order (kinesalite's recorded table, plus StreamARN). */
import { shardIdField, streamArnField, streamIdField, streamName } from './common.js';
import type { ActionValidation } from './framework.js';
import { HASH_KEY_PATTERN } from './putRecord.js';

export const validation: ActionValidation = {
  types: {
    NewStartingHashKey: { type: 'String', notNull: true, regex: HASH_KEY_PATTERN },
    StreamName: { ...streamName(), notNullUnless: 'StreamARN' },
    ShardToSplit: shardIdField(true),
    StreamARN: streamArnField(),
    StreamId: streamIdField(),
  },
};
