/**
 * The Lambda transformation contract with a local-module function: the event Firehose sends, Ok / Dropped /
 * ProcessingFailed results, unanswered record ids, and failed records under the processing-failed prefix.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { CreateDeliveryStreamCommand, PutRecordBatchCommand, type FirehoseClient } from '@aws-sdk/client-firehose';
import type { TestServer } from '../helpers/freshet.js';
import { calls } from './fixtures/failing-handler.js';
import { seenEvents } from './fixtures/transform-handler.js';
import { firehoseClient, s3Destination, startFirehoseServer, waitActive, waitObjects } from './support.js';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:upper';
const BROKEN_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:broken';

describe('Lambda data transformation', () => {
  let server: TestServer;
  let client: FirehoseClient;

  before(async () => {
    const modulePath = fileURLToPath(new URL('./fixtures/transform-handler.ts', import.meta.url));
    server = await startFirehoseServer({
      firehose: {
        lambdaModules: { [FUNCTION_ARN]: modulePath, [BROKEN_ARN]: fileURLToPath(new URL('./fixtures/failing-handler.ts', import.meta.url)) },
      },
    });
    client = firehoseClient(server.endpoint);
  });
  after(async () => {
    client.destroy();
    await server.stop();
  });

  function lambda(arn: string, retries?: number): Record<string, unknown> {
    return {
      Enabled: true,
      Processors: [
        {
          Type: 'Lambda',
          Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: arn }, ...(retries !== undefined ? [{ ParameterName: 'NumberOfRetries', ParameterValue: String(retries) }] : [])],
        },
      ],
    };
  }

  it('delivers Ok records as transformed, skips Dropped ones and writes failures under processing-failed/', async () => {
    await client.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'transformed',
        ExtendedS3DestinationConfiguration: s3Destination('transformed', { Prefix: 'out/', ProcessingConfiguration: lambda(FUNCTION_ARN) }) as any,
      }),
    );
    await waitActive(client, 'transformed');
    await client.send(
      new PutRecordBatchCommand({ DeliveryStreamName: 'transformed', Records: ['a', 'drop', 'b', 'fail', 'forget'].map((t) => ({ Data: Buffer.from(t) })) }),
    );
    const out = await waitObjects(server.dataDir, 'transformed', 1, 'out/');
    assert.equal(out[0]!.body.toString(), 'A\nB\n');
    const [failed] = await waitObjects(server.dataDir, 'transformed', 1, 'processing-failed/');
    assert.match(failed!.key, /^processing-failed\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/transformed-1-/);
    const lines = failed!.body.toString().trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => Buffer.from(l.rawData, 'base64').toString()).sort(), ['fail', 'forget']);
    for (const l of lines) {
      assert.equal(l.lambdaArn, FUNCTION_ARN);
      assert.equal(typeof l.arrivalTimestamp, 'number');
      assert.equal(typeof l.attemptEndingTimestamp, 'number');
      assert.ok(l.errorCode && l.errorMessage);
    }
    const event = seenEvents.find((e) => e.deliveryStreamArn.endsWith('/transformed'))!;
    assert.equal(event.region, 'us-east-1');
    assert.ok(event.invocationId);
    assert.equal(event.records.length, 5);
    assert.equal(new Set(event.records.map((r) => r.recordId)).size, 5);
    assert.equal(typeof event.records[0]!.approximateArrivalTimestamp, 'number');
  });

  it('retries a failing invocation NumberOfRetries times, then fails the whole batch', async () => {
    await client.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'broken',
        ExtendedS3DestinationConfiguration: s3Destination('broken-fn', {
          ErrorOutputPrefix: 'err/!{firehose:error-output-type}/',
          Prefix: 'ok/!{timestamp:yyyy}/',
          ProcessingConfiguration: lambda(BROKEN_ARN, 2),
        }) as any,
      }),
    );
    await waitActive(client, 'broken');
    await client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'broken', Records: [{ Data: Buffer.from('x') }, { Data: Buffer.from('y') }] }));
    const [failed] = await waitObjects(server.dataDir, 'broken-fn', 1, 'err/processing-failed/');
    const lines = failed!.body.toString().trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.equal(lines[0].attemptsMade, 3);
    assert.equal(lines[0].errorMessage, 'Function timed out');
    assert.equal(calls.count, 3);
  });

  it("calls a function of Freshet's Lambda service by its ARN", async () => {
    const handler = `exports.handler = async (event) => ({
      records: event.records.map((r) => ({ recordId: r.recordId, result: 'Ok',
        data: Buffer.from('[' + Buffer.from(r.data, 'base64').toString() + ']').toString('base64') })),
    });`;
    const fn = await server.freshet.functions.create(
      { FunctionName: 'brackets', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: zipSync({ 'index.js': Buffer.from(handler) }) }, Timeout: 10 },
      { region: 'us-east-1', accountId: '000000000000' },
    );
    await client.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'via-lambda',
        ExtendedS3DestinationConfiguration: s3Destination('via-lambda', { ProcessingConfiguration: lambda(fn.FunctionArn) }) as any,
      }),
    );
    await waitActive(client, 'via-lambda');
    await client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'via-lambda', Records: [{ Data: Buffer.from('p') }, { Data: Buffer.from('q') }] }));
    const [object] = await waitObjects(server.dataDir, 'via-lambda', 1, '', 20_000);
    assert.equal(object!.body.toString(), '[p][q]');
  });
});
