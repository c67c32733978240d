/**
 * Helpers for the control-plane tests: raw Kinesis JSON 1.1 / CBOR requests (exact status and body), and waiting
 * for a stream to leave a transitional state.
 */
import assert from 'node:assert/strict';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import { rawRequest } from '../helpers/raw-http.js';

export interface KinesisReply {
  status: number;
  body: any;
}

function headers(operation: string, contentType: string, region: string): Record<string, string> {
  return {
    'content-type': contentType,
    'x-amz-target': `Kinesis_20131202.${operation}`,
    'x-amz-date': '20260101T000000Z',
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDFRESHETTEST/20260101/${region}/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
  };
}

/** One JSON 1.1 request; the body is sent verbatim when it is a string. */
export async function kinesisJson(endpoint: string, operation: string, body: unknown, region = 'us-east-1'): Promise<KinesisReply> {
  const res = await rawRequest({
    endpoint,
    headers: headers(operation, 'application/x-amz-json-1.1', region),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: res.text ? JSON.parse(res.text) : '' };
}

/** One CBOR 1.1 request. */
export async function kinesisCbor(endpoint: string, operation: string, body: unknown): Promise<KinesisReply> {
  const res = await rawRequest({
    endpoint,
    headers: headers(operation, 'application/x-amz-cbor-1.1', 'us-east-1'),
    body: Buffer.from(encodeCbor(body)),
  });
  return { status: res.status, body: res.body.length ? decodeCbor(res.body) : '' };
}

/** Asserts a 400 with exactly this `__type` and message. */
export async function assertAwsError(reply: Promise<KinesisReply>, type: string, message: string | RegExp): Promise<void> {
  const r = await reply;
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.__type, type, JSON.stringify(r.body));
  const text = r.body.message ?? r.body.Message;
  if (message instanceof RegExp) assert.match(text, message);
  else assert.equal(text, message);
}

/** Polls DescribeStreamSummary until the stream has `status` (or is gone, for 'GONE'). */
export async function waitForStatus(endpoint: string, name: string, status: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await kinesisJson(endpoint, 'DescribeStreamSummary', { StreamName: name });
    if (status === 'GONE' ? r.body.__type === 'ResourceNotFoundException' : r.body.StreamDescriptionSummary?.StreamStatus === status) {
      return;
    }
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`stream ${name} never reached ${status}`);
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { startServer } from '../../src/server/server.js';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { createKinesisService, type KinesisService } from '../../src/kinesis/service.js';
import type { KinesisOptions } from '../../src/kinesis/options.js';
import type { StorageEngine } from '../../src/storage/engine.js';

export interface KinesisTestServer {
  endpoint: string;
  dataDir: string;
  service: KinesisService;
  storage: StorageEngine;
  kinesis(): KinesisClient;
  /** Stops everything; the data dir is kept when `keepData` (to start again on it). */
  stop(keepData?: boolean): Promise<void>;
}

/**
 * The Kinesis service alone on embedded storage behind the real transport, with its runtime reachable (tests that
 * need to reshape metadata or move the clock). Short state delays unless overridden.
 */
export async function startKinesisServer(
  opts: Partial<Omit<KinesisOptions, 'storage'>> & { dataDir?: string } = {},
): Promise<KinesisTestServer> {
  const { dataDir: given, ...kopts } = opts;
  const dataDir = given ?? (await mkdtemp(join(tmpdir(), 'freshet-kinesis-')));
  const storage = createEmbeddedStorage({ dataDir });
  await storage.open();
  const service = createKinesisService({ createStreamMs: 20, deleteStreamMs: 20, updateStreamMs: 20, ...kopts, storage });
  await service.start();
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    services: [service],
    defaultRegion: 'us-east-1',
    defaultAccountId: '000000000000',
    logError: () => undefined,
  });
  const endpoint = `http://127.0.0.1:${server.port}`;
  const clients: KinesisClient[] = [];
  return {
    endpoint,
    dataDir,
    service,
    storage,
    kinesis() {
      const c = new KinesisClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDFRESHETTEST', secretAccessKey: 'x' },
        maxAttempts: 1,
      });
      clients.push(c);
      return c;
    },
    async stop(keepData = false) {
      for (const c of clients) c.destroy();
      await server.close();
      await service.stop();
      await storage.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
