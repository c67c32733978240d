/**
 * The Firehose service (`Firehose_20150804`, JSON 1.1): validates each request with the Kinesis validation
 * framework (same Coral front end), runs its action, and delivers every ACTIVE delivery stream in the background.
 * Accepted records live in a storage log per delivery stream until their destination has them.
 */
import type { KinesisService } from '../kinesis/service.js';
import type { Functions } from '../lambda/index.js';
import { createObjectStore, type ObjectStore } from '../s3/index.js';
import { validateInput } from '../kinesis/validations/framework.js';
import type { ActionResult, AwsJsonService, RequestContext } from '../server/service.js';
import type { StorageEngine } from '../storage/engine.js';
import { ACTIONS } from './actions/index.js';
import { bucketRoutesFromEnv, routedObjectWriter, type BucketRoute } from './destinations/bucket-routes.js';
import type { ObjectWriter } from './destinations/object-writer.js';
import type { DeliveryOutcome } from './delivery/deliver-batch.js';
import { DeliveryManager } from './delivery/delivery-manager.js';
import { RecordThrottle } from './delivery/throttle.js';
import { lambdaServiceInvoker } from './delivery/lambda-service.js';
import { moduleInvoker, type InvokeFunction } from './delivery/transform.js';
import { DeliveryStreamRegistry } from './model/registry.js';
import type { DeliveryStreamMeta } from './model/types.js';
import type { FirehoseRuntime } from './runtime.js';
import { parseDeliveryStreamArn, StreamTaps, type FirehoseLink } from './stream-taps.js';

export interface FirehoseOptions {
  storage: StorageEngine;
  dataDir: string;
  /** The embedded S3 store (default: one over `<dataDir>/s3`). */
  objectStore?: ObjectStore;
  /** The Kinesis service of this process: KinesisStreamAsSource streams are read in-process. */
  kinesis?: KinesisService;
  now?: () => number;
  /** CREATING and DELETING last this long (ms, default 5000; FRESHET_FIREHOSE_TRANSITION_MS). */
  transitionMs?: number;
  /** Bucket name → local folder or S3-compatible endpoint (default: the embedded store). Also FRESHET_FIREHOSE_BUCKETS. */
  buckets?: Record<string, BucketRoute>;
  /** Replaces the object writer entirely (tests). */
  writer?: ObjectWriter;
  /** Freshet's Lambda service, which transforms call by function ARN. */
  functions?: Pick<Functions, 'invokeFunction'>;
  /** Replaces the Lambda service for functions not in `lambdaModules`. */
  invokeFunction?: InvokeFunction;
  /** Lambda ARN → ES module exporting `handler(event)`, for transforms without a Lambda service. Also FRESHET_FIREHOSE_LAMBDA_MODULES. */
  lambdaModules?: Record<string, string>;
  /** Accept `http://` endpoint URLs (AWS requires https). Also FRESHET_FIREHOSE_ALLOW_HTTP=1. */
  allowPlainHttpEndpoints?: boolean;
  /** Direct-put records per second per stream before ServiceUnavailableException (default: unlimited). */
  recordsPerSecond?: number;
  /** First HTTP endpoint retry delay (ms, default 1000 like AWS). */
  httpRetryBaseMs?: number;
  /** Pause before a failed S3 write is retried (ms, default 1000). */
  retryMs?: number;
  /** Kinesis source: pause after an empty GetRecords (ms, default 1000 like Firehose). */
  sourcePollMs?: number;
  log?: (message: string) => void;
  /** Called after each delivered batch (tests, metrics). */
  onDelivered?: (meta: DeliveryStreamMeta, outcome: DeliveryOutcome) => void;
}

export interface FirehoseService extends AwsJsonService {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly runtime: FirehoseRuntime;
  /** Taps and writes for the other services of this process (Kinesis Analytics inputs and outputs). */
  readonly link: FirehoseLink;
}

function envNumber(name: string): number | undefined {
  const v = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(v) ? v : undefined;
}

function envJson(name: string): Record<string, string> | undefined {
  const raw = process.env[name];
  return raw ? (JSON.parse(raw) as Record<string, string>) : undefined;
}

export function createFirehoseService(options: FirehoseOptions): FirehoseService {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((m: string) => console.warn(`firehose: ${m}`));
  const transitionMs = options.transitionMs ?? envNumber('FRESHET_FIREHOSE_TRANSITION_MS') ?? 5000;
  const registry = new DeliveryStreamRegistry(options.storage, { createMs: transitionMs, deleteMs: transitionMs, encryptionMs: transitionMs }, now);
  const writer = options.writer ?? routedObjectWriter(options.objectStore ?? createObjectStore(options.dataDir), { ...bucketRoutesFromEnv(), ...options.buckets });
  const modules = options.lambdaModules ?? envJson('FRESHET_FIREHOSE_LAMBDA_MODULES') ?? {};
  // Local modules first, so a test or a developer can stand in for one function and leave the others to Lambda.
  const invoke = moduleInvoker(modules, options.invokeFunction ?? lambdaServiceInvoker(options.functions));
  const manager = new DeliveryManager({
    storage: options.storage,
    writer,
    invoke,
    ...(options.kinesis ? { kinesis: options.kinesis } : {}),
    now,
    idlePollMs: 1000,
    retryMs: options.retryMs ?? envNumber('FRESHET_FIREHOSE_RETRY_MS') ?? 1000,
    httpRetryBaseMs: options.httpRetryBaseMs ?? envNumber('FRESHET_FIREHOSE_HTTP_RETRY_MS') ?? 1000,
    sourcePollMs: options.sourcePollMs ?? envNumber('FRESHET_FIREHOSE_SOURCE_POLL_MS') ?? 1000,
    log,
    ...(options.onDelivered ? { onDelivered: options.onDelivered } : {}),
  });
  registry.listener = manager;
  const throttle = new RecordThrottle(options.recordsPerSecond ?? envNumber('FRESHET_FIREHOSE_RECORDS_PER_SECOND'), now);
  const taps = new StreamTaps();
  const runtime: FirehoseRuntime = {
    storage: options.storage,
    registry,
    now,
    ingest: async (meta, records) => {
      await manager.ingest(meta, records);
      taps.publish(meta, records, now());
    },
    throttle: (meta, count, partial) => throttle.take(meta.id, count, partial),
    allowPlainHttpEndpoints: options.allowPlainHttpEndpoints ?? process.env['FRESHET_FIREHOSE_ALLOW_HTTP'] === '1',
  };

  const link: FirehoseLink = {
    tap: (arn, listener) => taps.subscribe(arn, listener),
    async put(arn, records) {
      const at = parseDeliveryStreamArn(arn);
      const meta = at && registry.get(at.accountId, at.region, at.name);
      if (!meta || meta.status !== 'ACTIVE') throw new Error(`Firehose ${arn} not found or not ACTIVE`);
      await runtime.ingest(meta, records);
    },
  };

  return {
    targetPrefix: 'Firehose_20150804',
    link,
    signingName: 'firehose',
    operations: new Set(Object.keys(ACTIONS)),
    runtime,
    async handle(operation: string, input: unknown, req: RequestContext): Promise<ActionResult> {
      const action = ACTIONS[operation];
      if (!action) throw new Error(`firehose: no action for ${operation}`);
      const data = validateInput(input, action.validation, req.protocol);
      return action.run({ rt: runtime, req }, data);
    },
    async start() {
      await registry.load();
      registry.start();
    },
    async stop() {
      await registry.stop();
      await manager.stop();
    },
  };
}

