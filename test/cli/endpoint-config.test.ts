/** Which endpoint, region and credentials the stream commands pick from the usual AWS configuration. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStreamCommand } from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { cli } from './cli-runner.js';

describe('freshet stream commands and the AWS configuration', () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startTestServer({ auth: true, accessKeys: [{ accessKeyId: 'AKIDPROFILE', secretAccessKey: 'profile-secret', accountId: '111122223333' }] });
    dir = await mkdtemp(join(tmpdir(), 'freshet-awsconfig-'));
    await server.kinesis({ credentials: { accessKeyId: 'AKIDPROFILE', secretAccessKey: 'profile-secret' } }).send(new CreateStreamCommand({ StreamName: 'from-profile', ShardCount: 1 }));
  });
  after(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("takes the endpoint, region and keys from a profile's services section and credentials file", async () => {
    const config = join(dir, 'config');
    const credentials = join(dir, 'credentials');
    await writeFile(config, `[profile local]\nregion = us-east-1\nservices = freshet\n\n[services freshet]\nkinesis =\n  endpoint_url = ${server.endpoint}\n`);
    await writeFile(credentials, '[local]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n');
    const env = {
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_REGION: '',
    };
    const r = await cli(['streams', 'ls', '--profile', 'local', '-o', 'json'], { env });
    assert.equal(r.code, 0, r.stderr);
    // The server verifies signatures: only the profile's key lists this account's stream.
    assert.deepEqual(r.json().map((s: { StreamName: string }) => s.StreamName), ['from-profile']);

    const wrongKey = await cli(['streams', 'ls', '--endpoint-url', server.endpoint], { env: { AWS_ACCESS_KEY_ID: 'AKIDOTHER', AWS_SECRET_ACCESS_KEY: 'x' } });
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stderr, /^freshet: /);
  });
});
