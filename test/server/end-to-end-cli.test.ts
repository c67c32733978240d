/**
 * Smoke test of the whole server through the AWS CLI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { awsCli, startTestServer, type TestServer } from '../helpers/freshet.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

describe('AWS CLI over HTTP/1.1', () => {
  it('creates a stream, waits for ACTIVE, puts and gets a record', async () => {
    await awsCli(server.endpoint, ['kinesis', 'create-stream', '--stream-name', 'cli', '--shard-count', '1']);
    await awsCli(server.endpoint, ['kinesis', 'wait', 'stream-exists', '--stream-name', 'cli']);
    const put = (await awsCli(server.endpoint, ['kinesis', 'put-record', '--stream-name', 'cli', '--partition-key', 'pk', '--data', 'hello cli'])).json();
    const iterator = (
      await awsCli(server.endpoint, ['kinesis', 'get-shard-iterator', '--stream-name', 'cli', '--shard-id', put.ShardId, '--shard-iterator-type', 'TRIM_HORIZON'])
    ).json().ShardIterator;
    const got = (await awsCli(server.endpoint, ['kinesis', 'get-records', '--shard-iterator', iterator])).json();
    assert.equal(got.Records.length, 1);
    assert.equal(Buffer.from(got.Records[0].Data, 'base64').toString(), 'hello cli');
  });
});
