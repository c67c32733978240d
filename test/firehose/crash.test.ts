/**
 * At-least-once across a crash: every record PutRecordBatch acknowledged before a SIGKILL of the server reaches
 * S3 after a restart on the same data dir, whether it had been delivered already or was still buffered.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDeliveryStreamCommand, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { spawnServer, type SpawnedServer } from '../helpers/freshet.js';
import { firehoseClient, listObjects, s3Destination, waitActive, eventually } from './support.js';

describe('a SIGKILL loses no acknowledged record', () => {
  let server: SpawnedServer;
  let restarted: SpawnedServer | undefined;
  const savedEnv = { ...process.env };

  before(async () => {
    // The child server takes its Firehose pacing from the environment.
    process.env['FRESHET_FIREHOSE_TRANSITION_MS'] = '30';
    process.env['FRESHET_FIREHOSE_RETRY_MS'] = '50';
    server = await spawnServer();
  });
  after(async () => {
    process.env = savedEnv;
    await restarted?.dispose();
    await server.dispose();
  });

  it('delivers every acknowledged record after a restart', async () => {
    const client = firehoseClient(server.endpoint);
    // A 2 s interval: when the kill comes, some records are delivered and some are still buffered.
    await client.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'durable',
        ExtendedS3DestinationConfiguration: s3Destination('crash-bucket', {
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 2 },
          ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord' }] },
        }) as any,
      }),
    );
    await waitActive(client, 'durable');

    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    const writers = Array.from({ length: 4 }, async () => {
      while (!killed) {
        const ids = Array.from({ length: 20 }, () => `rec-${next++}`);
        try {
          const res = await client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'durable', Records: ids.map((id) => ({ Data: Buffer.from(id) })) }));
          res.RequestResponses!.forEach((r, i) => r.RecordId && acknowledged.push(ids[i]!));
        } catch {
          return; // the server is gone
        }
      }
    });
    await eventually(async () => (acknowledged.length >= 2000 ? true : undefined), 30_000, '2000 acknowledged records');
    // Let one interval pass so part of the data has been delivered before the crash.
    await eventually(async () => ((await listObjects(server.dataDir, 'crash-bucket')).length > 0 ? true : undefined), 10_000, 'a first object');
    killed = true;
    await server.kill();
    await Promise.all(writers);
    client.destroy();
    assert.ok(acknowledged.length >= 2000);

    restarted = await server.restart();
    const delivered = await eventually(
      async () => {
        const objects = await listObjects(restarted!.dataDir, 'crash-bucket');
        const seen = new Set(objects.flatMap((o) => o.body.toString().split('\n').filter(Boolean)));
        return acknowledged.every((id) => seen.has(id)) ? seen : undefined;
      },
      20_000,
      'every acknowledged record in S3',
    );
    assert.ok(delivered.size >= acknowledged.length);
  });
});
