/** Endpoint resolution: the flag, then AWS_ENDPOINT_URL_KINESIS / AWS_ENDPOINT_URL, then the profile, then a local Freshet. */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOCAL_ENDPOINT, isLocalEndpoint, resolveEndpoint } from '../../src/cli/lib/endpoint.js';

describe('endpoint resolution', () => {
  let dir: string;
  let config: string;
  const saved = { ...process.env };
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'freshet-endpoint-'));
    config = join(dir, 'config');
    await writeFile(config, '[default]\nendpoint_url = http://from-default-profile:1\n\n[profile other]\nregion = eu-west-1\n');
  });
  beforeEach(() => {
    for (const k of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_KINESIS', 'AWS_PROFILE', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']) delete process.env[k];
    process.env['AWS_CONFIG_FILE'] = config;
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = '/dev/null';
  });
  after(async () => {
    process.env = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it('prefers the flag, then the Kinesis variable, then the generic one, then the profile', async () => {
    process.env['AWS_ENDPOINT_URL'] = 'http://generic:2';
    process.env['AWS_ENDPOINT_URL_KINESIS'] = 'http://kinesis:3';
    assert.deepEqual(await resolveEndpoint('http://flag:4', undefined), { url: 'http://flag:4', source: 'flag' });
    assert.deepEqual(await resolveEndpoint(undefined, undefined), { url: 'http://kinesis:3', source: 'env' });
    delete process.env['AWS_ENDPOINT_URL_KINESIS'];
    assert.deepEqual(await resolveEndpoint(undefined, undefined), { url: 'http://generic:2', source: 'env' });
    delete process.env['AWS_ENDPOINT_URL'];
    assert.deepEqual(await resolveEndpoint(undefined, undefined), { url: 'http://from-default-profile:1', source: 'profile' });
  });

  it('falls back to a local Freshet, and reaches AWS itself only when asked', async () => {
    assert.deepEqual(await resolveEndpoint(undefined, 'other'), { url: DEFAULT_LOCAL_ENDPOINT, source: 'default' });
    process.env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] = 'true';
    process.env['AWS_ENDPOINT_URL'] = 'http://generic:2';
    assert.deepEqual(await resolveEndpoint(undefined, undefined), { url: DEFAULT_LOCAL_ENDPOINT, source: 'default' });
    assert.deepEqual(await resolveEndpoint('aws', undefined), { url: undefined, source: 'aws' });
    await assert.rejects(resolveEndpoint('ftp://x', undefined), /invalid endpoint URL 'ftp:\/\/x'/);
  });

  it('treats loopback and private addresses as local', () => {
    for (const url of ['http://127.0.0.1:4567', 'http://localhost:4567', 'http://[::1]:4567', 'http://10.1.2.3', 'http://192.168.0.9:80']) {
      assert.ok(isLocalEndpoint(url), url);
    }
    for (const url of ['https://kinesis.us-east-1.amazonaws.com', 'http://8.8.8.8', undefined]) assert.ok(!isLocalEndpoint(url), String(url));
  });
});
