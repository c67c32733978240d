/** `freshet streams ls | create | describe | delete | reshard`: managing streams on any Kinesis endpoint. */
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  ListStreamsCommand,
  UpdateShardCountCommand,
  type KinesisClient,
  type Shard,
  type StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import { Command } from 'commander';
import { addConnectionOptions, withKinesis, type ConnectionFlags } from '../lib/client.js';
import { CliError } from '../lib/errors.js';
import { integer } from '../lib/options.js';
import { keyValues, out, printJson, table } from '../lib/output.js';
import { isClosed, listAllShards, parentsOf } from '../lib/shard-lineage.js';
import { waitForActive, waitForDeleted } from '../lib/stream-status.js';

const HASH_SPACE = 2n ** 128n;

export function register(program: Command): void {
  const streams = program
    .command('streams')
    .description('List, create, describe, reshard and delete streams')
    .addHelpText('after', '\nExamples:\n  freshet streams create clicks --shards 2 --wait\n  freshet streams ls\n  freshet streams describe clicks');

  addConnectionOptions(streams.command('ls').alias('list').description('List streams with their status, mode and shards'))
    .addHelpText('after', '\nExample:\n  freshet streams ls --output json')
    .action((flags: ConnectionFlags) => withKinesis(flags, (ctx) => list(ctx.kinesis, flags)));

  addConnectionOptions(
    streams
      .command('create')
      .argument('<name>', 'stream name')
      .description('Create a stream')
      .option('--shards <n>', 'number of shards (provisioned mode)', integer(1))
      .option('--on-demand', 'on-demand capacity mode (no shard count)')
      .option('--wait', 'return once the stream is ACTIVE'),
  )
    .addHelpText('after', '\nExamples:\n  freshet streams create ExampleInputStream --shards 1 --wait\n  freshet streams create events --on-demand')
    .action((name: string, flags: CreateFlags) => withKinesis(flags, (ctx) => create(ctx.kinesis, name, flags, ctx.local)));

  addConnectionOptions(streams.command('describe').argument('<name>', 'stream name').description('Show a stream and its shards'))
    .addHelpText('after', '\nExample:\n  freshet streams describe ExampleInputStream')
    .action((name: string, flags: ConnectionFlags) => withKinesis(flags, (ctx) => describe(ctx.kinesis, name, flags)));

  addConnectionOptions(
    streams
      .command('delete')
      .alias('rm')
      .argument('<name>', 'stream name')
      .description('Delete a stream and its records')
      .option('--force', 'also delete its enhanced fan-out consumers')
      .option('--wait', 'return once the stream is gone'),
  )
    .addHelpText('after', '\nExample:\n  freshet streams delete ExampleInputStream --wait')
    .action((name: string, flags: DeleteFlags) => withKinesis(flags, (ctx) => remove(ctx.kinesis, name, flags, ctx.local)));

  addConnectionOptions(
    streams
      .command('reshard')
      .argument('<name>', 'stream name')
      .description('Change the number of open shards (UpdateShardCount, uniform scaling)')
      .requiredOption('--shards <n>', 'target number of open shards', integer(1))
      .option('--wait', 'return once the stream is ACTIVE again'),
  )
    .addHelpText('after', '\nExample:\n  freshet streams reshard clicks --shards 4 --wait')
    .action((name: string, flags: ReshardFlags) => withKinesis(flags, (ctx) => reshard(ctx.kinesis, name, flags, ctx.local)));
}

interface CreateFlags extends ConnectionFlags {
  shards?: number;
  onDemand?: boolean;
  wait?: boolean;
}
interface DeleteFlags extends ConnectionFlags {
  force?: boolean;
  wait?: boolean;
}
interface ReshardFlags extends ConnectionFlags {
  shards: number;
  wait?: boolean;
}

async function list(kinesis: KinesisClient, flags: ConnectionFlags): Promise<void> {
  const names: string[] = [];
  let token: string | undefined;
  let last: string | undefined;
  for (;;) {
    const res = await kinesis.send(new ListStreamsCommand(token ? { NextToken: token } : last ? { ExclusiveStartStreamName: last } : {}));
    names.push(...(res.StreamNames ?? []));
    token = res.NextToken;
    last = names[names.length - 1];
    if (!res.HasMoreStreams) break;
  }
  const summaries = await mapLimit(names, 8, (name) => summary(kinesis, name));
  const found = summaries.filter((s): s is StreamDescriptionSummary => s !== undefined);
  if (flags.output === 'json') return printJson(found);
  if (found.length === 0) {
    console.log(out.dim('No streams. Create one with: freshet streams create NAME --shards 1'));
    return;
  }
  console.log(
    table(
      ['NAME', 'STATUS', 'MODE', 'SHARDS', 'RETENTION', 'CREATED'],
      found.map((s) => [
        s.StreamName!,
        status(s.StreamStatus),
        s.StreamModeDetails?.StreamMode ?? 'PROVISIONED',
        s.OpenShardCount ?? '',
        s.RetentionPeriodHours !== undefined ? `${s.RetentionPeriodHours} h` : '',
        s.StreamCreationTimestamp ? isoSeconds(s.StreamCreationTimestamp) : '',
      ]),
    ),
  );
}

/** A stream deleted between ListStreams and DescribeStreamSummary is left out. */
async function summary(kinesis: KinesisClient, name: string): Promise<StreamDescriptionSummary | undefined> {
  try {
    return (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary;
  } catch (err) {
    if (err instanceof Error && err.name === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

async function create(kinesis: KinesisClient, name: string, flags: CreateFlags, local: boolean): Promise<void> {
  if (flags.onDemand && flags.shards !== undefined) throw new CliError('--on-demand streams have no shard count: drop --shards');
  const shards = flags.onDemand ? undefined : (flags.shards ?? 1);
  await kinesis.send(
    new CreateStreamCommand({
      StreamName: name,
      ...(shards !== undefined ? { ShardCount: shards } : {}),
      ...(flags.onDemand ? { StreamModeDetails: { StreamMode: 'ON_DEMAND' } } : {}),
    }),
  );
  const s = flags.wait ? await waitForActive(kinesis, name, local) : undefined;
  if (flags.output === 'json') return printJson(s ?? { StreamName: name, StreamStatus: 'CREATING' });
  const what = flags.onDemand ? 'on-demand' : `${shards} shard${shards === 1 ? '' : 's'}`;
  console.log(flags.wait ? `Created stream ${out.bold(name)} (${what}): ${status('ACTIVE')}` : `Creating stream ${out.bold(name)} (${what}); it is ready when ACTIVE (--wait waits for it)`);
}

async function describe(kinesis: KinesisClient, name: string, flags: ConnectionFlags): Promise<void> {
  const s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!;
  const shards = await listAllShards(kinesis, name);
  if (flags.output === 'json') return printJson({ ...s, Shards: shards });
  const open = shards.filter((sh) => !isClosed(sh)).length;
  console.log(
    keyValues([
      ['Name', out.bold(s.StreamName!)],
      ['ARN', s.StreamARN],
      ['Status', status(s.StreamStatus)],
      ['Mode', s.StreamModeDetails?.StreamMode ?? 'PROVISIONED'],
      ['Shards', `${open} open${shards.length > open ? `, ${shards.length - open} closed` : ''}`],
      ['Retention', s.RetentionPeriodHours !== undefined ? `${s.RetentionPeriodHours} hours` : undefined],
      ['Encryption', s.EncryptionType && s.EncryptionType !== 'NONE' ? `${s.EncryptionType} (${s.KeyId ?? ''})` : 'none'],
      ['Consumers', s.ConsumerCount],
      ['Created', s.StreamCreationTimestamp ? isoSeconds(s.StreamCreationTimestamp) : undefined],
    ]),
  );
  console.log('');
  console.log(table(['SHARD', 'STATE', 'PARENTS', 'KEYSPACE', 'HASH KEY RANGE'], shards.map(shardRow)));
}

function shardRow(sh: Shard): string[] {
  const start = BigInt(sh.HashKeyRange?.StartingHashKey ?? '0');
  const end = BigInt(sh.HashKeyRange?.EndingHashKey ?? '0');
  const share = Number(((end - start + 1n) * 100000n) / HASH_SPACE) / 1000;
  return [
    sh.ShardId!,
    isClosed(sh) ? out.dim('closed') : out.green('open'),
    parentsOf(sh).join(', ') || out.dim('-'),
    `${share.toFixed(1)}%`,
    `${start} – ${end}`,
  ];
}

async function remove(kinesis: KinesisClient, name: string, flags: DeleteFlags, local: boolean): Promise<void> {
  await kinesis.send(new DeleteStreamCommand({ StreamName: name, ...(flags.force ? { EnforceConsumerDeletion: true } : {}) }));
  if (flags.wait) await waitForDeleted(kinesis, name, local);
  if (flags.output === 'json') return printJson({ StreamName: name, StreamStatus: flags.wait ? 'DELETED' : 'DELETING' });
  console.log(flags.wait ? `Deleted stream ${out.bold(name)}` : `Deleting stream ${out.bold(name)}`);
}

async function reshard(kinesis: KinesisClient, name: string, flags: ReshardFlags, local: boolean): Promise<void> {
  const res = await kinesis.send(new UpdateShardCountCommand({ StreamName: name, TargetShardCount: flags.shards, ScalingType: 'UNIFORM_SCALING' }));
  const s = flags.wait ? await waitForActive(kinesis, name, local) : undefined;
  if (flags.output === 'json') return printJson({ ...res, $metadata: undefined, ...(s ? { StreamStatus: s.StreamStatus, OpenShardCount: s.OpenShardCount } : {}) });
  console.log(
    `Resharding ${out.bold(name)} from ${res.CurrentShardCount} to ${res.TargetShardCount} shards` + (flags.wait ? `: ${status('ACTIVE')}` : ' (--wait waits for ACTIVE)'),
  );
}

function status(s: string | undefined): string {
  if (s === 'ACTIVE') return out.green(s);
  if (s === 'DELETING') return out.red(s);
  return out.yellow(s ?? 'UNKNOWN');
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
