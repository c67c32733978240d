import type { ActionValidation } from './framework.js';
import { streamName, tagMap } from './common.js';

export const validation: ActionValidation = {
  types: {
    // Provisioned streams need a shard count; on-demand ones (StreamModeDetails) size themselves. No upper bound
    // (kinesalite's 100000 is not in AWS's model): a huge count meets the account's shard limit instead.
    ShardCount: { type: 'Integer', notNullUnless: 'StreamModeDetails', greaterThanOrEqual: 1 },
    StreamName: streamName(true),
    StreamModeDetails: {
      type: 'Structure',
      children: { StreamMode: { type: 'String', notNull: true, enum: ['PROVISIONED', 'ON_DEMAND'] } },
    },
    Tags: tagMap(false),
    WarmThroughputMiBps: { type: 'Integer', greaterThanOrEqual: 0 },
    MaxRecordSizeInKiB: { type: 'Integer', greaterThanOrEqual: 1024, lessThanOrEqual: 10240 },
  },
};
