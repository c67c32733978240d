/** `--auth`: Lambda requests must carry a valid SigV4 signature over their body; ARNs in the path sign encoded twice. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { startTestServer, TEST_CREDENTIALS, TEST_REGION, type TestServer } from '../helpers/freshet.js';
import { lambdaClient, ROLE, zipOf } from './support.js';

let server: TestServer;
let lambda: LambdaClient;

before(async () => {
  server = await startTestServer({ auth: true, accessKeys: [{ ...TEST_CREDENTIALS, accountId: '123456789012' }] });
  lambda = lambdaClient(server.endpoint);
});
after(async () => {
  lambda.destroy();
  await server.stop();
});

describe('functions with signature verification', () => {
  it('accepts signed calls, in the key’s account, by name and by ARN', async () => {
    const created = await lambda.send(
      new CreateFunctionCommand({ FunctionName: 'signed', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.js': 'exports.handler = async (e) => e.n * 2;' }) } }),
    );
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:signed');
    const byArn = await lambda.send(new InvokeCommand({ FunctionName: created.FunctionArn, Payload: Buffer.from('{"n":21}') }));
    assert.equal(Buffer.from(byArn.Payload!).toString(), '42');
  });

  it('refuses a wrong secret with InvalidSignatureException', async () => {
    const wrong = new LambdaClient({ endpoint: server.endpoint, region: TEST_REGION, maxAttempts: 1, credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'wrong' } });
    try {
      await assert.rejects(wrong.send(new InvokeCommand({ FunctionName: 'signed', Payload: Buffer.from('{"n":1}') })), (err: any) => {
        assert.equal(err.name, 'InvalidSignatureException');
        assert.equal(err.$metadata.httpStatusCode, 403);
        return true;
      });
    } finally {
      wrong.destroy();
    }
  });
});
