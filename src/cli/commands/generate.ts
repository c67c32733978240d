/**
 * `freshet generate TEMPLATE --stream NAME --rate N`: demo data at a steady rate, like the KDA console's demo
 * stream and the Kinesis Data Generator: built-in data sets or a template file with random-value placeholders.
 */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { addConnectionOptions, withKinesis, type ConnectionFlags } from '../lib/client.js';
import { CliError } from '../lib/errors.js';
import { BUILTIN_TEMPLATES, type RecordSource } from '../lib/generate/builtin.js';
import { compileTemplate, PLACEHOLDERS } from '../lib/generate/placeholders.js';
import { Random } from '../lib/generate/random.js';
import { duration, integer, positiveNumber } from '../lib/options.js';
import { formatBytes, formatDuration, out, printJson } from '../lib/output.js';
import { keyChooser, type KeyFlags } from '../lib/partition-keys.js';
import { sleep } from '../lib/backoff.js';
import { Producer } from '../lib/producer.js';
import { startProgress } from '../lib/progress.js';
import { writeOut } from '../lib/stdout.js';

interface GenerateFlags extends ConnectionFlags, KeyFlags {
  stream?: string;
  rate: number;
  duration?: number;
  count?: number;
  seed?: string;
  print?: boolean;
}

export function register(program: Command): void {
  addConnectionOptions(
    program
      .command('generate')
      .argument('<template>', `a built-in data set (${Object.keys(BUILTIN_TEMPLATES).join(', ')}) or a template file`)
      .description('Write demo data to a stream at a steady rate')
      .option('-s, --stream <name>', 'stream to write to')
      .option('-r, --rate <n>', 'records per second', positiveNumber, 10)
      .option('-d, --duration <time>', 'stop after this long (30s, 5m, 1h)', duration)
      .option('-c, --count <n>', 'stop after this many records', integer(1))
      .option('--seed <seed>', 'seed the random values (same seed, same records)')
      .option('-k, --key <key>', 'partition key for every record')
      .option('--key-field <field>', 'partition key from this field of each JSON record')
      .option('--print', 'print the records to stdout instead of writing them to a stream'),
  )
    .addHelpText(
      'after',
      `
Built-in data sets:
${Object.entries(BUILTIN_TEMPLATES)
  .map(([name, t]) => `  ${name.padEnd(13)} ${t.description}`)
  .join('\n')}

A template file is one record with {{placeholders}} for random values (arguments are JSON):
  {{random.number(100)}}  {{random.number(1,100)}}  {{random.number({"min":1,"max":10,"precision":0.01})}}
  {{random.float(0,1,3)}}  {{random.arrayElement(["a","b"])}}
  {{random.weightedArrayElement({"weights":[0.9,0.1],"data":["ok","error"]})}}
  {{random.uuid}}  {{random.boolean}}  {{random.alphaNumeric(8)}}  {{random.word}}
  {{name.firstName}}  {{name.lastName}}  {{internet.ip}}  {{record.index}}
  {{date.now}} (ISO-8601)  {{date.now("X")}} (epoch s)  {{date.now("x")}} (epoch ms)  {{date.now("YYYY-MM-DD HH:mm:ss")}}
Partition keys: the data set's own (ticker, licence plate…), else --key / --key-field, else random.

Examples:
  freshet generate stock-ticker --stream SOURCE_STREAM --rate 50
  freshet generate hotspots --stream ExampleInputStream --rate 100 --duration 5m
  echo '{"sensor": "{{random.arrayElement(["s1","s2"])}}", "temp": {{random.float(15,30,1)}}, "at": "{{date.now}}"}' > sensor.tpl
  freshet generate sensor.tpl --stream sensors --rate 5 --count 100 --seed 42`,
    )
    .action((template: string, flags: GenerateFlags) => generate(template, flags));
}

async function sourceFor(template: string, flags: GenerateFlags, random: Random): Promise<RecordSource> {
  const builtin = BUILTIN_TEMPLATES[template];
  if (builtin) {
    const source = builtin.create(random);
    if (flags.key === undefined && flags.keyField === undefined) return source;
    // An empty key: --key / --key-field decide.
    return { next: (now) => ({ ...source.next(now), partitionKey: '' }) };
  }
  let text: string;
  try {
    text = await readFile(template, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `no built-in data set or template file named '${template}' (built-in: ${Object.keys(BUILTIN_TEMPLATES).join(', ')})`
        : `cannot read template ${template}: ${code ?? (err as Error).message}`,
    );
  }
  let render;
  try {
    render = compileTemplate(text.replace(/\r?\n$/, ''), template);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  let index = 0;
  return { next: (now) => ({ data: render({ random, index: index++, now }), partitionKey: '' }) };
}

async function generate(template: string, flags: GenerateFlags): Promise<void> {
  if (!flags.stream && !flags.print) throw new CliError(`generate needs --stream NAME (or --print); placeholders: ${PLACEHOLDERS.length} known, see --help`);
  const random = new Random(flags.seed);
  const source = await sourceFor(template, flags, random);
  const chooseKey = flags.key !== undefined || flags.keyField !== undefined ? keyChooser(flags) : () => random.uuid();
  const keyOf = (r: { data: string; partitionKey: string }, i: number): string => r.partitionKey || chooseKey(r.data, `record ${i + 1}`);

  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const started = Date.now();
  const deadline = flags.duration !== undefined ? started + flags.duration : Infinity;
  const limit = flags.count ?? Infinity;
  // Record i is due at schedule + i/rate. After a stall (throttling) at most a second's backlog is caught up, so a
  // throttled stream is not answered with a burst.
  let schedule = started;
  const due = (i: number): number => schedule + (i * 1000) / flags.rate;

  const produceAll = async (emit: (data: string, key: string, i: number) => Promise<void>): Promise<number> => {
    let i = 0;
    while (i < limit && !controller.signal.aborted) {
      const now = Date.now();
      if (now >= deadline) break;
      if (now - due(i) > 1000) schedule += now - due(i) - 1000;
      if (due(i) > now) {
        await sleep(Math.min(due(i) - now, 100));
        continue;
      }
      const r = source.next(new Date(now));
      await emit(r.data, keyOf(r, i), i);
      i++;
    }
    return i;
  };

  try {
    if (flags.print) {
      const n = await produceAll(async (data) => writeOut(data + '\n'));
      process.stderr.write(`Generated ${n} records in ${formatDuration(Date.now() - started)}\n`);
      return;
    }
    await withKinesis(flags, async (ctx) => {
      const stream = flags.stream!;
      const progress = startProgress(`generate ${template} → ${stream}`, { bar: false });
      const producer = new Producer(ctx.kinesis, stream, { onWritten: () => progress.update(producer.stats.records, producer.stats.bytes) });
      try {
        await produceAll((data, key, i) => producer.add(Buffer.from(data, 'utf8'), key, `record ${i + 1}`));
        await producer.flush();
      } finally {
        progress.stop();
      }
      const s = producer.stats;
      const ms = Date.now() - started;
      if (flags.output === 'json') return printJson({ stream, template, records: s.records, bytes: s.bytes, retried: s.retried, ms });
      const rate = s.records / Math.max(0.001, ms / 1000);
      console.log(
        `Wrote ${out.bold(s.records.toLocaleString('en-US'))} ${template} records (${formatBytes(s.bytes)}) to ${out.bold(stream)} in ${formatDuration(ms)} (${rate.toFixed(rate < 10 ? 1 : 0)} records/s)` +
          (s.retried > 0 ? out.yellow(`, ${s.retried} retried`) : ''),
      );
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
