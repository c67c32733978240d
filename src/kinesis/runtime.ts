/**
 * What every Kinesis action receives: the resolved options, the storage engine, the stream registry and the
 * request. Data-plane modules that need state of their own (iterators, throughput buckets) keep it in a
 * `WeakMap<KinesisRuntime, …>` or register a `RuntimeHook` in the actions index.
 */
import type { ActionResult, RequestContext, WireProtocol } from '../server/service.js';
import type { StorageEngine } from '../storage/engine.js';
import type { StreamRegistry } from './model/stream-registry.js';
import type { ResolvedKinesisOptions } from './options.js';
import type { ActionValidation } from './validations/framework.js';

export interface KinesisRuntime {
  options: ResolvedKinesisOptions;
  storage: StorageEngine;
  registry: StreamRegistry;
  /** Epoch ms; every action uses this clock. */
  now(): number;
}

export interface ActionContext {
  rt: KinesisRuntime;
  req: RequestContext;
}

/** One API operation: its validation table and its implementation (which gets the validated, normalised input). */
export interface ActionDefinition {
  validation: ActionValidation;
  /**
   * Hot-path operations may validate in one pass: the framework's result for valid input, or undefined to let the
   * framework run and word the error exactly as AWS does.
   */
  fastValidate?: (input: unknown, protocol: WireProtocol) => Record<string, any> | undefined;
  run(ctx: ActionContext, data: Record<string, any>): Promise<ActionResult>;
}

export function defineAction(
  validation: ActionValidation,
  run: (ctx: ActionContext, data: Record<string, any>) => Promise<ActionResult>,
): ActionDefinition {
  return { validation, run };
}

/** Background work tied to the service's life (started after the registry loaded, stopped before storage closes). */
export interface RuntimeHook {
  /** Before the registry loads: e.g. `rt.registry.registerUpdateKind(…)`. */
  init?(rt: KinesisRuntime): void;
  start?(rt: KinesisRuntime): void | Promise<void>;
  stop?(rt: KinesisRuntime): void | Promise<void>;
}
