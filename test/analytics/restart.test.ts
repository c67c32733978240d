/**
 * Applications survive the process: a clean restart and a crash (SIGKILL of `freshet serve`) both bring back
 * every application with its configuration and version, a RUNNING application runs again from its checkpoint,
 * and no input record is lost across the restart.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { CreateApplicationCommand, DescribeApplicationCommand, StartApplicationCommand } from '@aws-sdk/client-kinesis-analytics';
import { KinesisAnalyticsClient } from '@aws-sdk/client-kinesis-analytics';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { spawnServer, TEST_CREDENTIALS, TEST_REGION, type SpawnedServer } from '../helpers/freshet.js';
import { analyticsClient, createStreams, kinesisInput, kinesisOutput, readRecords, startAnalyticsServer, waitForApp } from './support.js';

const CODE = `CREATE OR REPLACE STREAM "DEST" (n INTEGER);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DEST" SELECT STREAM "n" FROM "SOURCE_SQL_STREAM_001";`;

const records = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ Data: Buffer.from(JSON.stringify({ n: from + i })), PartitionKey: `k${from + i}` }));

async function setUp(kda: KinesisAnalyticsClient, kinesis: KinesisClient): Promise<void> {
  await createStreams(kinesis, ['restart-in', 'restart-out']);
  await kda.send(new CreateApplicationCommand({ ApplicationName: 'survivor', ApplicationCode: CODE, Inputs: [kinesisInput('restart-in', [['n', 'INTEGER']])], Outputs: [kinesisOutput('DEST', 'restart-out')] }));
  await kda.send(new StartApplicationCommand({ ApplicationName: 'survivor', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] }));
  await waitForApp(kda, 'survivor', 'RUNNING');
}

const numbers = (rows: string[]): number[] => rows.map((r) => JSON.parse(r).N as number).sort((a, b) => a - b);

describe('restarts', () => {
  it('a clean restart keeps the application RUNNING and resumes after the last delivered record', async () => {
    const first = await startAnalyticsServer({ keepDataDir: true });
    const dataDir = first.dataDir;
    try {
      let kda = analyticsClient(first);
      await setUp(kda, first.kinesis());
      await first.kinesis().send(new PutRecordsCommand({ StreamName: 'restart-in', Records: records(1, 3) }));
      assert.deepEqual(numbers(await readRecords(first.kinesis(), 'restart-out', 3)), [1, 2, 3]);
      kda.destroy();
      await first.stop();

      const second = await startAnalyticsServer({ dataDir });
      try {
        kda = analyticsClient(second);
        const d = (await kda.send(new DescribeApplicationCommand({ ApplicationName: 'survivor' }))).ApplicationDetail!;
        assert.deepEqual([d.ApplicationStatus, d.ApplicationVersionId, d.ApplicationCode], ['RUNNING', 1, CODE]);
        await second.kinesis().send(new PutRecordsCommand({ StreamName: 'restart-in', Records: records(4, 5) }));
        assert.deepEqual(numbers(await readRecords(second.kinesis(), 'restart-out', 5)), [1, 2, 3, 4, 5]);
        // Nothing was read twice.
        assert.equal((await readRecords(second.kinesis(), 'restart-out', 6, 500)).length, 5);
        kda.destroy();
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  let spawned: SpawnedServer | undefined;
  after(async () => {
    await spawned?.dispose();
  });

  it('after a crash, the RUNNING application runs again and reads what arrived before the crash', async () => {
    // The child inherits this environment: the analytics clock runs fast there too.
    Object.assign(process.env, { FRESHET_ANALYTICS_TICK_MS: '50', FRESHET_ANALYTICS_POLL_MS: '50', FRESHET_ANALYTICS_TRANSITION_MS: '20' });
    spawned = await spawnServer(['--create-stream-ms', '10']);
    const clients = (endpoint: string) => ({
      kda: new KinesisAnalyticsClient({ endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 }),
      kinesis: new KinesisClient({ endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 }),
    });
    let c = clients(spawned.endpoint);
    await setUp(c.kda, c.kinesis);
    await c.kinesis.send(new PutRecordsCommand({ StreamName: 'restart-in', Records: records(1, 2) }));
    assert.deepEqual(numbers(await readRecords(c.kinesis, 'restart-out', 2)), [1, 2]);
    // Records the application may not have read yet when the process dies.
    await c.kinesis.send(new PutRecordsCommand({ StreamName: 'restart-in', Records: records(3, 4) }));
    await spawned.kill();
    c.kda.destroy();
    c.kinesis.destroy();

    spawned = await spawned.restart();
    c = clients(spawned.endpoint);
    try {
      const d = (await c.kda.send(new DescribeApplicationCommand({ ApplicationName: 'survivor' }))).ApplicationDetail!;
      assert.equal(d.ApplicationStatus, 'RUNNING');
      await c.kinesis.send(new PutRecordsCommand({ StreamName: 'restart-in', Records: records(5, 5) }));
      const got = numbers(await readRecords(c.kinesis, 'restart-out', 5, 15_000));
      // At least once: every record is there (a record delivered just before the crash may appear twice).
      assert.deepEqual([...new Set(got)], [1, 2, 3, 4, 5]);
    } finally {
      c.kda.destroy();
      c.kinesis.destroy();
    }
  });
});
