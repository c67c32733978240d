/**
 * Helpers for the Firehose tests: a server with short transitions, a Firehose client for it, waiting for a stream
 * to become ACTIVE, and reading delivered objects back from the embedded S3 store.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { createObjectStore } from '../../src/s3/index.js';
import { startTestServer, TEST_CREDENTIALS, TEST_REGION, type TestServer, type TestServerOptions } from '../helpers/freshet.js';

export const ROLE_ARN = 'arn:aws:iam::000000000000:role/firehose_delivery_role';

export async function startFirehoseServer(opts: TestServerOptions = {}): Promise<TestServer> {
  return startTestServer({
    ...opts,
    firehose: { transitionMs: 30, retryMs: 50, httpRetryBaseMs: 20, sourcePollMs: 50, allowPlainHttpEndpoints: true, ...opts.firehose },
  });
}

export function firehoseClient(endpoint: string): FirehoseClient {
  return new FirehoseClient({ endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

export async function waitActive(client: FirehoseClient, name: string): Promise<void> {
  await eventually(
    async () => {
      const d = await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
      return d.DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE' ? true : undefined;
    },
    10_000,
    `${name} to become ACTIVE`,
  );
}

export interface StoredObject {
  key: string;
  body: Buffer;
  contentEncoding?: string;
}

/** Every object of a bucket in the embedded store, in key order ([] when the bucket does not exist yet). */
export async function listObjects(dataDir: string, bucket: string, prefix = ''): Promise<StoredObject[]> {
  const store = createObjectStore(dataDir);
  let result;
  try {
    result = await store.listObjects(bucket, { prefix, maxKeys: 1000 });
  } catch {
    return [];
  }
  const out: StoredObject[] = [];
  for (const info of result.contents) {
    const { body } = await store.getObject(bucket, info.key);
    out.push({ key: info.key, body, ...(info.contentEncoding ? { contentEncoding: info.contentEncoding } : {}) });
  }
  return out;
}

/** Waits until the bucket holds at least `count` objects under `prefix`. */
export function waitObjects(dataDir: string, bucket: string, count: number, prefix = '', timeoutMs = 10_000): Promise<StoredObject[]> {
  return eventually(
    async () => {
      const objects = await listObjects(dataDir, bucket, prefix);
      return objects.length >= count ? objects : undefined;
    },
    timeoutMs,
    `${count} object(s) in ${bucket}/${prefix}`,
  );
}

/** An S3 destination delivering quickly (1 s interval unless given). */
export function s3Destination(bucket: string, extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    RoleARN: ROLE_ARN,
    BucketARN: `arn:aws:s3:::${bucket}`,
    BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
    ...extra,
  };
}
