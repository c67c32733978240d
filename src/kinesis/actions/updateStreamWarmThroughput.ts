/** UpdateStreamWarmThroughput: the write throughput an on-demand stream keeps ready (MiB/s). */
import { AwsError } from '../../server/service.js';
import { streamNotActive } from '../model/errors.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/updateStreamWarmThroughput.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  return rt.registry.mutate(req, data, (stream) => {
    if (stream.status !== 'ACTIVE') throw streamNotActive(stream.name, stream.accountId, stream.status);
    if (stream.mode !== 'ON_DEMAND') {
      throw new AwsError(
        'InvalidArgumentException',
        `Stream ${stream.name} under account ${stream.accountId} is not in ON_DEMAND mode. Warm throughput is only supported for ON_DEMAND streams.`,
      );
    }
    const target: number = data.WarmThroughputMiBps;
    // Nothing to warm up here: the new target is reached at once.
    stream.warmThroughput = { targetMiBps: target, currentMiBps: target };
    return {
      StreamARN: stream.arn,
      StreamName: stream.name,
      WarmThroughput: { TargetMiBps: target, CurrentMiBps: target },
    };
  });
});
