/** What every Firehose action receives, and how an action is defined (validation table + implementation). */
import type { ActionResult, RequestContext } from '../server/service.js';
import type { StorageEngine } from '../storage/engine.js';
import type { ActionValidation } from '../kinesis/validations/framework.js';
import type { DeliveryStreamRegistry } from './model/registry.js';
import type { DeliveryStreamMeta } from './model/types.js';
import { streamNotFound } from './model/errors.js';

export interface FirehoseRuntime {
  storage: StorageEngine;
  registry: DeliveryStreamRegistry;
  now(): number;
  /** Accepts records into a stream's durable log; resolves once they are committed. */
  ingest(meta: DeliveryStreamMeta, records: Uint8Array[]): Promise<void>;
  /**
   * Takes `count` records from the stream's per-second record budget. With `partial`, returns how many fit (the
   * rest fail one by one); without, throws ServiceUnavailableException unless all fit.
   */
  throttle(meta: DeliveryStreamMeta, count: number, partial?: boolean): number;
  /** `http://` endpoint URLs are accepted (AWS allows only https). */
  allowPlainHttpEndpoints: boolean;
}

export interface ActionContext {
  rt: FirehoseRuntime;
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

/** The named stream of the caller's account and region, or ResourceNotFoundException. */
export function requireStream(ctx: ActionContext, name: string): DeliveryStreamMeta {
  const meta = ctx.rt.registry.get(ctx.req.accountId, ctx.req.region, name);
  if (!meta) throw streamNotFound(name, ctx.req.accountId);
  return meta;
}
