/** UpdateStreamMode: PROVISIONED ⇄ ON_DEMAND (shards are kept); the stream is UPDATING meanwhile. */
import { AwsError } from '../../server/service.js';
import { streamNotActive } from '../model/errors.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/updateStreamMode.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  const mode = data.StreamModeDetails.StreamMode as 'PROVISIONED' | 'ON_DEMAND';
  await rt.registry.mutate(req, data, (stream) => {
    if (stream.status !== 'ACTIVE') throw streamNotActive(stream.name, stream.accountId, stream.status);
    if (stream.mode === mode) {
      throw new AwsError(
        'InvalidArgumentException',
        `Stream ${stream.name} under account ${stream.accountId} is already in ${mode} mode.`,
      );
    }
    if (mode === 'PROVISIONED' && data.WarmThroughputMiBps !== undefined) {
      throw new AwsError('InvalidArgumentException', 'WarmThroughputMiBps can only be specified for ON_DEMAND streams.');
    }
    stream.mode = mode;
    if (mode === 'ON_DEMAND' && data.WarmThroughputMiBps !== undefined) {
      stream.warmThroughput = { targetMiBps: data.WarmThroughputMiBps, currentMiBps: data.WarmThroughputMiBps };
    }
    if (mode === 'PROVISIONED') delete stream.warmThroughput;
    rt.registry.beginUpdating(stream);
  });
  return {};
});
