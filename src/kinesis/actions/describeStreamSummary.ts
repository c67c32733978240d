/** DescribeStreamSummary: the stream without its shards, with counts, warm throughput and record size limit. */
import { defineAction } from '../runtime.js';
import { creationTimestamp, encryption, enhancedMonitoring, openShardCount } from '../model/wire-shapes.js';
import { validation } from '../validations/describeStreamSummary.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  const stream = rt.registry.get(req, data);
  return {
    StreamDescriptionSummary: {
      StreamName: stream.name,
      StreamARN: stream.arn,
      StreamStatus: stream.status,
      // StreamModeDetails and MaxRecordSizeInKiB postdate kinesalite's recordings; today's AWS sends both.
      StreamModeDetails: { StreamMode: stream.mode },
      RetentionPeriodHours: stream.retentionHours,
      StreamCreationTimestamp: creationTimestamp(stream),
      EnhancedMonitoring: enhancedMonitoring(stream),
      ...encryption(stream),
      OpenShardCount: openShardCount(stream),
      ConsumerCount: stream.consumers.filter((c) => c.status !== 'DELETING').length,
      ...(stream.warmThroughput
        ? { WarmThroughput: { TargetMiBps: stream.warmThroughput.targetMiBps, CurrentMiBps: stream.warmThroughput.currentMiBps } }
        : {}),
      MaxRecordSizeInKiB: stream.maxRecordSizeKiB,
    },
  };
});
