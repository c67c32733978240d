/**
 * `freshet tail STREAM`: follows every shard of a stream (children too, after a reshard) and prints records as
 * they arrive, through an enhanced fan-out consumer where the endpoint offers one, else by polling GetRecords.
 */
import { Command, Option } from 'commander';
import { addConnectionOptions, withKinesis, type ConnectionFlags, type KinesisContext } from '../lib/client.js';
import { offersFanOut, registerConsumer, streamArnOf, type Consumer } from '../lib/efo-consumer.js';
import { integer } from '../lib/options.js';
import { err as errColors, out } from '../lib/output.js';
import { recordForHumans, recordJsonLine, recordRaw } from '../lib/record-format.js';
import { parseStartPosition, type StartPosition } from '../lib/start-position.js';
import { onStdoutClosed, writeOut } from '../lib/stdout.js';
import { readStream } from '../lib/stream-reader.js';
import { shardIdOf } from '../lib/shard-lineage.js';

interface TailFlags extends ConnectionFlags {
  from: StartPosition;
  shard?: string;
  raw?: boolean;
  limit?: number;
  efo?: boolean;
  pollInterval: number;
}

export function register(program: Command): void {
  addConnectionOptions(
    program
      .command('tail')
      .argument('<stream>', 'stream name')
      .description('Follow a stream and print its records (decoded, with partition key, sequence number and arrival time)')
      .addOption(
        new Option('--from <position>', 'where to start: trim-horizon, latest, at-timestamp:ISO-8601 or sequence:N')
          .argParser(parseStartPosition)
          .default({ type: 'LATEST' } satisfies StartPosition, 'latest'),
      )
      .option('--shard <id>', 'only this shard and its children (shardId-000000000001, or just 1)', shardIdOf)
      .option('--raw', 'print only the data of each record, one per line (for pipes)')
      .option('-n, --limit <n>', 'stop after this many records', integer(1))
      .option('--efo', 'read through an enhanced fan-out consumer (SubscribeToShard); registered now, deregistered on exit')
      .option('--no-efo', 'poll GetRecords (default on AWS; elsewhere fan-out is used when the endpoint offers it)')
      .addOption(new Option('--poll-interval <ms>', 'pause between empty GetRecords calls').argParser(integer(200)).default(1000)),
  )
    .addHelpText(
      'after',
      `
JSON records are pretty-printed, text is shown as it is, other bytes in hex. --output json prints one JSON line per
record in the format of 'freshet dump'. Stop with Ctrl+C (a fan-out consumer is deregistered on the way out).

Examples:
  freshet tail clicks
  freshet tail clicks --from trim-horizon --limit 10
  freshet tail clicks --from at-timestamp:2024-05-01T17:47:00Z --raw | jq .user`,
    )
    .action((stream: string, flags: TailFlags) => withKinesis(flags, (ctx) => tail(ctx, stream, flags)));
}

async function tail(ctx: KinesisContext, stream: string, flags: TailFlags): Promise<void> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  onStdoutClosed(stop);

  let consumer: Consumer | undefined;
  let printed = 0;
  try {
    const useEfo = flags.efo ?? (ctx.endpoint.url !== undefined && !/amazonaws\.com/.test(ctx.endpoint.url) ? 'auto' : false);
    if (useEfo !== false) {
      const arn = await streamArnOf(ctx.kinesis, stream);
      if (useEfo === true) consumer = await registerConsumer(ctx.kinesis, arn, controller.signal);
      else if (await offersFanOut(ctx.kinesis, arn)) {
        try {
          consumer = await registerConsumer(ctx.kinesis, arn, controller.signal);
        } catch (err) {
          // A stream has room for 20 consumers; polling still works when they are taken.
          if (!(err instanceof Error && err.name === 'LimitExceededException')) throw err;
          process.stderr.write(errColors.yellow(`no room for another fan-out consumer on ${stream}: polling instead\n`));
        }
      }
    }
    if (process.stderr.isTTY && !controller.signal.aborted) {
      const how = consumer ? 'enhanced fan-out' : 'polling';
      process.stderr.write(errColors.dim(`Following ${stream} from ${describeFrom(flags.from)} (${how}) · Ctrl+C to stop\n`));
    }
    await readStream(ctx, {
      stream,
      from: flags.from,
      ...(flags.shard ? { shardId: flags.shard } : {}),
      ...(consumer ? { consumerArn: consumer.arn } : {}),
      idleMs: flags.pollInterval,
      signal: controller.signal,
      onBatch: async ({ shardId, records }) => {
        for (const r of records) {
          if (controller.signal.aborted) return;
          if (flags.output === 'json') await writeOut(recordJsonLine(r, { shardId }) + '\n');
          else if (flags.raw) await writeOut(recordRaw(r));
          else await writeOut(recordForHumans(shardId, r, out));
          if (flags.limit !== undefined && ++printed >= flags.limit) controller.abort();
        }
      },
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (consumer) await consumer.deregister().catch(() => undefined);
  }
}

function describeFrom(from: StartPosition): string {
  switch (from.type) {
    case 'LATEST':
      return 'now on';
    case 'TRIM_HORIZON':
      return 'the oldest record';
    case 'AT_TIMESTAMP':
      return from.timestamp.toISOString();
    case 'AT_SEQUENCE_NUMBER':
      return `sequence ${from.sequenceNumber}`;
  }
}
