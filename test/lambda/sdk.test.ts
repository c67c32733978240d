/** Functions through @aws-sdk/client-lambda: create from a zip, describe, invoke (results, errors, logs, timeouts), update, delete. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  ListFunctionsCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { decodeRecords, firehoseEvent, lambdaClient, ROLE, TRANSFORM_HANDLER, zipOf } from './support.js';

let server: TestServer;
let lambda: LambdaClient;

before(async () => {
  server = await startTestServer();
  lambda = lambdaClient(server.endpoint);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'transform',
      Runtime: 'nodejs20.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf({ 'index.js': TRANSFORM_HANDLER }) },
      Timeout: 10,
    }),
  );
});
after(async () => {
  lambda.destroy();
  await server.stop();
});

const payloadOf = (bytes: Uint8Array | undefined): any => JSON.parse(Buffer.from(bytes ?? []).toString('utf8'));

describe('functions through the SDK', () => {
  it('describes a function created from a zip', async () => {
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'transform' }));
    assert.equal(got.Configuration?.FunctionName, 'transform');
    assert.equal(got.Configuration?.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:transform');
    assert.equal(got.Configuration?.Handler, 'index.handler');
    assert.equal(got.Configuration?.Runtime, 'nodejs20.x');
    assert.equal(got.Configuration?.Timeout, 10);
    assert.equal(got.Configuration?.State, 'Active');
    assert.ok((got.Configuration?.CodeSize ?? 0) > 0);
    const listed = await lambda.send(new ListFunctionsCommand({}));
    assert.deepEqual(
      listed.Functions?.map((f) => f.FunctionName),
      ['transform'],
    );
  });

  it('runs a Firehose transform and returns its records, with the log tail when asked', async () => {
    const res = await lambda.send(
      new InvokeCommand({ FunctionName: 'transform', Payload: Buffer.from(JSON.stringify(firehoseEvent(['a', 'drop', 'c']))), LogType: 'Tail' }),
    );
    assert.equal(res.StatusCode, 200);
    assert.equal(res.FunctionError, undefined);
    assert.equal(res.ExecutedVersion, '$LATEST');
    assert.deepEqual(decodeRecords(payloadOf(res.Payload)), [
      { recordId: 'record-0', result: 'Ok', text: 'A' },
      { recordId: 'record-1', result: 'Dropped', text: 'drop' },
      { recordId: 'record-2', result: 'Ok', text: 'C' },
    ]);
    const logs = Buffer.from(res.LogResult ?? '', 'base64').toString('utf8');
    assert.match(logs, /^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
    assert.match(logs, /\tINFO\ttransforming 3 records for transform\n/);
    assert.match(logs, /\nEND RequestId: .*\nREPORT RequestId: /);
  });

  it('reports a handler error as an Unhandled function error with the runtime error document', async () => {
    const res = await lambda.send(new InvokeCommand({ FunctionName: 'transform', Payload: Buffer.from(JSON.stringify(firehoseEvent(['boom']))) }));
    assert.equal(res.StatusCode, 200);
    assert.equal(res.FunctionError, 'Unhandled');
    const error = payloadOf(res.Payload);
    assert.equal(error.errorType, 'TypeError');
    assert.equal(error.errorMessage, 'cannot transform boom');
    assert.ok(Array.isArray(error.trace) && error.trace[0].startsWith('TypeError: cannot transform boom'));
  });

  it('invokes by ARN, and in-process through invokeFunction', async () => {
    const arn = 'arn:aws:lambda:us-east-1:000000000000:function:transform';
    const res = await lambda.send(new InvokeCommand({ FunctionName: arn, Payload: Buffer.from(JSON.stringify(firehoseEvent(['x']))) }));
    assert.equal(decodeRecords(payloadOf(res.Payload))[0]!.text, 'X');
    const direct = await server.freshet.functions.invokeFunction(arn, firehoseEvent(['y']));
    assert.equal(direct.functionError, undefined);
    assert.equal(decodeRecords(direct.payload as any)[0]!.text, 'Y');
  });

  it('accepts Event invocations (202) and dry runs (204)', async () => {
    const event = await lambda.send(new InvokeCommand({ FunctionName: 'transform', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(firehoseEvent(['e']))) }));
    assert.equal(event.StatusCode, 202);
    const dry = await lambda.send(new InvokeCommand({ FunctionName: 'transform', InvocationType: 'DryRun' }));
    assert.equal(dry.StatusCode, 204);
  });

  it('times a slow handler out and kills it; the next invocation runs in a fresh process, as after a configuration change', async () => {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'slow',
        Role: ROLE,
        Runtime: 'nodejs20.x',
        Handler: 'main.run',
        Timeout: 1,
        Code: {
          ZipFile: zipOf({
            'main.mjs': `let calls = 0;\nexport const run = async (event) => { calls++; if (event.wait) await new Promise((r) => setTimeout(r, 60_000)); return { calls, env: process.env.GREETING ?? null }; };\n`,
          }),
        },
      }),
    );
    const slow = await lambda.send(new InvokeCommand({ FunctionName: 'slow', Payload: Buffer.from('{"wait":true}') }));
    assert.equal(slow.FunctionError, 'Unhandled');
    const error = payloadOf(slow.Payload);
    assert.equal(error.errorType, 'Sandbox.Timedout');
    assert.match(error.errorMessage, /Task timed out after 1\.00 seconds/);
    const next = await lambda.send(new InvokeCommand({ FunctionName: 'slow', Payload: Buffer.from('{}') }));
    assert.deepEqual(payloadOf(next.Payload), { calls: 1, env: null }, 'a new process: module state starts over');
    const warm = await lambda.send(new InvokeCommand({ FunctionName: 'slow', Payload: Buffer.from('{}') }));
    assert.deepEqual(payloadOf(warm.Payload), { calls: 2, env: null }, 'a warm process is reused');
    const updated = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'slow', Environment: { Variables: { GREETING: 'hi' } } }));
    assert.deepEqual(updated.Environment?.Variables, { GREETING: 'hi' });
    const configured = await lambda.send(new InvokeCommand({ FunctionName: 'slow', Payload: Buffer.from('{}') }));
    assert.deepEqual(payloadOf(configured.Payload), { calls: 1, env: 'hi' }, 'new settings, new process');
  });

  it('updates code: the next invocation runs the new handler', async () => {
    await lambda.send(
      new CreateFunctionCommand({ FunctionName: 'versioned', Role: ROLE, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.js': 'exports.handler = async () => "one";' }) } }),
    );
    const before = await lambda.send(new InvokeCommand({ FunctionName: 'versioned' }));
    assert.equal(payloadOf(before.Payload), 'one');
    const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'versioned', ZipFile: zipOf({ 'index.js': 'exports.handler = async () => "two";' }) }));
    assert.equal(updated.FunctionName, 'versioned');
    const afterUpdate = await lambda.send(new InvokeCommand({ FunctionName: 'versioned' }));
    assert.equal(payloadOf(afterUpdate.Payload), 'two');
  });

  it('answers Lambda errors: missing function, duplicate name, another runtime, payload too large, missing handler export', async () => {
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'nope' })), (err: any) => {
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.$metadata.httpStatusCode, 404);
      assert.equal(err.message, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope');
      return true;
    });
    await assert.rejects(
      lambda.send(new CreateFunctionCommand({ FunctionName: 'transform', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.js': '' }) } })),
      (err: any) => err.name === 'ResourceConflictException' && err.$metadata.httpStatusCode === 409,
    );
    await assert.rejects(
      lambda.send(new CreateFunctionCommand({ FunctionName: 'py', Role: ROLE, Runtime: 'python3.12', Handler: 'app.handler', Code: { ZipFile: zipOf({ 'app.py': '' }) } })),
      (err: any) => err.name === 'InvalidParameterValueException' && /python3\.12/.test(err.message),
    );
    await assert.rejects(
      lambda.send(new InvokeCommand({ FunctionName: 'transform', Payload: Buffer.from(JSON.stringify({ big: 'x'.repeat(6 * 1024 * 1024) })) })),
      (err: any) => err.name === 'RequestTooLargeException' && err.$metadata.httpStatusCode === 413,
    );
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'noexport', Role: ROLE, Handler: 'index.missing', Code: { ZipFile: zipOf({ 'index.js': 'exports.other = 1;' }) } }));
    const res = await lambda.send(new InvokeCommand({ FunctionName: 'noexport' }));
    assert.equal(res.FunctionError, 'Unhandled');
    assert.equal(payloadOf(res.Payload).errorType, 'Runtime.HandlerNotFound');
  });

  it('deletes a function', async () => {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'gone', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.js': 'exports.handler = async () => 1;' }) } }));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'gone' }));
    await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: 'gone' })), (err: any) => err.name === 'ResourceNotFoundException');
  });
});
