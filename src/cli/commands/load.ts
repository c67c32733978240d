/**
 * `freshet load FILE.jsonl --to STREAM`: writes the records of a JSONL export (from `freshet dump`, or input
 * prepared for `freshet sql run`) into a stream, keeping their partition keys. Arrival times and sequence numbers
 * are the new stream's own.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { Command } from 'commander';
import { addConnectionOptions, withKinesis, type ConnectionFlags } from '../lib/client.js';
import { CliError } from '../lib/errors.js';
import { linesOf } from '../lib/input-lines.js';
import { parseJsonlRecord } from '../lib/jsonl-record.js';
import { integer } from '../lib/options.js';
import { formatBytes, formatDuration, out, printJson } from '../lib/output.js';
import { keyChooser, type KeyFlags } from '../lib/partition-keys.js';
import { Producer } from '../lib/producer.js';
import { startProgress } from '../lib/progress.js';

interface LoadFlags extends ConnectionFlags, KeyFlags {
  to: string;
  maxAttempts: number;
}

export function register(program: Command): void {
  addConnectionOptions(
    program
      .command('load')
      .argument('<file>', "JSONL file ('-': stdin)")
      .description('Write the records of a JSONL export into a stream')
      .requiredOption('--to <stream>', 'stream to write to')
      .option('-k, --key <key>', 'partition key for every record (default: each line\'s "partitionKey", else random)')
      .option('--key-field <field>', 'partition key from this field of each JSON record')
      .option('--max-attempts <n>', 'attempts per record while throttled or failing', integer(1), 10),
  )
    .addHelpText(
      'after',
      `
Each line: {"arrival": …, "data": <JSON value or text>} or {"arrival": …, "data_base64": "…"}, optionally with
"partitionKey" (the format 'freshet dump' writes).

Example:
  freshet dump clicks --to clicks.jsonl && freshet load clicks.jsonl --to clicks-copy`,
    )
    .action((file: string, flags: LoadFlags) => withKinesis(flags, (ctx) => load(ctx.kinesis, file, flags)));
}

async function load(kinesis: KinesisClient, file: string, flags: LoadFlags): Promise<void> {
  const fromStdin = file === '-';
  let size = 0;
  if (!fromStdin) {
    try {
      size = (await stat(file)).size;
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  const explicitKey = flags.key !== undefined || flags.keyField !== undefined ? keyChooser(flags) : undefined;
  const randomKey = keyChooser({});
  const progress = startProgress(`load ${flags.to}`, { bar: !fromStdin });
  let readBytes = 0;
  const producer = new Producer(kinesis, flags.to, {
    maxAttempts: flags.maxAttempts,
    lingerMs: fromStdin ? 50 : Infinity,
    onWritten: () => progress.update(producer.stats.records, producer.stats.bytes, size > 0 ? readBytes / size : undefined),
  });
  const started = Date.now();
  try {
    for await (const line of linesOf(fromStdin ? process.stdin : createReadStream(file), fromStdin ? 'stdin' : file)) {
      readBytes += Buffer.byteLength(line.text) + 1;
      const rec = parseJsonlRecord(line.text, line.where);
      const key = explicitKey ? explicitKey(Buffer.from(rec.data).toString('utf8'), line.where) : (rec.partitionKey ?? randomKey('', line.where));
      await producer.add(rec.data, key, line.where);
    }
    await producer.flush();
  } finally {
    progress.stop();
  }
  const s = producer.stats;
  const summary = { stream: flags.to, file, records: s.records, bytes: s.bytes, retried: s.retried, ms: Date.now() - started };
  if (flags.output === 'json') return printJson(summary);
  console.log(
    `Loaded ${out.bold(s.records.toLocaleString('en-US'))} records (${formatBytes(s.bytes)}) from ${fromStdin ? 'stdin' : file} into ${out.bold(flags.to)} in ${formatDuration(summary.ms)}` +
      (s.retried > 0 ? out.yellow(`, ${s.retried} retried`) : ''),
  );
}
