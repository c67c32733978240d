/**
 * The Kinesis Data Streams service (`Kinesis_20131202`): routes each operation to its action after validation,
 * owns the stream registry and the background work (state transitions, retention trimming, data-plane hooks).
 */
import type { ActionResult, AwsJsonService, RequestContext } from '../server/service.js';
import { ACTIONS, RUNTIME_HOOKS } from './actions/index.js';
import { StreamRegistry } from './model/stream-registry.js';
import { resolveKinesisOptions, type KinesisOptions } from './options.js';
import { RetentionTrimmer } from './retention-trimmer.js';
import type { KinesisRuntime } from './runtime.js';
import { validateInput } from './validations/framework.js';

export interface KinesisService extends AwsJsonService {
  /** Loads state from storage and starts background work (state transitions, retention trimming). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The runtime (registry, options), for in-process tools and tests. */
  readonly runtime: KinesisRuntime;
}

export function createKinesisService(options: KinesisOptions): KinesisService {
  const resolved = resolveKinesisOptions(options);
  const registry = new StreamRegistry(
    resolved.storage,
    {
      createStreamMs: resolved.createStreamMs,
      deleteStreamMs: resolved.deleteStreamMs,
      updateStreamMs: resolved.updateStreamMs,
      consumerMs: resolved.consumerMs,
      shardLimit: resolved.shardLimit,
    },
    resolved.now,
  );
  const runtime: KinesisRuntime = { options: resolved, storage: resolved.storage, registry, now: resolved.now };
  const trimmer = new RetentionTrimmer(runtime);
  const operations = new Set(Object.keys(ACTIONS));

  return {
    targetPrefix: 'Kinesis_20131202',
    signingName: 'kinesis',
    operations,
    runtime,
    async handle(operation: string, input: unknown, req: RequestContext): Promise<ActionResult> {
      const action = ACTIONS[operation as keyof typeof ACTIONS];
      if (!action) throw new Error(`kinesis: no action for ${operation}`);
      const data = action.fastValidate?.(input, req.protocol) ?? validateInput(input, action.validation, req.protocol);
      return action.run({ rt: runtime, req }, data);
    },
    async start() {
      for (const hook of RUNTIME_HOOKS) hook.init?.(runtime);
      await registry.load();
      for (const hook of RUNTIME_HOOKS) await hook.start?.(runtime);
      trimmer.start();
    },
    async stop() {
      trimmer.stop();
      for (const hook of RUNTIME_HOOKS) await hook.stop?.(runtime);
      await registry.stop();
      await trimmer.idle();
    },
  };
}
