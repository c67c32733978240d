/**
 * `freshet firehose ls | create | describe | put | delete`: Firehose delivery streams to S3 on any endpoint that
 * speaks Firehose_20150804, fed directly (put) or from a Kinesis stream.
 */
import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  ListDeliveryStreamsCommand,
  PutRecordBatchCommand,
  type CompressionFormat,
  type DeliveryStreamDescription,
  type _Record,
} from '@aws-sdk/client-firehose';
import { Command, Option } from 'commander';
import { addConnectionOptions, withKinesis, type ConnectionFlags } from '../lib/client.js';
import { roleArnFor, streamArn } from '../lib/arns.js';
import { waitForDeliveryStreamActive, waitForDeliveryStreamDeleted } from '../lib/delivery-stream-status.js';
import { CliError } from '../lib/errors.js';
import { inputLines } from '../lib/input-lines.js';
import { integer } from '../lib/options.js';
import { formatBytes, keyValues, out, printJson, table } from '../lib/output.js';
import { withService, type ServiceContext } from '../lib/service-client.js';

type Ctx = ServiceContext<FirehoseClient>;

const withFirehose = <T>(flags: ConnectionFlags, fn: (ctx: Ctx) => Promise<T>): Promise<T> =>
  withService(flags, { env: 'FIREHOSE', key: 'firehose' }, (config) => new FirehoseClient(config), fn);

/** PutRecordBatch's limits: 500 records and 4 MiB a call. */
const BATCH_RECORDS = 500;
const BATCH_BYTES = 4 * 1024 * 1024;

interface CreateFlags extends ConnectionFlags {
  bucket: string;
  prefix?: string;
  sourceStream?: string;
  bufferSeconds?: number;
  bufferMb?: number;
  compression?: CompressionFormat;
  roleArn?: string;
  wait?: boolean;
}
interface DeleteFlags extends ConnectionFlags {
  wait?: boolean;
}
interface PutFlags extends ConnectionFlags {
  file?: string;
  newline: boolean;
}

export function register(program: Command): void {
  const firehose = program
    .command('firehose')
    .description('Manage Firehose delivery streams to S3 and put records into them')
    .addHelpText('after', '\nExamples:\n  freshet firehose create logs --bucket archive --prefix logs/ --buffer-seconds 60\n  freshet firehose put logs \'{"level":"info"}\'\n  freshet firehose ls');

  addConnectionOptions(firehose.command('ls').alias('list').description('List delivery streams with their status, source and destination'))
    .addHelpText('after', '\nExample:\n  freshet firehose ls -o json')
    .action((flags: ConnectionFlags) => withFirehose(flags, (ctx) => list(ctx, flags)));

  addConnectionOptions(
    firehose
      .command('create')
      .argument('<name>', 'delivery stream name')
      .description('Create a delivery stream that writes to an S3 bucket, fed by put or by a Kinesis stream')
      .requiredOption('--bucket <bucket>', 'destination S3 bucket')
      .option('--prefix <prefix>', 'object key prefix (default: YYYY/MM/DD/HH/)')
      .option('--source-stream <stream>', 'read this Kinesis stream instead of accepting puts')
      .option('--buffer-seconds <n>', 'deliver at least this often (0–900)', integer(0))
      .option('--buffer-mb <n>', 'deliver once this many MiB are buffered (1–128)', integer(1))
      .addOption(new Option('--compression <format>', 'compress delivered objects').choices(['UNCOMPRESSED', 'GZIP', 'ZIP', 'Snappy', 'HADOOP_SNAPPY']))
      .option('--role-arn <arn>', "role Firehose writes with (default: role/freshet in the source's account)")
      .option('--wait', 'return once the delivery stream is ACTIVE (it takes puts only then)'),
  )
    .addHelpText('after', '\nExamples:\n  freshet firehose create logs --bucket archive --prefix logs/ --compression GZIP --wait\n  freshet firehose create clicks-archive --bucket archive --source-stream clicks --buffer-seconds 60 --buffer-mb 5')
    .action((name: string, flags: CreateFlags) =>
      flags.sourceStream
        ? withKinesis(flags, async (k) => create(name, flags, await streamArn(k.kinesis, flags.sourceStream!)))
        : create(name, flags, undefined),
    );

  addConnectionOptions(firehose.command('describe').argument('<name>', 'delivery stream name').description('Show a delivery stream, its source and destination'))
    .addHelpText('after', '\nExample:\n  freshet firehose describe logs')
    .action((name: string, flags: ConnectionFlags) => withFirehose(flags, (ctx) => describe(ctx, name, flags)));

  addConnectionOptions(
    firehose
      .command('put')
      .argument('<name>', 'delivery stream name')
      .argument('[records...]', 'records to send (default: one per line from --file or stdin)')
      .description('Send records to a Direct PUT delivery stream with PutRecordBatch')
      .option('-f, --file <file>', "read records from a file, one per line ('-': stdin)")
      .option('--no-newline', 'send each record as it is, without the newline that keeps delivered objects line-delimited'),
  )
    .addHelpText('after', '\nFirehose concatenates records; a newline is appended to each unless --no-newline.\n\nExamples:\n  freshet firehose put logs \'{"level":"info"}\' \'{"level":"warn"}\'\n  freshet firehose put logs --file events.jsonl')
    .action((name: string, records: string[], flags: PutFlags) => withFirehose(flags, (ctx) => put(ctx, name, records, flags)));

  addConnectionOptions(
    firehose.command('delete').alias('rm').argument('<name>', 'delivery stream name').description('Delete a delivery stream').option('--wait', 'return once it is gone'),
  )
    .addHelpText('after', '\nExample:\n  freshet firehose delete logs --wait')
    .action((name: string, flags: DeleteFlags) => withFirehose(flags, (ctx) => remove(ctx, name, flags)));
}

async function list(ctx: Ctx, flags: ConnectionFlags): Promise<void> {
  const names: string[] = [];
  for (;;) {
    const last = names[names.length - 1];
    const res = await ctx.client.send(new ListDeliveryStreamsCommand(last ? { ExclusiveStartDeliveryStreamName: last } : {}));
    names.push(...(res.DeliveryStreamNames ?? []));
    if (!res.HasMoreDeliveryStreams || !res.DeliveryStreamNames?.length) break;
  }
  const found: DeliveryStreamDescription[] = [];
  for (const n of names) {
    try {
      found.push(await description(ctx, n));
    } catch (err) {
      if (!(err instanceof Error && err.name === 'ResourceNotFoundException')) throw err; // deleted meanwhile
    }
  }
  if (flags.output === 'json') return printJson(found);
  if (found.length === 0) {
    console.log(out.dim('No delivery streams. Create one with: freshet firehose create NAME --bucket BUCKET'));
    return;
  }
  console.log(table(['NAME', 'STATUS', 'SOURCE', 'DESTINATION'], found.map((d) => [d.DeliveryStreamName!, status(d.DeliveryStreamStatus), source(d), destination(d)])));
}

async function description(ctx: Ctx, name: string): Promise<DeliveryStreamDescription> {
  return (await ctx.client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription!;
}

function source(d: DeliveryStreamDescription): string {
  const arn = d.Source?.KinesisStreamSourceDescription?.KinesisStreamARN;
  return arn ? `kinesis:${arn.slice(arn.lastIndexOf('/') + 1)}` : 'direct put';
}

function destination(d: DeliveryStreamDescription): string {
  const dest = d.Destinations?.[0];
  const s3 = dest?.ExtendedS3DestinationDescription ?? dest?.S3DestinationDescription;
  if (s3) return `s3://${s3.BucketARN?.replace(/^arn:[^:]*:s3:::/, '')}/${s3.Prefix ?? ''}`;
  if (dest?.HttpEndpointDestinationDescription) return dest.HttpEndpointDestinationDescription.EndpointConfiguration?.Url ?? 'http endpoint';
  return '';
}

async function create(name: string, flags: CreateFlags, sourceArn: string | undefined): Promise<void> {
  const partition = sourceArn?.split(':')[1] ?? 'aws';
  const role = roleArnFor(sourceArn ?? `arn:${partition}:s3:::${flags.bucket}`, flags.roleArn);
  const hints = flags.bufferSeconds !== undefined || flags.bufferMb !== undefined;
  await withFirehose(flags, async (ctx) => {
    await ctx.client.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: name,
        DeliveryStreamType: sourceArn ? 'KinesisStreamAsSource' : 'DirectPut',
        ...(sourceArn ? { KinesisStreamSourceConfiguration: { KinesisStreamARN: sourceArn, RoleARN: role } } : {}),
        ExtendedS3DestinationConfiguration: {
          RoleARN: role,
          BucketARN: `arn:${partition}:s3:::${flags.bucket}`,
          ...(flags.prefix !== undefined ? { Prefix: flags.prefix } : {}),
          ...(hints
            ? { BufferingHints: { ...(flags.bufferSeconds !== undefined ? { IntervalInSeconds: flags.bufferSeconds } : {}), ...(flags.bufferMb !== undefined ? { SizeInMBs: flags.bufferMb } : {}) } }
            : {}),
          ...(flags.compression ? { CompressionFormat: flags.compression } : {}),
        },
      }),
    );
    const d = flags.wait ? await waitForDeliveryStreamActive(ctx.client, name) : await description(ctx, name);
    if (flags.output === 'json') return printJson(d);
    console.log(`Created delivery stream ${out.bold(name)} (${source(d)} → ${destination(d)}): ${status(d.DeliveryStreamStatus)}`);
  });
}

async function describe(ctx: Ctx, name: string, flags: ConnectionFlags): Promise<void> {
  const d = await description(ctx, name);
  if (flags.output === 'json') return printJson(d);
  const s3 = d.Destinations?.[0]?.ExtendedS3DestinationDescription;
  const hints = s3?.BufferingHints;
  console.log(
    keyValues([
      ['Name', out.bold(d.DeliveryStreamName!)],
      ['ARN', d.DeliveryStreamARN],
      ['Status', status(d.DeliveryStreamStatus)],
      ['Type', d.DeliveryStreamType],
      ['Source', source(d)],
      ['Destination', destination(d)],
      ['Buffering', hints ? `${hints.IntervalInSeconds ?? '?'} s or ${hints.SizeInMBs ?? '?'} MiB` : undefined],
      ['Compression', s3?.CompressionFormat],
      ['Created', d.CreateTimestamp?.toISOString()],
    ]),
  );
}

async function put(ctx: Ctx, name: string, records: string[], flags: PutFlags): Promise<void> {
  if (records.length > 0 && flags.file) throw new CliError('give records as arguments or --file, not both');
  let batch: _Record[] = [];
  let batchBytes = 0;
  let sent = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const res = await ctx.client.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: batch }));
    if (res.FailedPutCount) {
      const failed = res.RequestResponses?.find((r) => r.ErrorCode);
      throw new CliError(`${res.FailedPutCount} of ${batch.length} records refused by ${name}: ${failed?.ErrorCode}: ${failed?.ErrorMessage ?? ''} (${sent} sent before)`);
    }
    sent += batch.length;
    bytes += batchBytes;
    batch = [];
    batchBytes = 0;
  };
  for await (const line of inputLines(records, flags.file)) {
    const data = Buffer.from(flags.newline ? `${line.text}\n` : line.text, 'utf8');
    if (batch.length === BATCH_RECORDS || batchBytes + data.length > BATCH_BYTES) await flush();
    batch.push({ Data: data });
    batchBytes += data.length;
  }
  await flush();
  if (flags.output === 'json') return printJson({ deliveryStream: name, records: sent, bytes });
  console.log(`Put ${out.bold(sent.toLocaleString('en-US'))} record${sent === 1 ? '' : 's'} (${formatBytes(bytes)}) to ${out.bold(name)}`);
}

async function remove(ctx: Ctx, name: string, flags: DeleteFlags): Promise<void> {
  await ctx.client.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name }));
  if (flags.wait) await waitForDeliveryStreamDeleted(ctx.client, name);
  if (flags.output === 'json') return printJson({ DeliveryStreamName: name, DeliveryStreamStatus: flags.wait ? 'DELETED' : 'DELETING' });
  console.log(flags.wait ? `Deleted delivery stream ${out.bold(name)}` : `Deleting delivery stream ${out.bold(name)}`);
}

function status(s: string | undefined): string {
  if (s === 'ACTIVE') return out.green(s);
  if (s === 'DELETING' || s?.endsWith('FAILED')) return out.red(s);
  return out.yellow(s ?? 'UNKNOWN');
}
