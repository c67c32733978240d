/** Steps most actions share: find the application, check its version and status, change it, validate its code. */
import { SqlCompileError } from '../../sql/index.js';
import type { RequestContext } from '../../server/service.js';
import { codeValidation, inUse, invalidArgument, notFound, versionMismatch } from '../errors.js';
import type { StoredApplication, StoredInput, StoredOutput, StoredReference } from '../model/application.js';
import { compileSpec, schemaProblem } from '../runner/compile.js';
import type { ActionContext, AnalyticsRuntime } from '../runtime.js';

export function findApp(rt: AnalyticsRuntime, req: RequestContext, name: string): StoredApplication {
  const app = rt.registry.get(req.accountId, req.region, name);
  if (!app) throw notFound(name, req.accountId);
  return app;
}

/** Statuses in which the configuration may change (KDA refuses while starting, stopping, updating or deleting). */
function checkChangeable(app: StoredApplication): void {
  if (app.status !== 'READY' && app.status !== 'RUNNING') {
    throw inUse(`Application ${app.name} is in ${app.status} state. Please retry after the application is in READY or RUNNING state.`);
  }
}

/**
 * Runs `mutate` on the application under its lock, after the version check; then bumps the version, saves, and
 * when the application runs, applies the new configuration (UPDATING, then RUNNING again).
 */
export async function changeApplication(
  { rt, req }: ActionContext,
  name: string,
  currentVersion: number,
  mutate: (app: StoredApplication) => void | Promise<void>,
): Promise<void> {
  await rt.registry.exclusive(req.accountId, req.region, name, async () => {
    const app = findApp(rt, req, name);
    checkChangeable(app);
    if (currentVersion !== app.versionId) throw versionMismatch(currentVersion, app.versionId);
    await mutate(app);
    app.versionId += 1;
    app.updatedMs = rt.now();
    if (app.status === 'RUNNING') {
      app.status = 'UPDATING';
      await rt.registry.save(app);
      later(rt, app, async (current) => {
        await rt.supervisor.reload(current).catch(() => undefined);
        current.status = 'RUNNING';
      });
      return;
    }
    await rt.registry.save(app);
  });
}

/**
 * A status transition after `transitionMs`, under the application's lock: `step` changes the application and it
 * is saved (or removed, when `step` returns 'deleted').
 */
export function later(rt: AnalyticsRuntime, app: StoredApplication, step: (app: StoredApplication) => Promise<void | 'deleted'>): void {
  const work = rt.delay(rt.transitionMs).then(() =>
    rt.registry.exclusive(app.accountId, app.region, app.name, async () => {
      const current = rt.registry.get(app.accountId, app.region, app.name);
      if (!current) return;
      const outcome = await step(current);
      if (outcome === 'deleted') await rt.registry.remove(current);
      else await rt.registry.save(current);
    }),
  );
  const tracked = work.catch((err) => console.error(`kinesisanalytics: transition of ${app.name} failed:`, err));
  rt.pending.add(tracked);
  void tracked.finally(() => rt.pending.delete(tracked));
}

/** CodeValidationException with the engine's message (it carries the line and column). */
export function validateCode(app: Pick<StoredApplication, 'code' | 'inputs' | 'references'>): void {
  if (!app.code.trim()) return;
  try {
    compileSpec(app.code, app.inputs, app.references);
  } catch (err) {
    if (err instanceof SqlCompileError) throw codeValidation(err.message);
    throw err;
  }
}

export function checkSchema(schema: unknown, what: string): void {
  const problem = schemaProblem(schema, what);
  if (problem) throw invalidArgument(problem);
}

/** An input names exactly one source. */
export function checkInput(input: Omit<StoredInput, 'InputId'>): void {
  const sources = [input.KinesisStreamsInput, input.KinesisFirehoseInput].filter(Boolean).length;
  if (sources !== 1) throw invalidArgument('Exactly one of KinesisStreamsInput or KinesisFirehoseInput must be specified.');
  checkSchema(input.InputSchema, 'InputSchema');
}

/** An output names exactly one destination. */
export function checkOutput(output: Omit<StoredOutput, 'OutputId'>): void {
  const destinations = [output.KinesisStreamsOutput, output.KinesisFirehoseOutput, output.LambdaOutput].filter(Boolean).length;
  if (destinations !== 1) throw invalidArgument('Exactly one of KinesisStreamsOutput, KinesisFirehoseOutput or LambdaOutput must be specified.');
}

export function checkReference(ref: Omit<StoredReference, 'ReferenceId'>): void {
  if (!ref.S3ReferenceDataSource) throw invalidArgument('S3ReferenceDataSource must be specified.');
  checkSchema(ref.ReferenceSchema, 'ReferenceSchema');
}

export const MAX_INPUTS = 1;
export const MAX_OUTPUTS = 3;
export const MAX_REFERENCES = 1;
export const MAX_TAGS = 50;
