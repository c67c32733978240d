/**
 * The S3 destination end to end: object key format, buffering by size and by interval, records concatenated
 * without a delimiter (and with AppendDelimiterToRecord), custom prefixes, compression round trips, dynamic
 * partitioning with MetadataExtraction and failed records under the error prefix.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDeliveryStreamCommand, PutRecordBatchCommand, type FirehoseClient } from '@aws-sdk/client-firehose';
import { decompress, type CompressionFormat } from '../../src/firehose/delivery/compression.js';
import type { TestServer } from '../helpers/freshet.js';
import { eventually, firehoseClient, listObjects, s3Destination, startFirehoseServer, waitActive, waitObjects } from './support.js';

describe('S3 delivery', () => {
  let server: TestServer;
  let client: FirehoseClient;

  before(async () => {
    server = await startFirehoseServer();
    client = firehoseClient(server.endpoint);
  });
  after(async () => {
    client.destroy();
    await server.stop();
  });

  async function create(name: string, config: Record<string, unknown>): Promise<void> {
    await client.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: name, ExtendedS3DestinationConfiguration: config as any }));
    await waitActive(client, name);
  }

  async function put(name: string, records: Array<string | Buffer>): Promise<void> {
    const res = await client.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.map((r) => ({ Data: Buffer.from(r) })) }));
    assert.equal(res.FailedPutCount, 0);
  }

  it('names objects <prefix>YYYY/MM/DD/HH/<stream>-<version>-<time>-<uuid> and concatenates records as they are', async () => {
    await create('keys', s3Destination('key-format', { Prefix: 'my/', BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 1 } }));
    const before = new Date();
    await put('keys', ['{"a":1}', '{"a":2}', '{"a":3}']);
    const [object] = await waitObjects(server.dataDir, 'key-format', 1);
    const m = /^my\/(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\/keys-1-(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.exec(
      object!.key,
    );
    assert.ok(m, object!.key);
    // The prefix hour and the name's time are the oldest record's arrival, in UTC.
    assert.deepEqual(m.slice(1, 5), m.slice(5, 9));
    const named = Date.UTC(+m[5]!, +m[6]! - 1, +m[7]!, +m[8]!, +m[9]!, +m[10]!);
    assert.ok(named >= Math.floor(before.getTime() / 1000) * 1000 - 1000 && named <= Date.now(), `${object!.key} vs ${before.toISOString()}`);
    assert.equal(object!.body.toString(), '{"a":1}{"a":2}{"a":3}');
  });

  it('delivers as soon as the size hint is reached, keeping the rest buffered', async () => {
    await create('sized', s3Destination('size-hint', { BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } }));
    const record = Buffer.alloc(400_000, 'x');
    await put('sized', [record, record]);
    await put('sized', [record]);
    const objects = await waitObjects(server.dataDir, 'size-hint', 1);
    // Two records fit in 1 MiB, the third would not: it waits for more data or the 900 s interval.
    assert.equal(objects.length, 1);
    assert.equal(objects[0]!.body.length, 800_000);
  });

  it('adds a newline after each record with AppendDelimiterToRecord', async () => {
    await create(
      'lines',
      s3Destination('delimited', {
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord' }] },
      }),
    );
    await put('lines', ['a', 'b', 'c']);
    const [object] = await waitObjects(server.dataDir, 'delimited', 1);
    assert.equal(object!.body.toString(), 'a\nb\nc\n');
  });

  it('evaluates !{timestamp:…} and !{firehose:random-string} prefixes', async () => {
    await create(
      'custom',
      s3Destination('custom-prefix', {
        Prefix: "year=!{timestamp:yyyy}/day=!{timestamp:yyyy'-'MM'-'dd}/!{firehose:random-string}/",
        ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
      }),
    );
    await put('custom', ['x']);
    const [object] = await waitObjects(server.dataDir, 'custom-prefix', 1);
    const now = new Date();
    const year = now.getUTCFullYear();
    assert.match(object!.key, new RegExp(`^year=${year}/day=${year}-\\d{2}-\\d{2}/[A-Za-z0-9]{11}/custom-1-`));
  });

  for (const [format, extension, encoding] of [
    ['GZIP', '.gz', 'gzip'],
    ['ZIP', '.zip', 'zip'],
    ['Snappy', '.snappy', 'snappy-java'],
    ['HADOOP_SNAPPY', '.snappy', 'hadoop-snappy'],
  ] as const) {
    it(`compresses with ${format} (${extension}) and the object decompresses to the records`, async () => {
      const bucket = `compressed-${format.toLowerCase().replace('_', '-')}`;
      await create(`c-${format}`, s3Destination(bucket, { CompressionFormat: format }));
      const records = Array.from({ length: 50 }, (_, i) => `{"n":${i},"text":"${'lorem ipsum '.repeat(i % 7)}"}\n`);
      await put(`c-${format}`, records);
      // The embedded store shows an object's bytes a moment before its headers: wait for both.
      const object = await eventually(async () => {
        const [o] = await listObjects(server.dataDir, bucket);
        return o?.contentEncoding ? o : undefined;
      });
      assert.ok(object!.key.endsWith(extension), object!.key);
      assert.equal(object!.contentEncoding, encoding);
      assert.notEqual(object!.body.toString(), records.join(''));
      assert.equal(decompress(format as CompressionFormat, object!.body).toString(), records.join(''));
    });
  }

  it('uses FileExtension instead of the compression extension', async () => {
    await create('ext', s3Destination('file-extension', { CompressionFormat: 'GZIP', FileExtension: '.json.gz' }));
    await put('ext', ['{}']);
    const [object] = await waitObjects(server.dataDir, 'file-extension', 1);
    assert.ok(object!.key.endsWith('.json.gz'), object!.key);
    assert.equal(decompress('GZIP', object!.body).toString(), '{}');
  });

  it('partitions by MetadataExtraction keys and writes records it cannot parse under the error prefix', async () => {
    await create(
      'parts',
      s3Destination('partitioned', {
        Prefix: 'customer=!{partitionKeyFromQuery:customer}/!{timestamp:yyyy}/',
        ErrorOutputPrefix: 'failed/!{firehose:error-output-type}/',
        BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 },
        DynamicPartitioningConfiguration: { Enabled: true },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            { Type: 'MetadataExtraction', Parameters: [{ ParameterName: 'MetadataExtractionQuery', ParameterValue: '{customer: .order.customer}' }, { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' }] },
          ],
        },
      }),
    );
    await put('parts', ['{"order":{"customer":"acme"},"n":1}', '{"order":{"customer":"zen"},"n":2}', '{"order":{"customer":"acme"},"n":3}', 'not json']);
    const objects = await waitObjects(server.dataDir, 'partitioned', 3);
    const year = new Date().getUTCFullYear();
    const acme = objects.find((o) => o.key.startsWith(`customer=acme/${year}/parts-1-`));
    const zen = objects.find((o) => o.key.startsWith(`customer=zen/${year}/parts-1-`));
    const failed = objects.find((o) => o.key.startsWith('failed/processing-failed/parts-1-'));
    assert.equal(acme?.body.toString(), '{"order":{"customer":"acme"},"n":1}{"order":{"customer":"acme"},"n":3}');
    assert.equal(zen?.body.toString(), '{"order":{"customer":"zen"},"n":2}');
    const line = JSON.parse(failed!.body.toString().trim());
    assert.equal(Buffer.from(line.rawData, 'base64').toString(), 'not json');
    assert.equal(typeof line.arrivalTimestamp, 'number');
    assert.ok(line.errorCode && line.errorMessage);
  });

  it('refuses partition keys without dynamic partitioning, and queries outside the supported jq subset', async () => {
    await assert.rejects(
      client.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: 'no-dp',
          ExtendedS3DestinationConfiguration: s3Destination('nodp', { Prefix: '!{partitionKeyFromQuery:a}/', ErrorOutputPrefix: 'e/!{firehose:error-output-type}/' }) as any,
        }),
      ),
      { name: 'InvalidArgumentException' },
    );
    await assert.rejects(
      client.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: 'bad-jq',
          ExtendedS3DestinationConfiguration: s3Destination('badjq', {
            Prefix: '!{partitionKeyFromQuery:h}/',
            ErrorOutputPrefix: 'e/!{firehose:error-output-type}/',
            BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 },
            DynamicPartitioningConfiguration: { Enabled: true },
            ProcessingConfiguration: {
              Enabled: true,
              Processors: [{ Type: 'MetadataExtraction', Parameters: [{ ParameterName: 'MetadataExtractionQuery', ParameterValue: '{h: .ts | strftime("%H")}' }] }],
            },
          }) as any,
        }),
      ),
      { name: 'InvalidArgumentException' },
    );
    assert.deepEqual(await listObjects(server.dataDir, 'nodp'), []);
  });

  it('splits JSON and DELIMITED sub-records with RecordDeAggregation, and backs up the source records', async () => {
    await create(
      'deagg',
      s3Destination('deaggregated', {
        Prefix: 'out/',
        S3BackupMode: 'Enabled',
        S3BackupConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/firehose_delivery_role', BucketARN: 'arn:aws:s3:::deaggregated', Prefix: 'source/' },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            { Type: 'RecordDeAggregation', Parameters: [{ ParameterName: 'SubRecordType', ParameterValue: 'JSON' }] },
            { Type: 'AppendDelimiterToRecord' },
          ],
        },
      }),
    );
    await put('deagg', ['{"a":1}{"a":"}{"}\n{"a":3}']);
    const [out] = await waitObjects(server.dataDir, 'deaggregated', 1, 'out/');
    assert.equal(out!.body.toString(), '{"a":1}\n{"a":"}{"}\n{"a":3}\n');
    const [source] = await waitObjects(server.dataDir, 'deaggregated', 1, 'source/');
    assert.equal(source!.body.toString(), '{"a":1}{"a":"}{"}\n{"a":3}');

    await create(
      'delim',
      s3Destination('delimited-split', {
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            {
              Type: 'RecordDeAggregation',
              Parameters: [
                { ParameterName: 'SubRecordType', ParameterValue: 'DELIMITED' },
                { ParameterName: 'Delimiter', ParameterValue: Buffer.from('####').toString('base64') },
              ],
            },
            { Type: 'AppendDelimiterToRecord' },
          ],
        },
      }),
    );
    await put('delim', ['x####y####z']);
    const [split] = await waitObjects(server.dataDir, 'delimited-split', 1);
    assert.equal(split!.body.toString(), 'x\ny\nz\n');
  });
});
