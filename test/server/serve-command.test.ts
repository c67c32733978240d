/** `freshet serve` as a user runs it: banner, flags, clean shutdown on SIGTERM, restart on the same data. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsCli, spawnServer } from '../helpers/freshet.js';
import { rawRequest } from '../helpers/raw-http.js';

function kinesisJson(endpoint: string, operation: string, body: unknown) {
  return rawRequest({
    endpoint,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `Kinesis_20131202.${operation}`,
      'x-amz-date': '20260101T000000Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=00',
    },
    body: JSON.stringify(body),
  });
}

describe('freshet serve', () => {
  it('prints what a newcomer needs, serves, stops cleanly on SIGTERM and keeps its data', async () => {
    const first = await spawnServer(['--tls-port', '0', '--create-stream-ms', '0', '--account-id', '111122223333', '--region', 'eu-west-1']);
    try {
      const banner = first.output();
      assert.match(banner, /Kinesis endpoint:\s+http:\/\/127\.0\.0\.1:\d+/);
      assert.match(banner, /TLS endpoint:\s+https:\/\/127\.0\.0\.1:\d+/);
      assert.ok(banner.includes(`Data directory:    ${first.dataDir}`), banner);
      assert.ok(banner.includes(`aws --endpoint-url ${first.endpoint} kinesis list-streams`), banner);

      const created = await kinesisJson(first.endpoint, 'CreateStream', { StreamName: 'kept', ShardCount: 1 });
      assert.equal(created.status, 200, created.text);
      const tls = /TLS endpoint:\s+(https:\/\/\S+)/.exec(banner)![1]!;
      const res = await rawRequest({ endpoint: tls, http2: true, method: 'GET' });
      assert.equal(res.status, 403, 'the TLS port answers');

      assert.equal(await first.stop(), 0, 'SIGTERM exits 0');
      assert.match(first.output(), /shutting down/);

      const second = await first.restart();
      try {
        const listed = (await awsCli(second.endpoint, ['kinesis', 'list-streams'])).json();
        assert.deepEqual(listed.StreamNames, ['kept']);
        // --account-id from the command line shows in not-found messages.
        const missing = await kinesisJson(second.endpoint, 'DescribeStream', { StreamName: 'absent' });
        assert.match(missing.json().message, /under account 111122223333 not found/);
      } finally {
        await second.dispose();
      }
    } finally {
      await first.dispose();
    }
  });
});
