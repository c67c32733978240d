/**
 * What every kinesisanalytics action receives: the options, the application registry, the supervisor of running
 * applications, the clock, and a way to reach Kinesis streams (for DiscoverInputSchema's samples).
 */
import type { ActionResult, RequestContext } from '../server/service.js';
import type { ActionValidation } from '../kinesis/validations/framework.js';
import type { ApplicationRegistry } from './model/registry.js';
import type { EndpointResolver } from './runner/endpoint-resolver.js';
import type { InvokeLambda } from './runner/lambda-invoker.js';
import type { ReferenceFetcher } from './runner/reference-data.js';
import type { Supervisor } from './runner/supervisor.js';

export interface AnalyticsRuntime {
  registry: ApplicationRegistry;
  supervisor: Supervisor;
  resolve: EndpointResolver;
  fetchers: readonly ReferenceFetcher[];
  /** Epoch ms. */
  now(): number;
  /** How long STARTING / STOPPING / UPDATING / DELETING last before the next status (ms). */
  transitionMs: number;
  /** Waits before a status transition completes (a timer; tests hold transitions with a gate of their own). */
  delay(ms: number): Promise<void>;
  /** How long DiscoverInputSchema waits for records to arrive when the stream has none yet (ms). */
  discoverWaitMs: number;
  /** Freshet's Lambda service, for DiscoverInputSchema's InputProcessingConfiguration. */
  invoke?: InvokeLambda;
  /** Background transitions still in flight (awaited on shutdown). */
  pending: Set<Promise<void>>;
}

export interface ActionContext {
  rt: AnalyticsRuntime;
  req: RequestContext;
}

export interface ActionDefinition {
  validation: ActionValidation;
  run(ctx: ActionContext, data: Record<string, any>): Promise<ActionResult>;
}

export function defineAction(
  validation: ActionValidation,
  run: (ctx: ActionContext, data: Record<string, any>) => Promise<ActionResult>,
): ActionDefinition {
  return { validation, run };
}
