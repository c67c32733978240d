/** `freshet put STREAM [RECORD…]`: writes records given as arguments, or one per line from a file or stdin. */
import { stat } from 'node:fs/promises';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { Command } from 'commander';
import { addConnectionOptions, withKinesis, type ConnectionFlags } from '../lib/client.js';
import { CliError } from '../lib/errors.js';
import { inputLines } from '../lib/input-lines.js';
import { integer } from '../lib/options.js';
import { err as errColors, formatBytes, formatDuration, out, printJson } from '../lib/output.js';
import { keyChooser, type KeyFlags } from '../lib/partition-keys.js';
import { Producer } from '../lib/producer.js';
import { startProgress } from '../lib/progress.js';

interface PutFlags extends ConnectionFlags, KeyFlags {
  file?: string;
  maxAttempts: number;
}

export function register(program: Command): void {
  addConnectionOptions(
    program
      .command('put')
      .argument('<stream>', 'stream name')
      .argument('[records...]', 'records to write (default: one per line from --file or stdin)')
      .description('Write records: arguments, or lines of a file or stdin (JSON or text), batched with PutRecords')
      .option('-f, --file <file>', "read records from a file, one per line ('-': stdin)")
      .option('-k, --key <key>', 'partition key for every record (default: random)')
      .option('--key-field <field>', 'partition key from this field of each JSON record (dots reach into objects: user.id)')
      .option('--max-attempts <n>', 'attempts per record while throttled or failing', integer(1), 10),
  )
    .addHelpText(
      'after',
      `
Records are sent as they are, one per line; blank lines are skipped. Batches hold up to 500 records and 5 MiB;
entries the stream refuses (throttling) are retried with backoff.

Examples:
  freshet put clicks '{"user":"ana","page":"/"}' '{"user":"bo","page":"/cart"}' --key-field user
  tail -f app.log | freshet put logs
  freshet put ExampleInputStream --file points.jsonl --key partition_key`,
    )
    .action((stream: string, records: string[], flags: PutFlags) => withKinesis(flags, (ctx) => put(ctx.kinesis, stream, records, flags)));
}

async function put(kinesis: KinesisClient, stream: string, records: string[], flags: PutFlags): Promise<void> {
  if (records.length > 0 && flags.file) throw new CliError('give records as arguments or --file, not both');
  const chooseKey = keyChooser(flags);
  // A file has a known size: a bar with an ETA. Stdin may never end: a running count.
  const size = records.length === 0 && flags.file && flags.file !== '-' ? await fileSize(flags.file) : 0;
  const progress = startProgress(`put ${stream}`, { bar: size > 0, enabled: process.stderr.isTTY === true && records.length === 0 });
  let readBytes = 0;
  const producer = new Producer(kinesis, stream, {
    maxAttempts: flags.maxAttempts,
    // Records from arguments or a file are all there: batches fill up. Stdin may be a live feed: send what came.
    lingerMs: records.length > 0 || size > 0 ? Infinity : 50,
    onWritten: () => progress.update(producer.stats.records, producer.stats.bytes, size > 0 ? readBytes / size : undefined),
  });
  if (records.length === 0 && (!flags.file || flags.file === '-') && process.stdin.isTTY) {
    process.stderr.write(errColors.dim('Reading records from the terminal, one per line; Ctrl+D to finish.\n'));
  }
  const started = Date.now();
  try {
    for await (const line of inputLines(records, flags.file)) {
      readBytes += Buffer.byteLength(line.text) + 1;
      await producer.add(Buffer.from(line.text, 'utf8'), chooseKey(line.text, line.where), line.where);
    }
    await producer.flush();
  } finally {
    progress.stop();
  }
  const s = producer.stats;
  if (flags.output === 'json') {
    return printJson({ stream, records: s.records, bytes: s.bytes, batches: s.batches, retried: s.retried, shards: [...s.shards].sort(), ...(s.records === 1 ? s.last : {}) });
  }
  const where = s.records === 1 && s.last ? ` (${s.last.shardId}, sequence ${s.last.sequenceNumber})` : s.shards.size > 0 ? ` across ${s.shards.size} shard${s.shards.size === 1 ? '' : 's'}` : '';
  console.log(
    `Put ${out.bold(s.records.toLocaleString('en-US'))} record${s.records === 1 ? '' : 's'} (${formatBytes(s.bytes)}) to ${out.bold(stream)}${where} in ${formatDuration(Date.now() - started)}` +
      (s.retried > 0 ? out.yellow(`, ${s.retried} retried`) : ''),
  );
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
