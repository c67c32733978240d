/**
 * Functions with the AWS CLI (`aws lambda create-function/invoke/list-functions/delete-function`), and the two
 * other kinds of code: a folder on this machine (ImageUri file://) and an HTTP endpoint (ImageUri http://).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CreateFunctionCommand, InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { awsCli, startTestServer, type TestServer } from '../helpers/freshet.js';
import { decodeRecords, firehoseEvent, lambdaClient, ROLE, TRANSFORM_HANDLER, zipOf } from './support.js';

let server: TestServer;
let lambda: LambdaClient;
let work: string;
let web: Server;
let webUrl: string;

before(async () => {
  server = await startTestServer();
  lambda = lambdaClient(server.endpoint);
  work = await mkdtemp(join(tmpdir(), 'freshet-lambda-'));
  web = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const event = JSON.parse(body);
      if (event.fail) {
        res.statusCode = 500;
        return res.end('broken');
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ echoed: event, path: req.url }));
    });
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  const address = web.address();
  webUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
});
after(async () => {
  lambda.destroy();
  await server.stop();
  await new Promise<void>((resolve) => web.close(() => resolve()));
  await rm(work, { recursive: true, force: true });
});

const cli = (...args: string[]) => awsCli(server.endpoint, args);

describe('functions with the AWS CLI', () => {
  it('creates from a zip file, invokes with a log tail, lists and deletes', async () => {
    const zip = join(work, 'transform.zip');
    await writeFile(zip, zipOf({ 'index.js': TRANSFORM_HANDLER }));
    const created = (
      await cli('lambda', 'create-function', '--function-name', 'cli-transform', '--runtime', 'nodejs20.x', '--role', ROLE, '--handler', 'index.handler', '--zip-file', `fileb://${zip}`)
    ).json();
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:cli-transform');
    assert.equal(created.State, 'Active');

    const outFile = join(work, 'out.json');
    const invoked = (
      await cli('lambda', 'invoke', '--function-name', 'cli-transform', '--payload', JSON.stringify(firehoseEvent(['cli'])), '--log-type', 'Tail', outFile)
    ).json();
    assert.equal(invoked.StatusCode, 200);
    assert.equal(invoked.ExecutedVersion, '$LATEST');
    assert.match(Buffer.from(invoked.LogResult, 'base64').toString(), /transforming 1 records for cli-transform/);
    assert.deepEqual(decodeRecords(JSON.parse(await readFile(outFile, 'utf8'))), [{ recordId: 'record-0', result: 'Ok', text: 'CLI' }]);

    const failed = (await cli('lambda', 'invoke', '--function-name', 'cli-transform', '--payload', JSON.stringify(firehoseEvent(['boom'])), outFile)).json();
    assert.equal(failed.FunctionError, 'Unhandled');
    assert.equal(JSON.parse(await readFile(outFile, 'utf8')).errorMessage, 'cannot transform boom');

    const listed = (await cli('lambda', 'list-functions')).json();
    assert.ok(listed.Functions.some((f: { FunctionName: string }) => f.FunctionName === 'cli-transform'));
    await cli('lambda', 'delete-function', '--function-name', 'cli-transform');
    await assert.rejects(cli('lambda', 'get-function', '--function-name', 'cli-transform'), /ResourceNotFoundException.*Function not found/);
  });
});

describe('functions from a local folder and from a URL', () => {
  it('runs an ES module handler from a folder in place', async () => {
    const folder = join(work, 'local-fn');
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder);
    await writeFile(join(folder, 'app.mjs'), 'export const go = async (event, context) => ({ sum: event.a + event.b, name: context.functionName, left: context.getRemainingTimeInMillis() > 0 });\n');
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'local', Role: ROLE, PackageType: 'Image', Handler: 'app.go', Code: { ImageUri: pathToFileURL(folder).href } }));
    const res = await lambda.send(new InvokeCommand({ FunctionName: 'local', Payload: Buffer.from('{"a":2,"b":3}') }));
    assert.deepEqual(JSON.parse(Buffer.from(res.Payload!).toString()), { sum: 5, name: 'local', left: true });
  });

  it('posts the event to a URL function and returns its answer; a failing endpoint is a function error', async () => {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'remote', Role: ROLE, PackageType: 'Image', Code: { ImageUri: webUrl } }));
    const res = await lambda.send(new InvokeCommand({ FunctionName: 'remote', Payload: Buffer.from('{"x":1}') }));
    assert.equal(res.FunctionError, undefined);
    assert.deepEqual(JSON.parse(Buffer.from(res.Payload!).toString()), { echoed: { x: 1 }, path: '/hook' });
    const failed = await lambda.send(new InvokeCommand({ FunctionName: 'remote', Payload: Buffer.from('{"fail":true}') }));
    assert.equal(failed.FunctionError, 'Unhandled');
    assert.match(JSON.parse(Buffer.from(failed.Payload!).toString()).errorMessage, /answered 500: broken/);
    const direct = await server.freshet.functions.invokeFunction(webUrl, { y: 2 });
    assert.deepEqual(direct.payload, { echoed: { y: 2 }, path: '/hook' });
  });

  it('refuses a folder that does not exist', async () => {
    await assert.rejects(
      lambda.send(new CreateFunctionCommand({ FunctionName: 'nowhere', Role: ROLE, Code: { ImageUri: pathToFileURL(join(work, 'missing')).href } })),
      (err: any) => err.name === 'InvalidParameterValueException' && err.$metadata.httpStatusCode === 400,
    );
  });
});
