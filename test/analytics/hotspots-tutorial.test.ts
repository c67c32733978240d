/**
 * The hotspots example end to end (shared/seeds/000 and the Developer Guide's application): the tutorial's
 * RecordGenerator writes ExampleInputStream with boto3, an application running the example's HOTSPOTS SQL
 * writes ExampleOutputStream as JSON, and a consumer reads HOTSPOTS_RESULT like the example's viewer.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateApplicationCommand, StartApplicationCommand, type KinesisAnalyticsClient } from '@aws-sdk/client-kinesis-analytics';
import { awsCli, boto3, type TestServer } from '../helpers/freshet.js';
import { analyticsClient, kinesisInput, kinesisOutput, readRecords, startAnalyticsServer, waitForApp } from './support.js';

// The Developer Guide's application code for the example.
const HOTSPOTS_SQL = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "x" DOUBLE,
    "y" DOUBLE,
    "is_hot" VARCHAR(4),
    HOTSPOTS_RESULT VARCHAR(10000)
);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT "x", "y", "is_hot", "HOTSPOTS_RESULT"
    FROM TABLE (
        HOTSPOTS(
            CURSOR(SELECT STREAM "x", "y", "is_hot" FROM "SOURCE_SQL_STREAM_001"),
            1000,
            0.2,
            17)
    );`;

let server: TestServer;
let kda: KinesisAnalyticsClient;

before(async () => {
  server = await startAnalyticsServer();
  kda = analyticsClient(server);
});
after(async () => {
  kda.destroy();
  await server.stop();
});

describe('hotspots example', () => {
  it('finds the generator\'s moving hotspot in the application\'s output', async () => {
    for (const name of ['ExampleInputStream', 'ExampleOutputStream']) {
      await awsCli(server.endpoint, ['kinesis', 'create-stream', '--stream-name', name, '--shard-count', '1']);
    }
    await awsCli(server.endpoint, ['kinesis', 'wait', 'stream-exists', '--stream-name', 'ExampleOutputStream']);
    await kda.send(
      new CreateApplicationCommand({
        ApplicationName: 'hotspots',
        ApplicationCode: HOTSPOTS_SQL,
        Inputs: [kinesisInput('ExampleInputStream', [['x', 'DOUBLE'], ['y', 'DOUBLE'], ['is_hot', 'VARCHAR(4)']])],
        Outputs: [kinesisOutput('DESTINATION_SQL_STREAM', 'ExampleOutputStream')],
      }),
    );
    await kda.send(new StartApplicationCommand({ ApplicationName: 'hotspots', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] }));
    await waitForApp(kda, 'hotspots', 'RUNNING');

    // The tutorial's generator, verbatim but for a seed, larger batches, no sleep and 2000 points (two hotspots).
    await boto3(
      server.endpoint,
      `
from random import random, seed
seed(11)
xRange = [0, 10]
yRange = [0, 10]
hotspotSideLength = 1
hotspotWeight = 0.2

def generate_point_in_rectangle(x_min, width, y_min, height):
    return {'x': x_min + random() * width, 'y': y_min + random() * height}

class RecordGenerator(object):
    def __init__(self):
        self.x_min = xRange[0]
        self.width = xRange[1] - xRange[0]
        self.y_min = yRange[0]
        self.height = yRange[1] - yRange[0]
        self.points_generated = 0
        self.hotspot_x_min = None
        self.hotspot_y_min = None

    def get_record(self):
        if self.points_generated % 1000 == 0:
            self.update_hotspot()
        if random() < hotspotWeight:
            record = generate_point_in_rectangle(self.hotspot_x_min, hotspotSideLength, self.hotspot_y_min, hotspotSideLength)
            record['is_hot'] = 'Y'
        else:
            record = generate_point_in_rectangle(self.x_min, self.width, self.y_min, self.height)
            record['is_hot'] = 'N'
        self.points_generated += 1
        data = json.dumps(record)
        return {'Data': bytes(data, 'utf-8'), 'PartitionKey': 'partition_key'}

    def get_records(self, n):
        return [self.get_record() for _ in range(n)]

    def update_hotspot(self):
        self.hotspot_x_min = self.x_min + random() * (self.width - hotspotSideLength)
        self.hotspot_y_min = self.y_min + random() * (self.height - hotspotSideLength)

generator = RecordGenerator()
for _ in range(4):
    kinesis.put_records(StreamName="ExampleInputStream", Records=generator.get_records(500))
`,
    );

    // The consumer: every output record is one JSON row with the point and the hotspots around it.
    const rows = (await readRecords(server.kinesis(), 'ExampleOutputStream', 2000, 60_000)).map((r) => JSON.parse(r));
    assert.equal(rows.length, 2000);
    assert.deepEqual(Object.keys(rows[0]), ['x', 'y', 'is_hot', 'HOTSPOTS_RESULT']);
    for (const k of [0, 1]) {
      // The last point before the hotspot moves: the window holds exactly this hotspot's 1000 points.
      const hot = rows.slice(k * 1000, k * 1000 + 1000).filter((r) => r.is_hot === 'Y');
      const box = { minX: Math.min(...hot.map((r) => r.x)), maxX: Math.max(...hot.map((r) => r.x)), minY: Math.min(...hot.map((r) => r.y)), maxY: Math.max(...hot.map((r) => r.y)) };
      const spots: { density: number; minValues: number[]; maxValues: number[] }[] = JSON.parse(rows[k * 1000 + 999].HOTSPOTS_RESULT).hotspots;
      // The example's viewer keeps hotspots of density 40 or more.
      const dense = spots.filter((s) => s.density >= 40);
      assert.equal(dense.length, 1, JSON.stringify(spots));
      const cx = (dense[0]!.minValues[0]! + dense[0]!.maxValues[0]!) / 2;
      const cy = (dense[0]!.minValues[1]! + dense[0]!.maxValues[1]!) / 2;
      assert.ok(cx >= box.minX && cx <= box.maxX && cy >= box.minY && cy <= box.maxY, `hotspot centre (${cx}, ${cy}) outside ${JSON.stringify(box)}`);
    }
  });
});
