/** `--auth`: SigV4 verified against configured keys, with requests signed by real clients. */
import assert from 'node:assert/strict';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateStreamCommand, DescribeStreamCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { SignatureV4 } from '@smithy/signature-v4';
import { boto3, startTestServer, type TestServer } from '../helpers/freshet.js';
import { rawRequest } from '../helpers/raw-http.js';

const KEY = { accessKeyId: 'AKIDVERIFIED', secretAccessKey: 'right-secret', accountId: '123456789012' };
const UNRECOGNIZED = 'The security token included in the request is invalid.';
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access ' +
  'Key and signing method. Consult the service documentation for details.';

/** The SHA-256 implementation @smithy/signature-v4 expects, on Node's crypto. */
class Sha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

let server: TestServer;
let host: string;

before(async () => {
  server = await startTestServer({ auth: true, accessKeys: [KEY] });
  host = new URL(server.endpoint).host;
});
after(() => server.stop());

function signer(secretAccessKey = KEY.secretAccessKey, accessKeyId = KEY.accessKeyId): SignatureV4 {
  return new SignatureV4({ credentials: { accessKeyId, secretAccessKey }, region: 'us-east-1', service: 'kinesis', sha256: Sha256 });
}

function listStreamsRequest(body = '{}') {
  return {
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: Number(new URL(server.endpoint).port),
    path: '/',
    query: {} as Record<string, string>,
    headers: { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams' } as Record<string, string>,
    body,
  };
}

function queryString(query: Record<string, string | string[] | null>): string {
  return Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

describe('SigV4 with the AWS SDK for JavaScript (HTTP/2)', () => {
  it('accepts a correctly signed request and uses the key’s account and the scope’s region', async () => {
    const client = server.kinesis({ credentials: KEY, region: 'eu-central-1' });
    await client.send(new CreateStreamCommand({ StreamName: 'signed', ShardCount: 1 }));
    const listed = await client.send(new ListStreamsCommand({}));
    assert.ok(listed.StreamNames?.includes('signed'));
    const err = await client.send(new DescribeStreamCommand({ StreamName: 'absent' })).catch((e: Error) => e);
    assert.equal((err as Error).name, 'ResourceNotFoundException');
    assert.match((err as Error).message, /under account 123456789012 not found/);
  });

  it('refuses an unknown access key', async () => {
    const client = server.kinesis({ credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' } });
    const err = (await client.send(new ListStreamsCommand({})).catch((e: Error) => e)) as Error & { $metadata: { httpStatusCode: number } };
    assert.equal(err.name, 'UnrecognizedClientException');
    assert.equal(err.message, UNRECOGNIZED);
    assert.equal(err.$metadata.httpStatusCode, 400);
  });

  it('refuses a wrong secret', async () => {
    const client = server.kinesis({ credentials: { accessKeyId: KEY.accessKeyId, secretAccessKey: 'wrong-secret' } });
    const err = (await client.send(new ListStreamsCommand({})).catch((e: Error) => e)) as Error;
    assert.equal(err.name, 'InvalidSignatureException');
    assert.equal(err.message, MISMATCH);
  });
});

describe('SigV4 with boto3 (HTTP/1.1)', () => {
  it('accepts the right key and refuses a wrong secret', async () => {
    const code = (secret: string) => `
from botocore.exceptions import ClientError
k = boto3.client('kinesis', endpoint_url=${JSON.stringify(server.endpoint)}, region_name='us-east-1',
    aws_access_key_id='${KEY.accessKeyId}', aws_secret_access_key='${secret}', config=Config(retries={'max_attempts': 1}))
try:
    print(json.dumps({'ok': 'StreamNames' in k.list_streams()}))
except ClientError as e:
    print(json.dumps({'code': e.response['Error']['Code'], 'message': e.response['Error']['Message']}))`;
    assert.deepEqual((await boto3(server.endpoint, code(KEY.secretAccessKey))).json(), { ok: true });
    assert.deepEqual((await boto3(server.endpoint, code('nope'))).json(), { code: 'InvalidSignatureException', message: MISMATCH });
  });
});

describe('SigV4 header signatures made by hand', () => {
  for (const http2 of [false, true]) {
    it(`verifies over ${http2 ? 'HTTP/2 (:authority as host)' : 'HTTP/1.1'} and refuses a tampered body`, async () => {
      const signed = await signer().sign(listStreamsRequest());
      const headers = { ...signed.headers };
      if (http2) delete headers.host; // travels as :authority
      const ok = await rawRequest({ endpoint: server.endpoint, http2, headers, body: '{}' });
      assert.equal(ok.status, 200, ok.text);
      const tampered = await rawRequest({ endpoint: server.endpoint, http2, headers, body: '{"Limit":1}' });
      assert.equal(tampered.status, 400);
      assert.deepEqual(tampered.json(), { __type: 'InvalidSignatureException', message: MISMATCH });
    });
  }

  it('refuses a signature older than five minutes with AWS’s wording', async () => {
    const signedAt = new Date(Date.now() - 20 * 60 * 1000);
    const signed = await signer().sign(listStreamsRequest(), { signingDate: signedAt });
    const res = await rawRequest({ endpoint: server.endpoint, headers: signed.headers, body: '{}' });
    assert.equal(res.status, 400);
    const body = res.json();
    assert.equal(body.__type, 'InvalidSignatureException');
    assert.match(body.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
  });
});

describe('SigV4 with the HTTP Date header instead of X-Amz-Date', () => {
  it('verifies, with the date in basic ISO 8601 form in the string to sign', async () => {
    // Signed by hand, following the published algorithm, because SDK signers always add X-Amz-Date.
    const now = new Date();
    const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const day = amzDate.slice(0, 8);
    const body = '{}';
    const headers: Record<string, string> = {
      'content-type': 'application/x-amz-json-1.1',
      date: now.toUTCString(),
      host,
      'x-amz-target': 'Kinesis_20131202.ListStreams',
    };
    const signed = Object.keys(headers).sort().join(';');
    const canonical = ['POST', '/', '', ...Object.keys(headers).sort().map((k) => `${k}:${headers[k]}`), '', signed, createHash('sha256').update(body).digest('hex')].join('\n');
    const scope = `${day}/us-east-1/kinesis/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
    let key: Buffer = createHmac('sha256', 'AWS4' + KEY.secretAccessKey).update(day).digest();
    for (const part of ['us-east-1', 'kinesis', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    const authorization = `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`;
    const ok = await rawRequest({ endpoint: server.endpoint, headers: { ...headers, authorization }, body });
    assert.equal(ok.status, 200, ok.text);
    const wrong = await rawRequest({ endpoint: server.endpoint, headers: { ...headers, authorization: authorization.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }, body });
    assert.equal(wrong.json().__type, 'InvalidSignatureException');
  });
});

describe('SigV4 presigned requests', () => {
  it('accepts a presigned request and refuses it once expired or tampered', async () => {
    const presigned = await signer().presign(listStreamsRequest(), { expiresIn: 300 });
    const path = `/?${queryString(presigned.query as Record<string, string>)}`;
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams' };
    const ok = await rawRequest({ endpoint: server.endpoint, path, headers, body: '{}' });
    assert.equal(ok.status, 200, ok.text);
    assert.ok(Array.isArray(ok.json().StreamNames));

    const bad = await rawRequest({ endpoint: server.endpoint, path: path.replace(/X-Amz-Signature=[0-9a-f]/, 'X-Amz-Signature=z'), headers, body: '{}' });
    assert.equal(bad.json().__type, 'InvalidSignatureException');

    const old = await signer().presign(listStreamsRequest(), { expiresIn: 60, signingDate: new Date(Date.now() - 10 * 60 * 1000) });
    const expired = await rawRequest({ endpoint: server.endpoint, path: `/?${queryString(old.query as Record<string, string>)}`, headers, body: '{}' });
    assert.equal(expired.status, 400);
    assert.equal(expired.json().__type, 'InvalidSignatureException');
    assert.match(expired.json().message, /^Signature expired: /);

    const stranger = await signer('x', 'AKIDUNKNOWN').presign(listStreamsRequest(), { expiresIn: 300 });
    const unknown = await rawRequest({ endpoint: server.endpoint, path: `/?${queryString(stranger.query as Record<string, string>)}`, headers, body: '{}' });
    assert.deepEqual(unknown.json(), { __type: 'UnrecognizedClientException', message: UNRECOGNIZED });
  });
});

describe('without --auth', () => {
  it('accepts any signature', async () => {
    const open = await startTestServer();
    try {
      const client = open.kinesis({ credentials: { accessKeyId: 'anything', secretAccessKey: 'whatever' } });
      const listed = await client.send(new ListStreamsCommand({}));
      assert.deepEqual(listed.StreamNames, []);
    } finally {
      await open.stop();
    }
  });
});
