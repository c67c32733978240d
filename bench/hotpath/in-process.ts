/**
 * CPU time of the Kinesis service's put/get path in one process, without sockets: what each stage of a call costs
 * (validation + action, then the wire encoding), µs per record, best of several runs, measured with
 * process.cpuUsage(). Sync policy `none`, so fsync waits do not hide in the numbers.
 *
 *   node --import tsx bench/hotpath/in-process.ts [--runs 7]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createKinesisService } from '../../src/kinesis/service.js';
import { encodeCbor } from '../../src/server/cbor-codec.js';
import { decodeJson, encodeJsonBytes, markJsonWireContext } from '../../src/server/json-codec.js';
import type { RequestContext, WireProtocol } from '../../src/server/service.js';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);

const dir = mkdtempSync(join(tmpdir(), 'freshet-inproc-'));
const storage = createEmbeddedStorage({ dataDir: dir, sync: 'none' });
await storage.open();
const service = createKinesisService({ storage, createStreamMs: 0 });
await service.start();
const ctx = (protocol: WireProtocol): RequestContext => ({
  accountId: '000000000000',
  region: 'us-east-1',
  requestId: 'bench',
  protocol,
  httpVersion: '1.1',
  signal: new AbortController().signal,
});
const JSON_CTX = ctx('json');
const CBOR_CTX = ctx('cbor');
// As the HTTP pipeline makes them for JSON requests: GetRecords renders its records straight into the answer.
const WIRE_JSON_CTX = ctx('json');
markJsonWireContext(WIRE_JSON_CTX);
const call = (op: string, input: unknown, c = JSON_CTX): Promise<any> => service.handle(op, input, c);

/** Best (lowest) CPU µs per unit of `fn` over `runs` runs. */
async function cpuPer(units: number, fn: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / units);
  }
  return best;
}

try {
  await call('CreateStream', { StreamName: 's', ShardCount: 1 });
  while ((await call('DescribeStreamSummary', { StreamName: 's' })).StreamDescriptionSummary.StreamStatus !== 'ACTIVE') {
    await new Promise((r) => setTimeout(r, 10));
  }
  const data = Buffer.alloc(100, 'x').toString('base64');
  const putBodies = Array.from({ length: 20 }, (_, b) =>
    Buffer.from(JSON.stringify({ StreamName: 's', Records: Array.from({ length: 500 }, (_, i) => ({ Data: data, PartitionKey: `pk-${b}-${i}` })) })),
  );
  const putOneBody = Buffer.from(JSON.stringify({ StreamName: 's', Data: data, PartitionKey: 'one' }));

  const putRecords = await cpuPer(20 * 500, async () => {
    for (const body of putBodies) encodeJsonBytes(await call('PutRecords', decodeJson(body)));
  });
  const putRecord = await cpuPer(2000, async () => {
    for (let i = 0; i < 2000; i++) encodeJsonBytes(await call('PutRecord', decodeJson(putOneBody)));
  });

  const { ShardId } = (await call('ListShards', { StreamName: 's' })).Shards[0];
  const read = async (c: RequestContext): Promise<any> => {
    const it = await call('GetShardIterator', { StreamName: 's', ShardId, ShardIteratorType: 'TRIM_HORIZON' }, c);
    return call('GetRecords', { ShardIterator: it.ShardIterator, Limit: 10000 }, c);
  };
  const sample = await read(JSON_CTX);
  const n = sample.Records.length;
  const getAction = await cpuPer(n * 5, async () => {
    for (let i = 0; i < 5; i++) await read(JSON_CTX);
  });
  const getJson = await cpuPer(n * 5, async () => {
    for (let i = 0; i < 5; i++) encodeJsonBytes(await read(JSON_CTX));
  });
  const getWireJson = await cpuPer(n * 5, async () => {
    for (let i = 0; i < 5; i++) encodeJsonBytes(await read(WIRE_JSON_CTX));
  });
  const getCbor = await cpuPer(n * 5, async () => {
    for (let i = 0; i < 5; i++) encodeCbor(await read(CBOR_CTX));
  });

  console.log(`CPU µs, best of ${runs} (in-process, sync none):`);
  console.log(`  PutRecords (decode + validate + action + encode)  ${putRecords.toFixed(2)} µs/record`);
  console.log(`  PutRecord  (decode + validate + action + encode)  ${putRecord.toFixed(1)} µs/call`);
  console.log(`  GetRecords action only                            ${getAction.toFixed(3)} µs/record (${n} records a call)`);
  console.log(`  GetRecords + JSON encoding                        ${getJson.toFixed(3)} µs/record`);
  console.log(`  GetRecords + JSON, as the HTTP pipeline does it    ${getWireJson.toFixed(3)} µs/record (records rendered from storage)`);
  console.log(`  GetRecords + CBOR encoding                        ${getCbor.toFixed(3)} µs/record`);
} finally {
  await service.stop();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
