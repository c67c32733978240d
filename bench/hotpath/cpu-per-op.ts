/**
 * Server CPU time per Kinesis data-plane call, read from /proc of a `freshet serve` child process (so the load
 * generator is not counted). CPU time rather than wall-clock rates: it stays comparable on a busy machine.
 *
 *   node --import tsx bench/hotpath/cpu-per-op.ts [--sync always|none] [--rounds 3] [--prof DIR] [--only puts|put|get|rss] [--root DIR]
 *
 * Phases: PutRecords (500 × 100 B, 8 concurrent writers, 4 shards), PutRecord (8 concurrent writers), GetRecords
 * (Limit 10,000, JSON), GetRecords over CBOR. Prints µs of server CPU per record or call, best of `--rounds`.
 * `--root DIR` runs the server from another checkout (e.g. an older commit, for before/after figures in the same
 * conditions). `--only rss` instead stores 1,000,000 records with PutRecords and prints the server's resident memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Decoder, encode as encodeCbor } from 'cbor-x';
import { cpuSeconds, rssMiB } from '../kinesis/servers/proc-stats.js';
import { freshetArgs, FRESHET_ROOT } from '../kinesis/servers/freshet.js';
import { spawnServer } from '../kinesis/servers/server-handle.js';

const { values } = parseArgs({ options: { sync: { type: 'string', default: 'always' }, rounds: { type: 'string', default: '3' }, prof: { type: 'string' }, only: { type: 'string' }, root: { type: 'string' } } });
const rounds = Number(values.rounds);
// Tag 1 carries 64-bit milliseconds: read them as numbers, as the SDKs do.
const cborDecoder = new Decoder({ int64AsNumber: true, mapsAsObjects: true, useRecords: false } as ConstructorParameters<typeof Decoder>[0]);
const decodeCbor = (b: Buffer): any => cborDecoder.decode(b);
const STREAM = 'hotpath';
const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=abc';

const dataDir = mkdtempSync(join(tmpdir(), 'freshet-hotpath-'));
const args = freshetArgs(dataDir, values.sync === 'none' ? 'none' : undefined);
args.push('--create-stream-ms', '0');
// --prof DIR: the server writes a V8 CPU profile there when it exits.
if (values.prof) args.unshift('--cpu-prof', '--cpu-prof-dir', values.prof);
const server = spawnServer(process.execPath, args, { cwd: values.root ?? FRESHET_ROOT, ready: /Kinesis endpoint:\s+http:\/\/127\.0\.0\.1:(\d+)/, timeoutMs: 60_000 });
const port = Number((await server.ready)[1]);
const pid = server.child.pid!;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function call(op: string, body: Buffer, cbor = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        agent,
        headers: {
          'Content-Type': cbor ? 'application/x-amz-cbor-1.1' : 'application/x-amz-json-1.1',
          'X-Amz-Target': `Kinesis_20131202.${op}`,
          'X-Amz-Date': '20150830T123600Z',
          Authorization: AUTH,
          'Content-Length': body.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out = Buffer.concat(chunks);
          if (res.statusCode !== 200) reject(new Error(`${op}: ${res.statusCode} ${out.toString().slice(0, 200)}`));
          else resolve(out);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));

const data = Buffer.alloc(100, 'x').toString('base64');
let keyCounter = 0;
const putRecordsBody = (): Buffer =>
  json({ StreamName: STREAM, Records: Array.from({ length: 500 }, () => ({ Data: data, PartitionKey: `pk-${keyCounter++ % 1000}` })) });
const putRecordsBodies = Array.from({ length: 16 }, putRecordsBody);
const putRecordBodies = Array.from({ length: 64 }, (_, i) => json({ StreamName: STREAM, Data: data, PartitionKey: `pk-${i}` }));

/** Calls per wall-clock second of the last `measure` (for orientation only: the machine is shared). */
let lastWallRate = 0;

/** Runs `calls` calls of `fn` from `writers` concurrent loops; returns server CPU µs per call. */
async function measure(calls: number, writers: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const before = cpuSeconds(pid);
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < calls) await fn(next++);
    }),
  );
  lastWallRate = (calls * 1000) / (performance.now() - started);
  return ((cpuSeconds(pid) - before) * 1e6) / calls;
}

try {
  await call('CreateStream', json({ StreamName: STREAM, ShardCount: 4 }));
  for (;;) {
    const d = JSON.parse((await call('DescribeStreamSummary', json({ StreamName: STREAM }))).toString());
    if (d.StreamDescriptionSummary.StreamStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const shards = JSON.parse((await call('ListShards', json({ StreamName: STREAM }))).toString()).Shards as Array<{ ShardId: string }>;
  if (values.only === 'rss') {
    await measure(2000, 8, (i) => call('PutRecords', putRecordsBodies[i % 16]!));
    console.log(`server RSS after 1,000,000 records: ${rssMiB(pid).toFixed(0)} MiB`);
  } else await cpuPhases(shards);
} finally {
  agent.destroy();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

async function cpuPhases(shards: Array<{ ShardId: string }>): Promise<void> {
  const best = { putRecordsPerRecord: Infinity, putRecordPerCall: Infinity, getJsonPerRecord: Infinity, getCborPerRecord: Infinity };
  for (let r = 0; r < rounds; r++) {
    // GetRecords needs records: the PutRecords phase always runs once.
    if (r === 0 || !values.only || values.only === 'puts') {
      best.putRecordsPerRecord = Math.min(best.putRecordsPerRecord, (await measure(200, 8, (i) => call('PutRecords', putRecordsBodies[i % 16]!))) / 500);
    }
    if (!values.only || values.only === 'put') {
      best.putRecordPerCall = Math.min(best.putRecordPerCall, await measure(4000, 8, (i) => call('PutRecord', putRecordBodies[i % 64]!)));
      console.log(`  (PutRecord round ${r + 1}: ${lastWallRate.toFixed(0)} calls/s wall clock)`);
    }
    for (const cbor of !values.only || values.only === 'get' ? [false, true] : []) {
      let records = 0;
      const perCall = await measure(shards.length * 2, 1, async (i) => {
        const shard = shards[i % shards.length]!.ShardId;
        const itBody = { StreamName: STREAM, ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' };
        const itOut = cbor ? decodeCbor(await call('GetShardIterator', encodeCbor(itBody), true)) : JSON.parse((await call('GetShardIterator', json(itBody))).toString());
        const body = { ShardIterator: itOut.ShardIterator, Limit: 10000 };
        const out = cbor ? decodeCbor(await call('GetRecords', encodeCbor(body), true)) : JSON.parse((await call('GetRecords', json(body))).toString());
        records += out.Records.length;
      });
      const perRecord = (perCall * shards.length * 2) / records;
      if (cbor) best.getCborPerRecord = Math.min(best.getCborPerRecord, perRecord);
      else best.getJsonPerRecord = Math.min(best.getJsonPerRecord, perRecord);
    }
  }
  console.log(`server CPU, best of ${rounds} (sync ${values.sync}):`);
  console.log(`  PutRecords  ${best.putRecordsPerRecord.toFixed(2)} µs/record  (${Math.round(1e6 / best.putRecordsPerRecord)} records per CPU-second)`);
  console.log(`  PutRecord   ${best.putRecordPerCall.toFixed(1)} µs/call    (${Math.round(1e6 / best.putRecordPerCall)} calls per CPU-second)`);
  console.log(`  GetRecords  ${best.getJsonPerRecord.toFixed(2)} µs/record JSON (${Math.round(1e6 / best.getJsonPerRecord)} records per CPU-second)`);
  console.log(`  GetRecords  ${best.getCborPerRecord.toFixed(2)} µs/record CBOR (${Math.round(1e6 / best.getCborPerRecord)} records per CPU-second)`);
}
