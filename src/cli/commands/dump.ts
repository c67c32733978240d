/**
 * `freshet dump STREAM --to FILE.jsonl`: exports a whole stream (every shard, closed ones too) as the offline SQL
 * runner's JSONL, one record a line with its partition key and sequence number. Records that arrive after the dump
 * started are left for the next one, so a busy stream still has an end.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Command, Option } from 'commander';
import { addConnectionOptions, withKinesis, type ConnectionFlags, type KinesisContext } from '../lib/client.js';
import { formatBytes, formatDuration, out, printJson } from '../lib/output.js';
import { startProgress } from '../lib/progress.js';
import { recordJsonLine } from '../lib/record-format.js';
import { parseStartPosition, type StartPosition } from '../lib/start-position.js';
import { writeOut } from '../lib/stdout.js';
import { readStream } from '../lib/stream-reader.js';
import { shardIdOf } from '../lib/shard-lineage.js';

interface DumpFlags extends ConnectionFlags {
  to: string;
  from: StartPosition;
  shard?: string;
}

export function register(program: Command): void {
  addConnectionOptions(
    program
      .command('dump')
      .argument('<stream>', 'stream name')
      .description('Export every record of a stream to a JSONL file (the format `freshet sql run` and `freshet load` read)')
      .requiredOption('--to <file>', "file to write ('-': stdout)")
      .addOption(
        new Option('--from <position>', 'where to start: trim-horizon, at-timestamp:ISO-8601 or sequence:N')
          .argParser(parseStartPosition)
          .default({ type: 'TRIM_HORIZON' } satisfies StartPosition, 'trim-horizon'),
      )
      .option('--shard <id>', 'only this shard and its children (shardId-000000000001, or just 1)', shardIdOf),
  )
    .addHelpText(
      'after',
      `
Each line: {"arrival": "<ISO-8601 UTC>", "data": <the JSON value, or the text>, "partitionKey", "sequenceNumber"},
with "data_base64" instead of "data" for binary records. JSON records are written compactly.

Examples:
  freshet dump ExampleInputStream --to input.jsonl
  freshet dump clicks --to - | jq -c .data`,
    )
    .action((stream: string, flags: DumpFlags) => withKinesis(flags, (ctx) => dump(ctx, stream, flags)));
}

async function dump(ctx: KinesisContext, stream: string, flags: DumpFlags): Promise<void> {
  const toStdout = flags.to === '-';
  const file: WriteStream | undefined = toStdout ? undefined : createWriteStream(flags.to);
  if (file) await Promise.race([once(file, 'open'), once(file, 'error').then(([e]) => Promise.reject(new Error(`cannot write ${flags.to}: ${(e as NodeJS.ErrnoException).code ?? e}`)))]);
  const write = async (line: string): Promise<void> => {
    if (!file) return writeOut(line);
    if (!file.write(line)) await once(file, 'drain');
  };

  const until = new Date();
  const started = Date.now();
  const progress = startProgress(`dump ${stream}`, { bar: true });
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  let records = 0;
  let bytes = 0;
  const shardIds = new Set<string>();
  const done = new Set<string>();
  // How far each shard is, by arrival time between its first record and the moment the dump started.
  const span = new Map<string, { first: number; last: number }>();
  const fraction = (): number => {
    if (shardIds.size === 0) return 0;
    let sum = done.size;
    for (const [id, s] of span) if (!done.has(id)) sum += Math.min(1, (s.last - s.first) / Math.max(1, until.getTime() - s.first));
    return sum / shardIds.size;
  };
  try {
    await readStream(ctx, {
      stream,
      from: flags.from,
      ...(flags.shard ? { shardId: flags.shard } : {}),
      stopAtTip: true,
      until,
      idleMs: 200,
      signal: controller.signal,
      onShards: (shards) => shards.forEach((s) => shardIds.add(s.ShardId!)),
      onShardDone: (id) => done.add(id),
      onBatch: async ({ shardId, records: batch }) => {
        for (const r of batch) {
          await write(recordJsonLine(r) + '\n');
          records++;
          bytes += r.Data?.length ?? 0;
        }
        const at = (i: number): number => batch[i]?.ApproximateArrivalTimestamp?.getTime() ?? until.getTime();
        const s = span.get(shardId) ?? { first: at(0), last: at(0) };
        s.last = at(batch.length - 1);
        span.set(shardId, s);
        progress.update(records, bytes, fraction());
      },
    });
  } finally {
    process.off('SIGINT', stop);
    progress.stop();
    if (file) {
      file.end();
      await once(file, 'close');
    }
  }
  const summary = { stream, file: flags.to, records, bytes, shards: done.size, interrupted: controller.signal.aborted, ms: Date.now() - started };
  if (flags.output === 'json' && !toStdout) return printJson(summary);
  const line = `${controller.signal.aborted ? 'Interrupted: dumped' : 'Dumped'} ${out.bold(records.toLocaleString('en-US'))} records (${formatBytes(bytes)}) from ${out.bold(stream)} (${done.size} shard${done.size === 1 ? '' : 's'}) to ${toStdout ? 'stdout' : flags.to} in ${formatDuration(summary.ms)}`;
  if (toStdout) process.stderr.write(line + '\n');
  else console.log(line);
  if (controller.signal.aborted) process.exitCode = 130;
}
