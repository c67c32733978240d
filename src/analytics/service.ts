/**
 * The Kinesis Data Analytics service (`KinesisAnalytics_20150814`, JSON 1.1): validates each request with the
 * same framework as Kinesis, runs its action, and supervises the running applications. Applications live in the
 * storage engine's metadata; on start, every application that was RUNNING (or STARTING/UPDATING) when the
 * process ended runs again from its checkpoints, and unfinished transitions complete.
 */
import { join } from 'node:path';
import type { KinesisService } from '../kinesis/service.js';
import { validateInput } from '../kinesis/validations/framework.js';
import type { ActionResult, AwsJsonService, RequestContext } from '../server/service.js';
import type { StorageEngine } from '../storage/engine.js';
import { ACTIONS } from './actions/index.js';
import { ApplicationRegistry } from './model/registry.js';
import { serviceEndpointResolver, type EndpointResolver } from './runner/endpoint-resolver.js';
import { localFileFetcher, type ReferenceFetcher } from './runner/reference-data.js';
import { envMs } from './runner/env-timing.js';
import { Supervisor } from './runner/supervisor.js';
import type { AnalyticsRuntime } from './runtime.js';
import type { FirehoseLink } from '../firehose/stream-taps.js';
import type { InvokeLambda } from './runner/lambda-invoker.js';
import type { ObjectStore } from '../s3/index.js';
import { embeddedS3Fetcher, s3EndpointFetcher } from './runner/s3-reference-fetchers.js';

export interface AnalyticsOptions {
  storage: StorageEngine;
  /** The Kinesis service of this process: its streams are read and written in-process. */
  kinesis?: KinesisService;
  /** Folder of reference data files, `<folder>/<bucket>/<key>` (default `<dataDir>/reference-data` when given). */
  referenceDataDir?: string;
  dataDir?: string;
  /** More reference-data fetchers, tried after local files (the embedded S3 service). */
  fetchers?: ReferenceFetcher[];
  /** The embedded S3 store: S3ReferenceDataSource objects are read from it. */
  objectStore?: Pick<ObjectStore, 'getObject'>;
  /** An S3-compatible endpoint for reference data the embedded store does not hold (also FRESHET_ANALYTICS_S3_ENDPOINT). */
  s3Endpoint?: string;
  /** The Firehose service of this process, looked up when an application starts (it is created after this one). */
  firehose?: () => FirehoseLink | undefined;
  /** Freshet's Lambda service: input pre-processing and Lambda outputs. */
  invoke?: InvokeLambda;
  /** Overrides how stream ARNs are reached (tests). */
  resolve?: EndpointResolver;
  now?: () => number;
  /** STARTING / STOPPING / UPDATING / DELETING duration (ms, default 1000). */
  transitionMs?: number;
  /** Pause after an empty GetRecords per shard (ms, default 1000, like KDA's readers). */
  pollMs?: number;
  /** Clock tick: windows close and outputs are delivered at this pace (ms, default 1000). */
  tickMs?: number;
  shardRefreshMs?: number;
  discoverWaitMs?: number;
  log?: (message: string) => void;
  /** How a status transition waits its `transitionMs` (default: a timer). */
  delay?: (ms: number) => Promise<void>;
}

export interface AnalyticsService extends AwsJsonService {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly runtime: AnalyticsRuntime;
}

export function createAnalyticsService(options: AnalyticsOptions): AnalyticsService {
  const now = options.now ?? Date.now;
  const referenceDir = options.referenceDataDir ?? (options.dataDir ? join(options.dataDir, 'reference-data') : undefined);
  const s3Endpoint = options.s3Endpoint ?? process.env['FRESHET_ANALYTICS_S3_ENDPOINT'];
  const fetchers = [
    localFileFetcher(referenceDir),
    ...(options.objectStore ? [embeddedS3Fetcher(options.objectStore)] : []),
    ...(s3Endpoint ? [s3EndpointFetcher(s3Endpoint)] : []),
    ...(options.fetchers ?? []),
  ];
  const resolve = options.resolve ?? serviceEndpointResolver(options.kinesis);
  const registry = new ApplicationRegistry(options.storage);
  const supervisor = new Supervisor({
    storage: options.storage,
    resolve,
    fetchers,
    now,
    pollMs: options.pollMs ?? envMs('POLL') ?? 1000,
    tickMs: options.tickMs ?? envMs('TICK') ?? 1000,
    shardRefreshMs: options.shardRefreshMs ?? 10_000,
    log: options.log ?? ((m) => console.warn(`kinesisanalytics: ${m}`)),
    ...(options.firehose ? { firehose: options.firehose } : {}),
    ...(options.invoke ? { invoke: options.invoke } : {}),
  });
  const runtime: AnalyticsRuntime = {
    registry,
    supervisor,
    resolve,
    fetchers,
    now,
    transitionMs: options.transitionMs ?? envMs('TRANSITION') ?? 1000,
    delay: options.delay ?? ((ms) => new Promise((res) => setTimeout(res, ms))),
    discoverWaitMs: options.discoverWaitMs ?? 5000,
    pending: new Set(),
    ...(options.invoke ? { invoke: options.invoke } : {}),
  };

  return {
    targetPrefix: 'KinesisAnalytics_20150814',
    signingName: 'kinesisanalytics',
    operations: new Set(Object.keys(ACTIONS)),
    runtime,
    async handle(operation: string, input: unknown, req: RequestContext): Promise<ActionResult> {
      const action = ACTIONS[operation];
      if (!action) throw new Error(`kinesisanalytics: no action for ${operation}`);
      const data = validateInput(input, action.validation, req.protocol);
      return action.run({ rt: runtime, req }, data);
    },
    async start() {
      await registry.load();
      for (const app of registry.all()) {
        await registry.exclusive(app.accountId, app.region, app.name, async () => {
          const current = registry.get(app.accountId, app.region, app.name)!;
          if (current.status === 'DELETING') {
            await supervisor.checkpoints(current).clear();
            return registry.remove(current);
          }
          if (current.wantRunning) {
            const positions = Object.fromEntries(current.inputs.map((i) => [i.InputId, 'LAST_STOPPED_POINT' as const]));
            try {
              await supervisor.start(current, positions);
              current.status = 'RUNNING';
            } catch (err) {
              console.error(`kinesisanalytics: application ${current.name} could not restart:`, (err as Error).message);
              current.status = 'READY';
              current.wantRunning = false;
            }
          } else current.status = 'READY';
          await registry.save(current);
        });
      }
    },
    async stop() {
      await Promise.all([...runtime.pending]);
      await supervisor.stopAll();
    },
  };
}
