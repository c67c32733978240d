import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStreamCommand, DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { cli, oneLineError } from './cli-runner.js';
import { readAll } from './stream-contents.js';

describe('freshet generate', () => {
  let server: TestServer;
  let ep: string[];
  let dir: string;
  before(async () => {
    server = await startTestServer();
    ep = ['--endpoint-url', server.endpoint];
    dir = await mkdtemp(join(tmpdir(), 'freshet-gen-'));
    const kinesis = server.kinesis();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'ticker', ShardCount: 2 }));
    while ((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'ticker' }))).StreamDescriptionSummary!.StreamStatus !== 'ACTIVE') {
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  after(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the KDA demo stream shape, keyed by ticker symbol, and stops at --count', async () => {
    const r = await cli(['generate', 'stock-ticker', '--stream', 'ticker', '--rate', '500', '--count', '40', '--seed', 'demo', ...ep]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Wrote 40 stock-ticker records \(.*\) to ticker in /);
    const records = await readAll(server.kinesis(), 'ticker');
    assert.equal(records.length, 40);
    for (const rec of records) {
      const v = JSON.parse(rec.data);
      assert.deepEqual(Object.keys(v), ['TICKER_SYMBOL', 'SECTOR', 'CHANGE', 'PRICE']);
      assert.ok(/^[A-Z]{1,4}$/.test(v.TICKER_SYMBOL) && rec.partitionKey === v.TICKER_SYMBOL, rec.data);
      assert.ok(['TECHNOLOGY', 'HEALTHCARE', 'ENERGY', 'FINANCIAL', 'RETAIL', 'AUTOMOBILE'].includes(v.SECTOR), rec.data);
      assert.ok(v.PRICE >= 1 && v.PRICE <= 1000 && Math.abs(v.CHANGE) <= v.PRICE * 0.06, rec.data);
    }
  });

  it('is reproducible with --seed, and the built-in data sets have the tutorials\' shapes', async () => {
    const run = (t: string, seed: string) => cli(['generate', t, '--print', '--count', '300', '--rate', '100000', '--seed', seed]);
    const [a, b, c, hot, traffic, reviews] = await Promise.all([
      run('stock-ticker', '7'),
      run('stock-ticker', '7'),
      run('stock-ticker', '8'),
      run('hotspots', '1'),
      run('traffic', '1'),
      run('reviews', '1'),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    assert.notEqual(a.stdout, c.stdout);

    const points = hot.lines<{ x: number; y: number; is_hot: string }>();
    assert.equal(points.length, 300);
    const hotPoints = points.filter((p) => p.is_hot === 'Y');
    assert.ok(hotPoints.length > 30 && hotPoints.length < 90, `about 20% hot: ${hotPoints.length}`);
    const xs = hotPoints.map((p) => p.x);
    const ys = hotPoints.map((p) => p.y);
    assert.ok(Math.max(...xs) - Math.min(...xs) <= 1 && Math.max(...ys) - Math.min(...ys) <= 1, 'hot points share one 1×1 box');
    assert.ok(points.every((p) => p.x >= 0 && p.x < 10 && p.y >= 0 && p.y < 10));

    for (const m of traffic.lines()) {
      assert.deepEqual(Object.keys(m), ['color', 'licenseplate', 'manufacturer', 'model', 'latitude', 'longitude', 'roadNumber', 'speed', 'timestamp', 'country']);
      assert.ok(typeof m.latitude === 'string' && typeof m.longitude === 'number' && Number.isInteger(m.speed));
      assert.match(m.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    }
    for (const line of reviews.stdout.trimEnd().split('\n')) {
      const [id, stars, category, body, ...rest] = line.split('\t');
      assert.match(id!, /^R[A-Z0-9]{13}$/);
      assert.ok(['1', '2', '3', '4', '5'].includes(stars!) && category!.length <= 24 && body!.length > 0 && rest.length === 0, line);
    }
  });

  it('renders a template file with placeholders', async () => {
    const tpl = join(dir, 'sensor.tpl');
    await writeFile(
      tpl,
      '{"sensor": "{{random.arrayElement(["s1","s2"])}}", "temp": {{random.number(10,20)}}, "p": {{random.number({"min":0,"max":1,"precision":0.25})}},' +
        ' "id": "{{random.uuid}}", "at": "{{date.now}}", "day": "{{date.now("YYYY-MM-DD")}}", "i": {{record.index}},' +
        ' "lvl": "{{random.weightedArrayElement({"weights":[1,0],"data":["ok","never"]})}}"}\n',
    );
    const r = await cli(['generate', tpl, '--print', '--count', '50', '--rate', '100000', '--seed', '3']);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.lines();
    assert.equal(rows.length, 50);
    rows.forEach((v, i) => {
      assert.ok(['s1', 's2'].includes(v.sensor));
      assert.ok(Number.isInteger(v.temp) && v.temp >= 10 && v.temp <= 20);
      assert.ok([0, 0.25, 0.5, 0.75, 1].includes(v.p), String(v.p));
      assert.match(v.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(!Number.isNaN(Date.parse(v.at)) && v.day === v.at.slice(0, 10));
      assert.equal(v.i, i);
      assert.equal(v.lvl, 'ok');
    });
    assert.ok(new Set(rows.map((v) => v.sensor)).size === 2 && new Set(rows.map((v) => v.temp)).size > 3, 'values vary');

    const bad = join(dir, 'bad.tpl');
    await writeFile(bad, '{"x": {{random.nope(1)}}}');
    const e = await cli(['generate', bad, '--print']);
    assert.match(oneLineError(e), /^freshet: .*bad\.tpl: \{\{random\.nope\(1\)\}\}: unknown placeholder \(known: random\.number, /);
  });
});
