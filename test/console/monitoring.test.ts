/**
 * Monitoring in a real browser and over HTTP: puts and gets move the live chart's data (pushed by server-sent
 * events), the JSON API has per-second series, `/metrics` has Prometheus counters. Also the dashboard.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import type { Page } from 'playwright-core';
import { createStreams } from '../analytics/support.js';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from './browser.js';

let server: TestServer;
let kinesis: KinesisClient;
let browser: TestBrowser;
let page: Page;

before(async () => {
  server = await startTestServer();
  kinesis = server.kinesis();
  // Polls DescribeStreamSummary briefly (the SDK's waiter sleeps 10 s between checks).
  await createStreams(kinesis, ['clicks']);
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const chartNumber = async (attribute: string): Promise<number> => Number(await page.getAttribute('#monitoring-charts', attribute));

test('the monitoring chart follows puts and gets live', async () => {
  await page.goto(`${server.endpoint}/console/#/monitoring`);
  await page.locator('#live-indicator', { hasText: 'live' }).waitFor();
  // The history (two minutes of zeros before any traffic) is loaded before live seconds are added.
  await page.waitForFunction(() => Number(document.querySelector('#monitoring-charts')?.getAttribute('data-seconds')) >= 120, null, { timeout: 20_000 });
  assert.equal(await chartNumber('data-incoming-records'), 0);

  await kinesis.send(new PutRecordsCommand({
    StreamName: 'clicks',
    Records: Array.from({ length: 5 }, (_, i) => ({ PartitionKey: `k${i}`, Data: Buffer.from(`click ${i}`) })),
  }));
  await page.waitForFunction(() => document.querySelector('#monitoring-charts')?.getAttribute('data-incoming-records') === '5', null, { timeout: 20_000 });

  const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'clicks', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
  const got = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
  assert.equal(got.Records?.length, 5);
  await page.waitForFunction(() => document.querySelector('#monitoring-charts')?.getAttribute('data-get-records-records') === '5', null, { timeout: 20_000 });
  // The chart itself holds one point per second.
  assert.ok(Number(await page.getAttribute('#chart-records', 'data-points')) > 0);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'monitoring.png'), fullPage: true });
});

test('the metrics JSON has per-second series and totals', async () => {
  await kinesis.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'abc', Data: Buffer.from('0123456789') }));
  const res = await fetch(`${server.endpoint}/console/api/metrics?stream=clicks&seconds=60`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as any;
  const clicks = body.streams.clicks;
  assert.equal(body.resolutionSeconds, 1);
  assert.equal(clicks.series.t.length, 60);
  assert.equal(clicks.series.t[59] - clicks.series.t[0], 59);
  // Bytes count data and partition key: 5 × ("click i" + "ki") + ("0123456789" + "abc").
  assert.deepEqual(clicks.totals, { incomingRecords: 6, incomingBytes: 5 * (7 + 2) + 13, getRecordsRecords: 5, iteratorAgeMs: 0 });

  const unknown = (await (await fetch(`${server.endpoint}/console/api/metrics?stream=quiet&seconds=10`)).json()) as any;
  assert.deepEqual(unknown.streams.quiet.series.incomingRecords, new Array(10).fill(0));
});

test('/metrics is Prometheus text with a series per stream', async () => {
  const res = await fetch(`${server.endpoint}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  assert.match(text, /^# TYPE freshet_incoming_records_total counter$/m);
  assert.match(text, /^freshet_incoming_records_total\{stream="clicks"\} 6$/m);
  assert.match(text, /^freshet_incoming_bytes_total\{stream="clicks"\} 58$/m);
  assert.match(text, /^freshet_get_records_records_total\{stream="clicks"\} 5$/m);
  assert.match(text, /^freshet_iterator_age_milliseconds\{stream="clicks"\} 0$/m);
});

test('the dashboard lists streams, applications and delivery streams with status', async () => {
  await page.goto(`${server.endpoint}/console/#/dashboard`);
  await page.locator('#dashboard-streams li', { hasText: 'clicks' }).locator('.status', { hasText: 'ACTIVE' }).waitFor();
  await page.locator('#dashboard-applications .empty').waitFor();
  await page.locator('#dashboard-delivery-streams .empty').waitFor();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'dashboard.png') });
});
