/**
 * `freshet app run APP.sql --config app.json`: runs a Kinesis Data Analytics for SQL application on its own,
 * against whatever Kinesis endpoint the usual AWS configuration (or --endpoint-url) points at. app.json is the
 * CreateApplication request the application was made with (Inputs, Outputs, ReferenceDataSources); the code is
 * APP.sql. Runs until interrupted, then delivers what is pending and exits.
 */
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { startStandalone } from '../../analytics/standalone.js';
import { envMs } from '../../analytics/runner/env-timing.js';
import { localFileFetcher } from '../../analytics/runner/reference-data.js';
import { clientEndpoint } from '../../analytics/runner/stream-endpoint.js';
import type { StartingPosition } from '../../analytics/model/application.js';
import { addConnectionOptions, connect, type ConnectionFlags } from '../lib/client.js';
import { describeError } from '../lib/errors.js';

interface AppRunFlags extends ConnectionFlags {
  config: string;
  position: StartingPosition;
  referenceDir?: string;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export async function appRun(appFile: string, flags: AppRunFlags): Promise<void> {
  const code = await readText(appFile, 'application code');
  let request: unknown;
  try {
    request = JSON.parse(await readText(flags.config, 'configuration'));
  } catch (err) {
    if (err instanceof SyntaxError) throw new Error(`${flags.config} is not valid JSON: ${err.message}`);
    throw err;
  }
  const ctx = await connect(flags);
  try {
    const runner = await startStandalone({
      code,
      codeFile: appFile,
      request,
      // Streams are found by the name in their ARN, on the endpoint this command talks to.
      resolve: (arn) => clientEndpoint(arn, ctx.kinesis, true),
      fetchers: [localFileFetcher(flags.referenceDir)],
      position: flags.position,
      region: ctx.region,
      tickMs: envMs('TICK') ?? 1000,
      pollMs: envMs('POLL') ?? 1000,
      log: (m) => console.error(`freshet app run: ${m}`),
    });
    const spec = runner.spec;
    console.error(
      `freshet app run: ${spec.name} running against ${ctx.where}: ` +
        `${spec.inputs.map((i) => `${i.NamePrefix} ← ${i.KinesisStreamsInput?.ResourceARN ?? i.KinesisFirehoseInput?.ResourceARN}`).join(', ')}; ` +
        `${spec.outputs.map((o) => `${o.Name} → ${o.KinesisStreamsOutput?.ResourceARN ?? o.KinesisFirehoseOutput?.ResourceARN ?? o.LambdaOutput?.ResourceARN}`).join(', ') || 'no outputs'} (Ctrl-C stops)`,
    );
    await new Promise<void>((res) => {
      process.once('SIGINT', res);
      process.once('SIGTERM', res);
    });
    await runner.stop();
  } catch (err) {
    throw describeError(err, ctx.where);
  } finally {
    ctx.close();
  }
}

export function register(program: Command): void {
  const app = program.command('app').description('Kinesis Data Analytics applications');
  addConnectionOptions(
    app
      .command('run')
      .description('Run an application against live streams: its code from APP.sql, its inputs, outputs and reference data from the CreateApplication request')
      .argument('<app.sql>', 'the application code')
      .requiredOption('--config <app.json>', 'the CreateApplication request (Inputs, Outputs, ReferenceDataSources)')
      .addOption(new Option('--position <position>', 'where the input starts').choices(['NOW', 'TRIM_HORIZON']).default('NOW'))
      .option('--reference-dir <folder>', 'reference data files as <folder>/<bucket>/<FileKey> (a file:// FileKey is read as it is)'),
  ).action(async (appFile: string, flags: AppRunFlags) => {
    await appRun(appFile, flags);
  });
}
