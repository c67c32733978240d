/**
 * `freshet apps ls | describe | create | start | stop | delete | discover`: Kinesis Data Analytics for SQL
 * applications on any endpoint that speaks KinesisAnalytics_20150814.
 */
import { readFile } from 'node:fs/promises';
import {
  CreateApplicationCommand,
  DeleteApplicationCommand,
  DescribeApplicationCommand,
  DiscoverInputSchemaCommand,
  KinesisAnalyticsClient,
  ListApplicationsCommand,
  StartApplicationCommand,
  StopApplicationCommand,
  type ApplicationDetail,
  type ApplicationSummary,
  type Input,
  type InputStartingPosition,
  type Output,
  type SourceSchema,
} from '@aws-sdk/client-kinesis-analytics';
import { Command, Option } from 'commander';
import { addConnectionOptions, withKinesis, type ConnectionFlags } from '../lib/client.js';
import { roleArnFor, streamArn } from '../lib/arns.js';
import { waitForApplicationDeleted, waitForApplicationStatus } from '../lib/application-status.js';
import { CliError } from '../lib/errors.js';
import { keyValues, out, printJson, table } from '../lib/output.js';
import { withService, type ServiceContext } from '../lib/service-client.js';

type Ctx = ServiceContext<KinesisAnalyticsClient>;

const withAnalytics = <T>(flags: ConnectionFlags, fn: (ctx: Ctx) => Promise<T>): Promise<T> =>
  withService(flags, { env: 'KINESIS_ANALYTICS', key: 'kinesis_analytics' }, (config) => new KinesisAnalyticsClient(config), fn);

const POSITIONS: Record<string, InputStartingPosition> = { now: 'NOW', 'trim-horizon': 'TRIM_HORIZON', 'last-stopped': 'LAST_STOPPED_POINT' };

interface CreateFlags extends ConnectionFlags {
  sql: string;
  input?: string;
  inputSchema?: string;
  discover?: boolean;
  destinations: string[];
  roleArn?: string;
  description?: string;
}
interface StartFlags extends ConnectionFlags {
  from: string;
  wait?: boolean;
}
interface WaitFlags extends ConnectionFlags {
  wait?: boolean;
}
interface DiscoverFlags extends ConnectionFlags {
  from: string;
  roleArn?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function register(program: Command): void {
  const apps = program
    .command('apps')
    .description('Manage Kinesis Data Analytics SQL applications: create, start, stop, describe, delete, discover schemas')
    .addHelpText(
      'after',
      '\nExamples:\n  freshet apps create sessions --sql app.sql --input clicks --discover --output sessions-out:DESTINATION_SQL_STREAM\n  freshet apps start sessions --from trim-horizon\n  freshet apps ls',
    );

  addConnectionOptions(apps.command('ls').alias('list').description('List applications with their status and version'))
    .addHelpText('after', '\nExample:\n  freshet apps ls -o json')
    .action((flags: ConnectionFlags) => withAnalytics(flags, (ctx) => list(ctx, flags)));

  addConnectionOptions(apps.command('describe').argument('<name>', 'application name').description('Show an application, its input, outputs and code'))
    .addHelpText('after', '\nExample:\n  freshet apps describe sessions')
    .action((name: string, flags: ConnectionFlags) => withAnalytics(flags, (ctx) => describe(ctx, name, flags)));

  addConnectionOptions(
    apps
      .command('create')
      .argument('<name>', 'application name')
      .description('Create an application from a SQL file, reading one stream and writing in-application streams to others')
      .requiredOption('--sql <file>', 'the application code')
      .option('--input <stream>', 'the Kinesis stream it reads (as SOURCE_SQL_STREAM_001)')
      .option('--input-schema <file>', 'the input schema: JSON with RecordFormat and RecordColumns (or a discover -o json output)')
      .option('--discover', 'infer the input schema from records already on the input stream')
      // --output is both the output format (text, json) and, with a colon, a destination: AWS CLI habits meet
      // KDA's vocabulary, and neither has a value the other could mean.
      .option('-o, --output <format|stream:in-app-stream[:JSON|CSV]>', 'text or json; or deliver an in-application stream to a Kinesis stream (repeatable)', collect, [])
      .option('--role-arn <arn>', 'role for inputs and outputs (default: role/freshet in the stream\'s account)')
      .option('--description <text>', 'application description'),
    { output: false },
  )
    .addHelpText(
      'after',
      '\nExamples:\n  freshet apps create sessions --sql app.sql --input clicks --discover --output out:DESTINATION_SQL_STREAM\n  freshet apps create report --sql report.sql --input orders --input-schema schema.json --output summary:DEST:CSV',
    )
    .action((name: string, raw: Omit<CreateFlags, 'output' | 'destinations'> & { output: string[] }) => {
      const flags = splitOutputs(raw);
      return withKinesis(flags, (k) => withAnalytics(flags, (ctx) => create(ctx, k.kinesis, name, flags)));
    });

  addConnectionOptions(
    apps
      .command('start')
      .argument('<name>', 'application name')
      .description('Start an application: it reads its input from the chosen position')
      .addOption(new Option('--from <position>', 'where it starts reading').choices(Object.keys(POSITIONS)).default('now'))
      .option('--wait', 'return once it is RUNNING'),
  )
    .addHelpText('after', '\nExample:\n  freshet apps start sessions --from trim-horizon --wait')
    .action((name: string, flags: StartFlags) => withAnalytics(flags, (ctx) => start(ctx, name, flags)));

  addConnectionOptions(apps.command('stop').argument('<name>', 'application name').description('Stop a running application').option('--wait', 'return once it is READY again'))
    .addHelpText('after', '\nExample:\n  freshet apps stop sessions --wait')
    .action((name: string, flags: WaitFlags) => withAnalytics(flags, (ctx) => stop(ctx, name, flags)));

  addConnectionOptions(apps.command('delete').alias('rm').argument('<name>', 'application name').description('Delete an application').option('--wait', 'return once it is gone'))
    .addHelpText('after', '\nExample:\n  freshet apps delete sessions --wait')
    .action((name: string, flags: WaitFlags) => withAnalytics(flags, (ctx) => remove(ctx, name, flags)));

  addConnectionOptions(
    apps
      .command('discover')
      .argument('<stream>', 'Kinesis stream to sample')
      .description('Infer an input schema from records on a stream (DiscoverInputSchema)')
      .addOption(new Option('--from <position>', 'where the sample starts').choices(['now', 'trim-horizon']).default('trim-horizon'))
      .option('--role-arn <arn>', 'role to read the stream with'),
  )
    .addHelpText('after', '\nExamples:\n  freshet apps discover clicks\n  freshet apps discover clicks -o json > schema.json   # then: apps create … --input-schema schema.json')
    .action((stream: string, flags: DiscoverFlags) => withKinesis(flags, (k) => withAnalytics(flags, (ctx) => discover(ctx, stream, flags, () => streamArn(k.kinesis, stream)))));
}

async function list(ctx: Ctx, flags: ConnectionFlags): Promise<void> {
  const apps: ApplicationSummary[] = [];
  for (;;) {
    const last = apps[apps.length - 1]?.ApplicationName;
    const res = await ctx.client.send(new ListApplicationsCommand(last ? { ExclusiveStartApplicationName: last } : {}));
    apps.push(...(res.ApplicationSummaries ?? []));
    if (!res.HasMoreApplications || !res.ApplicationSummaries?.length) break;
  }
  if (flags.output === 'json') return printJson(apps);
  if (apps.length === 0) {
    console.log(out.dim('No applications. Create one with: freshet apps create NAME --sql FILE --input STREAM --discover'));
    return;
  }
  console.log(table(['NAME', 'STATUS', 'ARN'], apps.map((a) => [a.ApplicationName!, status(a.ApplicationStatus), a.ApplicationARN ?? ''])));
}

async function detail(ctx: Ctx, name: string): Promise<ApplicationDetail> {
  return (await ctx.client.send(new DescribeApplicationCommand({ ApplicationName: name }))).ApplicationDetail!;
}

async function describe(ctx: Ctx, name: string, flags: ConnectionFlags): Promise<void> {
  const d = await detail(ctx, name);
  if (flags.output === 'json') return printJson(d);
  console.log(
    keyValues([
      ['Name', out.bold(d.ApplicationName!)],
      ['ARN', d.ApplicationARN],
      ['Status', status(d.ApplicationStatus)],
      ['Version', d.ApplicationVersionId],
      ['Description', d.ApplicationDescription],
      ['Created', d.CreateTimestamp?.toISOString()],
      ['Updated', d.LastUpdateTimestamp?.toISOString()],
    ]),
  );
  const inputs = d.InputDescriptions ?? [];
  if (inputs.length > 0) {
    console.log('');
    console.log(
      table(
        ['INPUT', 'IN-APP STREAMS', 'SOURCE', 'FORMAT', 'COLUMNS'],
        inputs.map((i) => [
          i.InputId ?? '',
          (i.InAppStreamNames ?? []).join(', '),
          i.KinesisStreamsInputDescription?.ResourceARN ?? i.KinesisFirehoseInputDescription?.ResourceARN ?? '',
          i.InputSchema?.RecordFormat?.RecordFormatType ?? '',
          (i.InputSchema?.RecordColumns ?? []).map((c) => `${c.Name} ${c.SqlType}`).join(', '),
        ]),
      ),
    );
  }
  const outputs = d.OutputDescriptions ?? [];
  if (outputs.length > 0) {
    console.log('');
    console.log(
      table(
        ['OUTPUT', 'IN-APP STREAM', 'DESTINATION', 'FORMAT'],
        outputs.map((o) => [
          o.OutputId ?? '',
          o.Name ?? '',
          o.KinesisStreamsOutputDescription?.ResourceARN ?? o.KinesisFirehoseOutputDescription?.ResourceARN ?? o.LambdaOutputDescription?.ResourceARN ?? '',
          o.DestinationSchema?.RecordFormatType ?? '',
        ]),
      ),
    );
  }
  if (d.ApplicationCode) console.log(`\n${out.dim('Code:')}\n${d.ApplicationCode.trimEnd()}`);
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** A schema file: a SourceSchema, or what `apps discover -o json` prints (which holds one under InputSchema). */
async function readSchema(path: string): Promise<SourceSchema> {
  let parsed: { InputSchema?: SourceSchema } & SourceSchema;
  try {
    parsed = JSON.parse(await readText(path, 'input schema'));
  } catch (err) {
    if (err instanceof SyntaxError) throw new CliError(`${path} is not valid JSON: ${err.message}`);
    throw err;
  }
  const schema = parsed.InputSchema ?? parsed;
  if (!schema.RecordFormat || !Array.isArray(schema.RecordColumns)) throw new CliError(`${path}: expected an input schema with RecordFormat and RecordColumns`);
  return schema;
}

/** Splits create's `--output` values into the output format and the destinations. */
function splitOutputs(raw: Omit<CreateFlags, 'output' | 'destinations'> & { output: string[] }): CreateFlags {
  const formats = raw.output.filter((v) => !v.includes(':'));
  for (const f of formats) if (f !== 'text' && f !== 'json') throw new CliError(`--output expects text, json or STREAM:IN_APP_STREAM[:JSON|CSV], got '${f}'`);
  return { ...raw, output: (formats[formats.length - 1] as 'text' | 'json' | undefined) ?? 'text', destinations: raw.output.filter((v) => v.includes(':')) };
}

/** `STREAM:IN_APP_STREAM[:JSON|CSV]`. */
function parseOutput(spec: string): { stream: string; name: string; format: 'JSON' | 'CSV' } {
  const [stream, name, format = 'JSON', ...rest] = spec.split(':');
  const upper = format.toUpperCase();
  if (!stream || !name || rest.length > 0 || (upper !== 'JSON' && upper !== 'CSV')) {
    throw new CliError(`--output expects STREAM:IN_APP_STREAM[:JSON|CSV], got '${spec}'`);
  }
  return { stream, name, format: upper };
}

async function create(ctx: Ctx, kinesis: import('@aws-sdk/client-kinesis').KinesisClient, name: string, flags: CreateFlags): Promise<void> {
  if (flags.input && !flags.inputSchema && !flags.discover) throw new CliError('--input needs --input-schema FILE or --discover');
  if (!flags.input && (flags.inputSchema || flags.discover)) throw new CliError('--input-schema and --discover describe an --input stream: add --input STREAM');
  if (flags.inputSchema && flags.discover) throw new CliError('give --input-schema or --discover, not both');
  const outputs = flags.destinations.map(parseOutput);
  const code = await readText(flags.sql, 'application code');
  const inputs: Input[] = [];
  if (flags.input) {
    const arn = await streamArn(kinesis, flags.input);
    const role = roleArnFor(arn, flags.roleArn);
    const schema = flags.inputSchema ? await readSchema(flags.inputSchema) : await discoverSchema(ctx, arn, role, 'TRIM_HORIZON');
    inputs.push({ NamePrefix: 'SOURCE_SQL_STREAM', KinesisStreamsInput: { ResourceARN: arn, RoleARN: role }, InputSchema: schema });
  }
  const outs: Output[] = [];
  for (const o of outputs) {
    const arn = await streamArn(kinesis, o.stream);
    outs.push({ Name: o.name, KinesisStreamsOutput: { ResourceARN: arn, RoleARN: roleArnFor(arn, flags.roleArn) }, DestinationSchema: { RecordFormatType: o.format } });
  }
  await ctx.client.send(
    new CreateApplicationCommand({
      ApplicationName: name,
      ApplicationCode: code,
      ...(flags.description !== undefined ? { ApplicationDescription: flags.description } : {}),
      ...(inputs.length ? { Inputs: inputs } : {}),
      ...(outs.length ? { Outputs: outs } : {}),
    }),
  );
  const d = await detail(ctx, name);
  if (flags.output === 'json') return printJson(d);
  const columns = d.InputDescriptions?.[0]?.InputSchema?.RecordColumns ?? [];
  console.log(
    `Created application ${out.bold(name)}: ${status(d.ApplicationStatus)}` +
      (flags.input ? `, reading ${flags.input} (${columns.length} column${columns.length === 1 ? '' : 's'})` : '') +
      (outputs.length ? `, writing ${outputs.map((o) => `${o.name} → ${o.stream}`).join(', ')}` : ''),
  );
  console.log(out.dim(`Start it with: freshet apps start ${name} --from trim-horizon`));
}

async function discoverSchema(ctx: Ctx, arn: string, role: string, position: InputStartingPosition): Promise<SourceSchema> {
  const res = await ctx.client.send(new DiscoverInputSchemaCommand({ ResourceARN: arn, RoleARN: role, InputStartingPositionConfiguration: { InputStartingPosition: position } }));
  return res.InputSchema!;
}

async function start(ctx: Ctx, name: string, flags: StartFlags): Promise<void> {
  const d = await detail(ctx, name);
  const position = POSITIONS[flags.from]!;
  const inputs = d.InputDescriptions ?? [];
  if (inputs.length === 0) throw new CliError(`application ${name} has no input to start from: create it with --input STREAM`);
  await ctx.client.send(
    new StartApplicationCommand({ ApplicationName: name, InputConfigurations: inputs.map((i) => ({ Id: i.InputId!, InputStartingPositionConfiguration: { InputStartingPosition: position } })) }),
  );
  if (flags.wait) await waitForApplicationStatus(ctx.client, name, 'RUNNING');
  const after = await detail(ctx, name);
  if (flags.output === 'json') return printJson({ ApplicationName: name, ApplicationStatus: after.ApplicationStatus, InputStartingPosition: position });
  console.log(`Started application ${out.bold(name)} from ${position}: ${status(after.ApplicationStatus)}`);
}

async function stop(ctx: Ctx, name: string, flags: WaitFlags): Promise<void> {
  await ctx.client.send(new StopApplicationCommand({ ApplicationName: name }));
  if (flags.wait) await waitForApplicationStatus(ctx.client, name, 'READY');
  const after = await detail(ctx, name);
  if (flags.output === 'json') return printJson({ ApplicationName: name, ApplicationStatus: after.ApplicationStatus });
  console.log(`Stopped application ${out.bold(name)}: ${status(after.ApplicationStatus)}`);
}

async function remove(ctx: Ctx, name: string, flags: WaitFlags): Promise<void> {
  const d = await detail(ctx, name);
  await ctx.client.send(new DeleteApplicationCommand({ ApplicationName: name, CreateTimestamp: d.CreateTimestamp! }));
  if (flags.wait) await waitForApplicationDeleted(ctx.client, name);
  if (flags.output === 'json') return printJson({ ApplicationName: name, ApplicationStatus: flags.wait ? 'DELETED' : 'DELETING' });
  console.log(flags.wait ? `Deleted application ${out.bold(name)}` : `Deleting application ${out.bold(name)}`);
}

async function discover(ctx: Ctx, stream: string, flags: DiscoverFlags, arnOf: () => Promise<string>): Promise<void> {
  const arn = await arnOf();
  const res = await ctx.client.send(
    new DiscoverInputSchemaCommand({ ResourceARN: arn, RoleARN: roleArnFor(arn, flags.roleArn), InputStartingPositionConfiguration: { InputStartingPosition: POSITIONS[flags.from]! } }),
  );
  const schema = res.InputSchema!;
  if (flags.output === 'json') return printJson({ InputSchema: schema, RawInputRecords: res.RawInputRecords });
  const format = schema.RecordFormat?.RecordFormatType ?? '';
  console.log(`${out.bold(stream)}: ${format} records, ${res.RawInputRecords?.length ?? 0} sampled`);
  console.log('');
  console.log(table(['COLUMN', 'SQL TYPE', 'MAPPING'], (schema.RecordColumns ?? []).map((c) => [c.Name!, c.SqlType!, c.Mapping ?? ''])));
}

function status(s: string | undefined): string {
  if (s === 'RUNNING' || s === 'READY') return out.green(s);
  if (s === 'DELETING') return out.red(s);
  return out.yellow(s ?? 'UNKNOWN');
}
