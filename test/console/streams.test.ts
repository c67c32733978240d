/**
 * The console's stream pages in a real browser: create a stream from the form, see its shards, put records with
 * the producer box and read them back decoded in the data viewer.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ListStreamsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from './browser.js';

let server: TestServer;
let browser: TestBrowser;
let page: Page;

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('creates a stream from the streams page and lists it as ACTIVE', async () => {
  await page.goto(`${server.endpoint}/console/#/streams`);
  await page.fill('input[name=stream-name]', 'orders');
  await page.fill('input[name=shards]', '2');
  await page.click('#create-stream button[type=submit]');
  await page.locator('tr[data-stream=orders] .status', { hasText: 'ACTIVE' }).waitFor();
  const listed = await server.kinesis().send(new ListStreamsCommand({}));
  assert.deepEqual(listed.StreamNames, ['orders']);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'streams.png') });
});

test("a stream's page shows its open shards with their hash-key ranges", async () => {
  await page.click('tr[data-stream=orders] a');
  await page.locator('#stream-status', { hasText: 'ACTIVE' }).waitFor();
  const rows = page.locator('#shards tbody tr');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  assert.deepEqual(await page.locator('#shards tbody tr td:nth-child(2)').allTextContents(), ['open', 'open']);
  assert.match((await rows.nth(0).locator('td:nth-child(3)').textContent())!, /^0 – /);
});

test('records put in the producer box appear decoded in the data viewer', async () => {
  await page.fill('#producer textarea', '{"order":1,"item":"tea"}\nplain text line');
  await page.fill('#producer input[name=partition-key]', 'customer-7');
  await page.click('#producer button[type=submit]');
  await page.locator('#producer-result', { hasText: 'Put 2 record(s).' }).waitFor();

  await page.click('#data-viewer button[type=submit]');
  await page.locator('#record-count', { hasText: /^2 record/ }).waitFor();
  const records = page.locator('#data-viewer .record');
  assert.equal(await records.nth(0).locator('.kind').textContent(), 'json');
  assert.equal(await records.nth(0).locator('pre').textContent(), '{\n  "order": 1,\n  "item": "tea"\n}');
  assert.equal(await records.nth(1).locator('.kind').textContent(), 'text');
  assert.equal(await records.nth(1).locator('pre').textContent(), 'plain text line');
  assert.deepEqual(await page.locator('#data-viewer .partition-key').allTextContents(), ['customer-7', 'customer-7']);
  assert.match((await records.nth(0).locator('.sequence-number').textContent())!, /^\d{56}$/);
});

test('the data viewer keeps tailing: a record put by another client shows up, binary data as hex', async () => {
  await server.kinesis().send(new PutRecordCommand({ StreamName: 'orders', PartitionKey: 'bin', Data: new Uint8Array([0xff, 0x00, 0x41]) }));
  await page.locator('#record-count', { hasText: /^3 record/ }).waitFor();
  const last = page.locator('#data-viewer .record').nth(2);
  assert.equal(await last.locator('.kind').textContent(), 'hex');
  assert.match((await last.locator('pre').textContent())!, /^00000000  ff 00 41 +\.\.A$/);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'stream.png'), fullPage: true });
});

test('deletes a stream from the list', async () => {
  page.once('dialog', (d) => void d.accept());
  await page.goto(`${server.endpoint}/console/#/streams`);
  await page.click('tr[data-stream=orders] button.danger');
  await page.locator('tr[data-stream=orders]').waitFor({ state: 'detached' });
  assert.deepEqual((await server.kinesis().send(new ListStreamsCommand({}))).StreamNames, []);
});
