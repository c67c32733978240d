/**
 * `startFreshet`: the whole platform in one process — embedded storage, the Kinesis service and the server —
 * started in that order and closed in the reverse one. Used by `freshet serve` and by the integration tests.
 */
import { resolve } from 'node:path';
import { createAnalyticsService, type AnalyticsOptions } from './analytics/service.js';
import { createConsoleServer } from './console/server/index.js';
import { createFirehoseService, type FirehoseOptions } from './firehose/service.js';
import { createKinesisService } from './kinesis/service.js';
import { createFunctions, createLambdaEndpoint, type Functions } from './lambda/index.js';
import { createObjectStore, createS3Endpoint, type ObjectStore } from './s3/index.js';
import { startServer, type AccessKey, type HttpRoute } from './server/server.js';
import { createEmbeddedStorage, type SyncPolicy } from './storage/embedded/index.js';

export interface FreshetConfig {
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Plain port for HTTP/1.1 and cleartext HTTP/2 (default 4567; 0 picks a free one). */
  port?: number;
  /** Optional TLS port (h2 and http/1.1 by ALPN); 0 picks a free one. */
  tlsPort?: number;
  tlsCert?: string;
  tlsKey?: string;
  dataDir: string;
  sync?: SyncPolicy;
  createStreamMs?: number;
  deleteStreamMs?: number;
  updateStreamMs?: number;
  shardLimit?: number;
  throughputLimits?: boolean;
  iteratorTtlMs?: number;
  /** Verify SigV4 signatures against `accessKeys`. */
  auth?: boolean;
  accessKeys?: AccessKey[];
  /** Region when a request's credential scope names none (default us-east-1). */
  region?: string;
  /** Account when a request's access key maps to none (default 000000000000). */
  accountId?: string;
  routes?: HttpRoute[];
  /** Kinesis Data Analytics tuning (clock tick, poll interval, transition time, reference-data folder). */
  analytics?: Partial<Omit<AnalyticsOptions, 'storage' | 'kinesis' | 'dataDir'>>;
  /** Firehose tuning (transition time, bucket routes, Lambda functions, retry pacing). */
  firehose?: Partial<Omit<FirehoseOptions, 'storage' | 'kinesis' | 'dataDir' | 'objectStore' | 'functions'>>;
}

export interface RunningFreshet {
  /** `http://host:port` */
  endpoint: string;
  port: number;
  /** `https://host:tlsPort`, when a TLS port was asked for. */
  tlsEndpoint?: string;
  tlsCertPath?: string;
  dataDir: string;
  addRoute(route: HttpRoute): void;
  /** The embedded S3's objects, in-process. */
  objectStore: ObjectStore;
  /** Lambda functions, in-process (`functions.invokeFunction(arn, event)`). */
  functions: Functions;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4567;
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '000000000000';

export async function startFreshet(config: FreshetConfig): Promise<RunningFreshet> {
  const host = config.host ?? '127.0.0.1';
  const dataDir = resolve(config.dataDir);
  const accountId = config.accountId ?? DEFAULT_ACCOUNT_ID;

  // The embedded S3 endpoint's objects: plain files under <dataDir>/s3/.
  const objectStore = createObjectStore(dataDir);
  // Lambda functions (handlers in child processes, or HTTP URLs) under <dataDir>/lambda/.
  const functions = createFunctions({ dataDir, objectStore, defaultRegion: config.region ?? DEFAULT_REGION, defaultAccountId: accountId });
  const storage = createEmbeddedStorage({ dataDir, sync: config.sync });
  await storage.open();
  const kinesis = createKinesisService({
    storage,
    defaultAccountId: accountId,
    createStreamMs: config.createStreamMs,
    deleteStreamMs: config.deleteStreamMs,
    updateStreamMs: config.updateStreamMs,
    shardLimit: config.shardLimit,
    throughputLimits: config.throughputLimits,
    iteratorTtlMs: config.iteratorTtlMs,
  });
  try {
    await kinesis.start();
  } catch (err) {
    await storage.close();
    throw err;
  }
  // Created (not started) before analytics: applications tap its delivery streams and put into them.
  const firehose = createFirehoseService({ ...config.firehose, storage, kinesis, dataDir, objectStore, functions });
  const analytics = createAnalyticsService({
    ...config.analytics,
    storage,
    kinesis,
    dataDir,
    objectStore,
    firehose: () => firehose.link,
    invoke: (arn, event) => functions.invokeFunction(arn, event),
  });
  try {
    await analytics.start();
  } catch (err) {
    await kinesis.stop();
    await storage.close();
    throw err;
  }
  try {
    await firehose.start();
  } catch (err) {
    await analytics.stop();
    await kinesis.stop();
    await storage.close();
    throw err;
  }

  // The web console (/console/), its metrics API and /metrics; it meters the Kinesis service's puts and gets.
  const webConsole = createConsoleServer();
  let server;
  try {
    server = await startServer({
      host,
      port: config.port ?? DEFAULT_PORT,
      tlsPort: config.tlsPort,
      tlsCert: config.tlsCert,
      tlsKey: config.tlsKey,
      dataDir,
      services: [webConsole.meter(kinesis), analytics, firehose],
      routes: [...(config.routes ?? []), ...webConsole.routes],
      restServices: [createLambdaEndpoint(functions), createS3Endpoint(objectStore)],
      auth: config.auth || config.accessKeys?.length ? { verify: config.auth ?? false, keys: config.accessKeys ?? [] } : undefined,
      defaultRegion: config.region ?? DEFAULT_REGION,
      defaultAccountId: accountId,
    });
  } catch (err) {
    await firehose.stop();
    await analytics.stop();
    await kinesis.stop();
    await storage.close();
    throw err;
  }

  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${urlHost}:${server.port}`,
    port: server.port,
    tlsEndpoint: server.tlsPort !== undefined ? `https://${urlHost}:${server.tlsPort}` : undefined,
    tlsCertPath: server.tlsCertPath,
    dataDir,
    addRoute: (route) => server.addRoute(route),
    objectStore,
    functions,
    close() {
      closing ??= (async () => {
        webConsole.close();
        await server.close();
        // Applications first: their last rows go to Firehose delivery streams and Lambda functions.
        await analytics.stop();
        await firehose.stop();
        await functions.close();
        await kinesis.stop();
        await storage.close();
      })();
      return closing;
    },
  };
}
