/**
 * `freshet app run APP.sql --config app.json`: an application run standalone from the CreateApplication request
 * its owner kept (here with another account's ARNs: streams are found by name on the endpoint it is pointed at),
 * until SIGTERM; bad code is reported at its file, line and column.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { CLI_ENV, cli, spawnCli } from '../cli/cli-runner.js';
import type { TestServer } from '../helpers/freshet.js';
import { createStreams, readRecords, startAnalyticsServer } from './support.js';
import { trafficMessages } from './traffic.js';

let server: TestServer;
let dir: string;

before(async () => {
  server = await startAnalyticsServer();
  dir = await mkdtemp(join(tmpdir(), 'freshet-app-run-'));
});
after(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

const otherAccount = (stream: string) => `arn:aws:kinesis:us-east-1:123456789012:stream/${stream}`;
const ROLE = 'arn:aws:iam::123456789012:role/kda';

const REQUEST = {
  ApplicationName: 'ratings',
  Inputs: [
    {
      NamePrefix: 'SOURCE_SQL_STREAM',
      KinesisStreamsInput: { ResourceARN: otherAccount('reviews'), RoleARN: ROLE },
      // The reviews notebook's tab-separated schema.
      InputSchema: {
        RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: '\t' } } },
        RecordColumns: [
          { Name: 'review_id', Mapping: 'review_id', SqlType: 'VARCHAR(14)' },
          { Name: 'star_rating', Mapping: 'star_rating', SqlType: 'INTEGER' },
        ],
      },
    },
  ],
  Outputs: [{ Name: 'GOOD_REVIEWS', KinesisStreamsOutput: { ResourceARN: otherAccount('good-reviews'), RoleARN: ROLE }, DestinationSchema: { RecordFormatType: 'CSV' } }],
};

const CODE = `CREATE OR REPLACE STREAM "GOOD_REVIEWS" (review_id VARCHAR(14), stars INTEGER);
CREATE OR REPLACE PUMP "GOOD_PUMP" AS INSERT INTO "GOOD_REVIEWS"
  SELECT STREAM "review_id", "star_rating" FROM "SOURCE_SQL_STREAM_001" WHERE "star_rating" >= 4;
`;

/** Starts `freshet app run …` and resolves once it runs; `stop()` sends SIGTERM and resolves with the exit code. */
async function runApp(args: string[]): Promise<{ stderr: () => string; stop: () => Promise<number | null>; kill: () => void }> {
  const child = spawnCli(['app', 'run', ...args, '--endpoint-url', server.endpoint], {
    env: { ...CLI_ENV, FRESHET_ANALYTICS_TICK_MS: '50', FRESHET_ANALYTICS_POLL_MS: '50' },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  await new Promise<void>((res, rej) => {
    child.stderr!.on('data', (c: string) => {
      stderr += c;
      if (stderr.includes('Ctrl-C stops')) res();
    });
    void exited.then(() => rej(new Error(`app run exited early:\n${stderr}`)));
  });
  return {
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

describe('freshet app run', () => {
  it('runs the application against the endpoint until SIGTERM', async () => {
    await createStreams(server.kinesis(), ['reviews', 'good-reviews']);
    await writeFile(join(dir, 'app.sql'), CODE);
    await writeFile(join(dir, 'app.json'), JSON.stringify(REQUEST));
    const app = await runApp([join(dir, 'app.sql'), '--config', join(dir, 'app.json')]);
    try {
      assert.match(app.stderr(), /ratings running against http:\/\/127\.0\.0\.1:\d+: SOURCE_SQL_STREAM ← arn:aws:kinesis:us-east-1:123456789012:stream\/reviews; GOOD_REVIEWS → /);
      await server.kinesis().send(
        new PutRecordsCommand({
          StreamName: 'reviews',
          Records: ['R1\t5', 'R2\t2', 'R3\t4'].map((line, i) => ({ Data: Buffer.from(line + '\n'), PartitionKey: `p${i}` })),
        }),
      );
      assert.deepEqual(await readRecords(server.kinesis(), 'good-reviews', 2), ['R1,5\n', 'R3,4\n']);
      assert.equal(await app.stop(), 0, app.stderr());
    } finally {
      app.kill();
    }
  });

  it("runs the workshop example's countries join with its reference-data folder", async () => {
    const example = resolve(import.meta.dirname, '../../examples/traffic-workshop');
    await createStreams(server.kinesis(), ['traffic-message-stream', 'traffic-results']);
    const app = await runApp([join(example, 'countries-join.sql'), '--config', join(example, 'app.json'), '--reference-dir', join(example, 'reference-data')]);
    try {
      const messages = trafficMessages(3);
      await server.kinesis().send(
        new PutRecordsCommand({ StreamName: 'traffic-message-stream', Records: messages.map((m) => ({ Data: Buffer.from(JSON.stringify(m)), PartitionKey: m.licenseplate })) }),
      );
      const rows = (await readRecords(server.kinesis(), 'traffic-results', 3)).map((r) => JSON.parse(r));
      assert.deepEqual(rows.map((r) => r.COUNTRY), ['Netherlands', 'Belgium', 'Germany']);
      assert.equal(await app.stop(), 0, app.stderr());
    } finally {
      app.kill();
    }
  });

  it('reports bad code at its file, line and column, and a bad request as the API would', async () => {
    await writeFile(join(dir, 'bad.sql'), CODE.replace('"star_rating" >= 4', '"stars_rating" >= 4'));
    const bad = await cli(['app', 'run', join(dir, 'bad.sql'), '--config', join(dir, 'app.json'), '--endpoint-url', server.endpoint]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, new RegExp(`^freshet: ${join(dir, 'bad.sql').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: `));
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ ...REQUEST, Outputs: [{ Name: 'X' }] }));
    const badConfig = await cli(['app', 'run', join(dir, 'app.sql'), '--config', join(dir, 'bad.json'), '--endpoint-url', server.endpoint]);
    assert.equal(badConfig.code, 1);
    assert.equal(
      badConfig.stderr.trim(),
      "freshet: app.json: ValidationException: 1 validation error detected: Value null at 'outputs.1.member.destinationSchema' failed to satisfy constraint: Member must not be null",
    );
  });
});
