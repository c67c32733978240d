/**
 * How well group commit batches PutRecord calls from concurrent HTTP clients (sync `always`): 8 closed-loop
 * clients over keep-alive connections to an in-process server on 4 shards; prints calls/s, appends per sync round
 * and fdatasyncs per round from the embedded engine's counters.
 *
 *   node --import tsx bench/hotpath/group-commit-rounds.ts      (JOURNAL_FROM_FILES=0: every append through the journal)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKinesisService } from '../../src/kinesis/service.js';
import { startServer } from '../../src/server/server.js';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
const dataDir = mkdtempSync(join(tmpdir(), 'rounds-'));
const storage = createEmbeddedStorage({ dataDir, journalFromFiles: process.env.JOURNAL_FROM_FILES ? Number(process.env.JOURNAL_FROM_FILES) : undefined });
await storage.open();
const kinesis = createKinesisService({ storage, createStreamMs: 0 });
await kinesis.start();
const server = await startServer({ host: '127.0.0.1', port: 0, dataDir: '/nonexistent', services: [kinesis], defaultRegion: 'us-east-1', defaultAccountId: '000000000000' });
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
const call = (op: string, body: unknown) => new Promise<string>((resolve, reject) => {
  const b = Buffer.from(JSON.stringify(body));
  const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', agent, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Kinesis_20131202.${op}`, 'x-amz-date': '20150830T123600Z', authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=abc', 'content-length': b.length } }, (res) => { let t = ''; res.on('data', (c) => (t += c)); res.on('end', () => resolve(t)); });
  req.on('error', reject); req.end(b);
});
await call('CreateStream', { StreamName: 's', ShardCount: 4 });
while (!(await call('DescribeStreamSummary', { StreamName: 's' })).includes('ACTIVE')) await new Promise((r) => setTimeout(r, 20));
const before = storage.syncStats();
let next = 0; const N = 3000; const t0 = performance.now();
await Promise.all(Array.from({ length: 8 }, async () => { while (next < N) { const i = next++; await call('PutRecord', { StreamName: 's', PartitionKey: `k${i}`, Data: 'AAAA' }); } }));
const wall = performance.now() - t0;
const after = storage.syncStats();
const rounds = after.rounds - before.rounds, fsyncs = after.fsyncs - before.fsyncs, acked = after.acknowledged - before.acknowledged;
console.log(`${(N / wall * 1000).toFixed(0)} calls/s; rounds ${rounds}, ${(acked / rounds).toFixed(2)} appends/round, ${(fsyncs / rounds).toFixed(2)} fsyncs/round, ${(wall / rounds).toFixed(2)} ms/round (fdatasync time ${((after.syncMs - before.syncMs) / rounds).toFixed(2)} ms)`);
agent.destroy();
await server.close();
await kinesis.stop();
await storage.close();
rmSync(dataDir, { recursive: true, force: true });
