/**
 * The analytics page in a real browser: an application's SQL in the editor, started from the console, its output
 * rows appearing live, then stopped.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateApplicationCommand, type KinesisAnalyticsClient } from '@aws-sdk/client-kinesis-analytics';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { Page } from 'playwright-core';
import type { TestServer } from '../helpers/freshet.js';
import { analyticsClient, createStreams, kinesisInput, kinesisOutput, startAnalyticsServer, waitForApp } from '../analytics/support.js';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from './browser.js';

const SQL = `CREATE OR REPLACE STREAM "DEST" (ticker VARCHAR(8), price DOUBLE);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DEST"
  SELECT STREAM "ticker", "price" FROM "SOURCE_SQL_STREAM_001" WHERE "price" > 10;`;

let server: TestServer;
let kda: KinesisAnalyticsClient;
let browser: TestBrowser;
let page: Page;

before(async () => {
  server = await startAnalyticsServer();
  kda = analyticsClient(server);
  await createStreams(server.kinesis(), ['ticks', 'expensive']);
  await kda.send(new CreateApplicationCommand({
    ApplicationName: 'filter',
    ApplicationCode: SQL,
    Inputs: [kinesisInput('ticks', [['ticker', 'VARCHAR(8)'], ['price', 'DOUBLE']])],
    Outputs: [kinesisOutput('DEST', 'expensive')],
  }));
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  kda?.destroy();
  await server?.stop();
});

test('lists the application and shows its SQL', async () => {
  await page.goto(`${server.endpoint}/console/#/analytics`);
  await page.locator('tr[data-application=filter] .status', { hasText: 'READY' }).waitFor();
  await page.click('tr[data-application=filter] a');
  await page.locator('#application-sql .cm-content').waitFor();
  assert.equal(await page.locator('#application-sql .cm-line').count(), 3);
  assert.match((await page.locator('#application-sql .cm-content').textContent())!, /CREATE OR REPLACE PUMP "P"/);
});

test('starts the application; its output rows appear live; stops it', async () => {
  await page.click('#start-application');
  await page.locator('#application-status', { hasText: 'RUNNING' }).waitFor();
  // The output viewer tails from new records on; wait until it is reading before putting.
  await page.locator('[data-output-stream=expensive] #record-count', { hasText: 'tailing' }).waitFor();
  await server.kinesis().send(new PutRecordsCommand({
    StreamName: 'ticks',
    Records: [{ ticker: 'ABC', price: 5 }, { ticker: 'XYZ', price: 42.5 }].map((d) => ({ PartitionKey: d.ticker, Data: Buffer.from(JSON.stringify(d)) })),
  }));
  const rows = page.locator('[data-output-stream=expensive] .record pre');
  await rows.first().waitFor({ timeout: 30_000 });
  assert.equal(await rows.first().textContent(), '{\n  "TICKER": "XYZ",\n  "PRICE": 42.5\n}');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'analytics.png'), fullPage: true });

  await page.click('#stop-application');
  await page.locator('#application-status', { hasText: 'READY' }).waitFor();
  await waitForApp(kda, 'filter', 'READY');
});
