/**
 * An application run on its own, outside any server (`freshet app run APP.sql --config app.json`): the
 * configuration is the CreateApplication request its owner already has (Inputs, Outputs, and — as the
 * AddApplicationReferenceDataSource calls would have added them — ReferenceDataSources), validated as the API
 * validates it; the code comes from the SQL file. Input positions live in memory for the life of the run.
 */
import createApplication from './actions/createApplication.js';
import { checkInput, checkOutput, checkReference, MAX_INPUTS, MAX_OUTPUTS, MAX_REFERENCES } from './actions/common.js';
import { validateInput } from '../kinesis/validations/framework.js';
import { AwsError } from '../server/service.js';
import { SqlCompileError } from '../sql/index.js';
import { applicationArn, nextPartId, type StartingPosition, type StoredInput, type StoredOutput, type StoredReference } from './model/application.js';
import { ApplicationRunner, type RunSpec } from './runner/application-runner.js';
import { memoryCheckpoints } from './runner/checkpoints.js';
import { compileSpec } from './runner/compile.js';
import type { EndpointResolver } from './runner/endpoint-resolver.js';
import type { ReferenceFetcher } from './runner/reference-data.js';
import { referenceDataSource } from './validations/shapes.js';

export interface StandaloneOptions {
  /** The SQL file's text and name (for messages). */
  code: string;
  codeFile: string;
  /** The parsed app.json. */
  request: unknown;
  resolve: EndpointResolver;
  fetchers: readonly ReferenceFetcher[];
  position: StartingPosition;
  region: string;
  tickMs: number;
  pollMs: number;
  log(message: string): void;
  now?: () => number;
}

function configError(err: unknown): Error {
  if (err instanceof AwsError) return new Error(`app.json: ${err.type}: ${err.message}`);
  return err as Error;
}

/** The application a request and its code describe, validated. Throws one-line errors fit for a command line. */
export function standaloneSpec(o: Pick<StandaloneOptions, 'code' | 'codeFile' | 'request' | 'region'>): RunSpec {
  let data: Record<string, any>;
  try {
    const types = { ...createApplication.validation.types, ReferenceDataSources: { type: 'List' as const, children: referenceDataSource(false) } };
    data = validateInput(o.request, { types }, 'json');
    if (!data['ApplicationName']) data['ApplicationName'] = 'standalone';
    if ((data['Inputs'] ?? []).length > MAX_INPUTS) throw new AwsError('LimitExceededException', `at most ${MAX_INPUTS} input`);
    if ((data['Outputs'] ?? []).length > MAX_OUTPUTS) throw new AwsError('LimitExceededException', `at most ${MAX_OUTPUTS} outputs`);
    if ((data['ReferenceDataSources'] ?? []).length > MAX_REFERENCES) throw new AwsError('LimitExceededException', `at most ${MAX_REFERENCES} reference data source`);
    (data['Inputs'] ?? []).forEach(checkInput);
    (data['Outputs'] ?? []).forEach(checkOutput);
    (data['ReferenceDataSources'] ?? []).forEach(checkReference);
  } catch (err) {
    throw configError(err);
  }
  if (!(data['Inputs'] ?? []).length) throw new Error('app.json: the application has no Inputs: nothing to read');
  const inputs: StoredInput[] = [];
  for (const i of data['Inputs']) inputs.push({ ...i, InputId: nextPartId(1, inputs.map((x) => x.InputId)) });
  const outputs: StoredOutput[] = [];
  for (const x of data['Outputs'] ?? []) outputs.push({ ...x, OutputId: nextPartId(1, outputs.map((y) => y.OutputId)) });
  const references: StoredReference[] = [];
  for (const r of data['ReferenceDataSources'] ?? []) references.push({ ...r, ReferenceId: nextPartId(1, references.map((y) => y.ReferenceId)) });
  try {
    compileSpec(o.code, inputs, references);
  } catch (err) {
    if (err instanceof SqlCompileError && err.position) throw new Error(`${o.codeFile}:${err.position.line}:${err.position.column}: ${err.reason}`);
    throw err;
  }
  return {
    name: data['ApplicationName'],
    arn: applicationArn(o.region, '000000000000', data['ApplicationName']),
    code: o.code,
    inputs,
    outputs,
    references,
    tags: data['Tags'] ?? [],
  };
}

/** Validates the request and the code, then starts reading. */
export async function startStandalone(o: StandaloneOptions): Promise<ApplicationRunner> {
  const spec = standaloneSpec(o);
  const inputs = spec.inputs;
  const runner = new ApplicationRunner(spec, {
    resolve: o.resolve,
    checkpoints: memoryCheckpoints(),
    fetchers: o.fetchers,
    now: o.now ?? Date.now,
    pollMs: o.pollMs,
    tickMs: o.tickMs,
    shardRefreshMs: 10_000,
    log: o.log,
  });
  await runner.start(Object.fromEntries(inputs.map((i) => [i.InputId, o.position])));
  return runner;
}
