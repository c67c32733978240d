/**
 * The behaviour every StorageEngine must show, run against each implementation (the embedded engine here, a
 * clustered one later): `runStorageConformance('embedded', makeFixture)`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RevisionMismatchError, type RecordInput, type StorageEngine } from '../../src/storage/engine.js';

export interface EngineFixture {
  /** An engine over an empty store, not yet opened. */
  engine: StorageEngine;
  /** Another engine over the same store (not yet opened), for persistence checks after closing `engine`. */
  reopen(): StorageEngine;
  /** Removes the store. Engines are closed by the suite. */
  dispose(): Promise<void>;
}

function rec(i: number, arrivalMs = 1_000 + i, size = 8): RecordInput {
  const data = Buffer.alloc(size);
  data.write(`r${i}`.padEnd(size, '.').slice(0, size));
  return { partitionKey: `pk-${i}`, data, arrivalMs };
}

function recs(from: number, n: number, arrival: (i: number) => number = (i) => 1_000 + i): RecordInput[] {
  return Array.from({ length: n }, (_, k) => rec(from + k, arrival(from + k)));
}

export function runStorageConformance(name: string, makeFixture: () => Promise<EngineFixture>): void {
  /** Runs `body` with an opened engine and always closes and disposes. */
  async function withEngine(body: (e: StorageEngine, f: EngineFixture) => Promise<void>): Promise<void> {
    const f = await makeFixture();
    await f.engine.open();
    try {
      await body(f.engine, f);
    } finally {
      await f.engine.close();
      await f.dispose();
    }
  }

  describe(`storage conformance: ${name}`, () => {
    describe('record logs', () => {
      it('a log never written is empty at position 0', () =>
        withEngine(async (e) => {
          assert.equal(await e.nextPosition('nope'), 0);
          assert.equal(await e.firstPosition('nope'), 0);
          assert.equal(await e.positionAtTime('nope', 5), 0);
          assert.deepEqual(await e.read('nope', 0, { limit: 10 }), []);
          await e.trimBefore('nope', 10);
          await e.deleteLog('nope');
        }));

      it('appends get dense positions and read back exactly what was written', () =>
        withEngine(async (e) => {
          assert.equal(await e.append('a', recs(0, 3)), 0);
          assert.equal(await e.append('a', recs(3, 2)), 3);
          assert.equal(await e.nextPosition('a'), 5);
          assert.equal(await e.firstPosition('a'), 0);
          const got = await e.read('a', 0, { limit: 100 });
          assert.equal(got.length, 5);
          got.forEach((r, i) => {
            const want = rec(i);
            assert.equal(r.position, i);
            assert.equal(r.partitionKey, want.partitionKey);
            assert.equal(r.arrivalMs, want.arrivalMs);
            assert.deepEqual(Buffer.from(r.data), Buffer.from(want.data));
          });
        }));

      it('keeps logs apart', () =>
        withEngine(async (e) => {
          await e.append('x', recs(0, 2));
          assert.equal(await e.append('y', recs(0, 1)), 0);
          assert.equal(await e.nextPosition('x'), 2);
          assert.equal(await e.nextPosition('y'), 1);
          assert.equal((await e.read('y', 0, { limit: 10 })).length, 1);
        }));

      it('an empty append changes nothing and returns the next position', () =>
        withEngine(async (e) => {
          await e.append('a', recs(0, 2));
          assert.equal(await e.append('a', []), 2);
          assert.equal(await e.nextPosition('a'), 2);
        }));

      it('round-trips empty data, 1 MiB data, binary bytes and unicode partition keys', () =>
        withEngine(async (e) => {
          const big = Buffer.alloc(1024 * 1024);
          for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
          const input: RecordInput[] = [
            { partitionKey: 'é漢🙂'.repeat(20), data: new Uint8Array(0), arrivalMs: 1 },
            { partitionKey: 'k', data: big, arrivalMs: 2 },
            { partitionKey: 'z'.repeat(256), data: Uint8Array.from([0, 255, 0, 10, 13]), arrivalMs: 3 },
          ];
          await e.append('bin', input);
          const got = await e.read('bin', 0, { limit: 10 });
          assert.equal(got.length, 3);
          for (let i = 0; i < 3; i++) {
            assert.equal(got[i]!.partitionKey, input[i]!.partitionKey);
            assert.ok(Buffer.from(got[i]!.data).equals(Buffer.from(input[i]!.data)));
          }
        }));

      it('reads from the middle, honours limit, and returns nothing at or past the end', () =>
        withEngine(async (e) => {
          await e.append('a', recs(0, 50));
          assert.deepEqual(
            (await e.read('a', 10, { limit: 5 })).map((r) => r.position),
            [10, 11, 12, 13, 14],
          );
          assert.deepEqual((await e.read('a', 48, { limit: 5 })).map((r) => r.position), [48, 49]);
          assert.deepEqual(await e.read('a', 50, { limit: 5 }), []);
          assert.deepEqual(await e.read('a', 500, { limit: 5 }), []);
        }));

      it('maxBytes caps the data bytes but always returns at least one record', () =>
        withEngine(async (e) => {
          await e.append('a', [rec(0, 1, 100), rec(1, 2, 100), rec(2, 3, 100), rec(3, 4, 100)]);
          assert.equal((await e.read('a', 0, { limit: 10, maxBytes: 250 })).length, 2);
          assert.equal((await e.read('a', 0, { limit: 10, maxBytes: 200 })).length, 2);
          assert.equal((await e.read('a', 0, { limit: 10, maxBytes: 199 })).length, 1);
          assert.equal((await e.read('a', 1, { limit: 10, maxBytes: 10 })).length, 1);
          assert.equal((await e.read('a', 0, { limit: 3, maxBytes: 10_000 })).length, 3);
        }));

      it('reads many records across many appends in position order', () =>
        withEngine(async (e) => {
          for (let b = 0; b < 20; b++) await e.append('a', recs(b * 100, 100));
          const all = [];
          for (let from = 0; ; ) {
            const got = await e.read('a', from, { limit: 333 });
            if (got.length === 0) break;
            all.push(...got);
            from = got.at(-1)!.position + 1;
          }
          assert.equal(all.length, 2000);
          all.forEach((r, i) => {
            assert.equal(r.position, i);
            assert.equal(r.partitionKey, `pk-${i}`);
          });
        }));

      it('concurrent appends to several logs each get dense, unique positions', () =>
        withEngine(async (e) => {
          const logs = ['c0', 'c1', 'c2'];
          const calls = [];
          for (let i = 0; i < 30; i++) {
            const log = logs[i % 3]!;
            calls.push(e.append(log, recs(i * 10, 10)).then((first) => ({ log, first, i })));
          }
          const results = await Promise.all(calls);
          for (const log of logs) {
            const mine = results.filter((r) => r.log === log).sort((a, b) => a.first - b.first);
            assert.deepEqual(
              mine.map((r) => r.first),
              mine.map((_, k) => k * 10),
            );
            const got = await e.read(log, 0, { limit: 1000 });
            assert.equal(got.length, 100);
            for (const r of mine) {
              assert.equal(got[r.first]!.partitionKey, `pk-${r.i * 10}`);
              assert.equal(got[r.first + 9]!.partitionKey, `pk-${r.i * 10 + 9}`);
            }
          }
        }));

      it('reads racing appends see whole records, contiguous from where they start', () =>
        withEngine(async (e) => {
          const appends = Array.from({ length: 20 }, (_, b) => e.append('race', recs(b * 25, 25)));
          const reads = [];
          for (let k = 0; k < 20; k++) reads.push(e.read('race', k * 20, { limit: 100 }));
          await Promise.all(appends);
          for (const got of await Promise.all(reads)) {
            got.forEach((r, i) => {
              assert.equal(r.position, got[0]!.position + i);
              const n = Number(r.partitionKey.slice(3));
              assert.deepEqual(Buffer.from(r.data), Buffer.from(rec(n).data), 'a whole, intact record');
            });
          }
          assert.equal((await e.read('race', 0, { limit: 1000 })).length, 500);
        }));

      it('positionAtTime finds the first record at or after a time', () =>
        withEngine(async (e) => {
          // arrivals: 100,100,200,200,300,300,... (non-decreasing, with ties)
          await e.append('t', recs(0, 20, (i) => 100 * (1 + Math.floor(i / 2))));
          assert.equal(await e.positionAtTime('t', 0), 0);
          assert.equal(await e.positionAtTime('t', 100), 0);
          assert.equal(await e.positionAtTime('t', 101), 2);
          assert.equal(await e.positionAtTime('t', 200), 2);
          assert.equal(await e.positionAtTime('t', 1000), 18);
          assert.equal(await e.positionAtTime('t', 1001), 20);
        }));

      it('trimBefore drops older records, never reuses positions, and can empty a log', () =>
        withEngine(async (e) => {
          await e.append('t', recs(0, 10, (i) => i * 10));
          await e.trimBefore('t', 35);
          assert.equal(await e.firstPosition('t'), 4);
          assert.equal(await e.nextPosition('t'), 10);
          assert.deepEqual(
            (await e.read('t', 0, { limit: 3 })).map((r) => r.position),
            [4, 5, 6],
          );
          assert.equal(await e.positionAtTime('t', 0), 4);
          await e.trimBefore('t', 10); // an earlier time never brings records back
          assert.equal(await e.firstPosition('t'), 4);
          await e.trimBefore('t', 1_000);
          assert.equal(await e.firstPosition('t'), 10);
          assert.equal(await e.nextPosition('t'), 10);
          assert.deepEqual(await e.read('t', 0, { limit: 10 }), []);
          assert.equal(await e.append('t', recs(10, 1, () => 2_000)), 10);
          assert.deepEqual(
            (await e.read('t', 0, { limit: 10 })).map((r) => r.position),
            [10],
          );
        }));

      it('deleteLog removes the log: it reads as never written', () =>
        withEngine(async (e) => {
          await e.append('d', recs(0, 5));
          await e.append('keep', recs(0, 5));
          await e.deleteLog('d');
          assert.equal(await e.nextPosition('d'), 0);
          assert.equal(await e.firstPosition('d'), 0);
          assert.deepEqual(await e.read('d', 0, { limit: 10 }), []);
          assert.equal((await e.read('keep', 0, { limit: 10 })).length, 5);
          assert.equal(await e.append('d', recs(0, 1)), 0);
        }));
    });

    describe('log keys', () => {
      it('any string is a log key, kept apart from every other, also after reopen', async () => {
        const keys = ['..', '.', 'a/b\\c', 'acct:us-east-1:stream/x|shardId-000000000001', 'é 漢 🙂', 'x'.repeat(500), 'x'.repeat(499) + 'y'];
        const f = await makeFixture();
        try {
          await f.engine.open();
          for (const [i, key] of keys.entries()) await f.engine.append(key, recs(0, i + 1));
          await f.engine.close();
          const again = f.reopen();
          await again.open();
          try {
            for (const [i, key] of keys.entries()) {
              assert.equal(await again.nextPosition(key), i + 1, key.slice(0, 20));
              assert.equal((await again.read(key, 0, { limit: 100 })).length, i + 1);
            }
          } finally {
            await again.close();
          }
        } finally {
          await f.dispose();
        }
      });
    });

    describe('metadata', () => {
      it('get of a missing key is undefined; put/get round-trips JSON with increasing revisions', () =>
        withEngine(async (e) => {
          assert.equal(await e.getMeta('m/none'), undefined);
          const value = { name: 's', shards: [{ id: 'shardId-000000000000', open: true }], n: 1.5, nul: null };
          const r1 = await e.putMeta('m/a', value);
          assert.ok(r1 > 0);
          assert.deepEqual(await e.getMeta('m/a'), { value, revision: r1 });
          const r2 = await e.putMeta('m/a', { v: 2 });
          assert.ok(r2 > r1);
          assert.deepEqual(await e.getMeta('m/a'), { value: { v: 2 }, revision: r2 });
        }));

      it('a value read back is a copy: mutating it does not change the store', () =>
        withEngine(async (e) => {
          const v = { list: [1] };
          await e.putMeta('k', v);
          v.list.push(2);
          const got = await e.getMeta<{ list: number[] }>('k');
          assert.deepEqual(got!.value, { list: [1] });
          got!.value.list.push(3);
          assert.deepEqual((await e.getMeta('k'))!.value, { list: [1] });
        }));

      it('compare-and-set: expectedRevision must match (0 = must not exist)', () =>
        withEngine(async (e) => {
          const r1 = await e.putMeta('cas', 'one', 0);
          await assert.rejects(e.putMeta('cas', 'again', 0), RevisionMismatchError);
          await assert.rejects(e.putMeta('cas', 'stale', r1 + 100), RevisionMismatchError);
          const r2 = await e.putMeta('cas', 'two', r1);
          await assert.rejects(e.putMeta('cas', 'stale', r1), RevisionMismatchError);
          assert.deepEqual(await e.getMeta('cas'), { value: 'two', revision: r2 });
          await assert.rejects(e.deleteMeta('cas', r1), RevisionMismatchError);
          await e.deleteMeta('cas', r2);
          assert.equal(await e.getMeta('cas'), undefined);
          await assert.rejects(e.putMeta('cas', 'x', r2), RevisionMismatchError);
          const r3 = await e.putMeta('cas', 'three', 0);
          assert.ok(r3 > r2, 'a re-created key never repeats an old revision');
        }));

      it('concurrent compare-and-set on one key: exactly one wins', () =>
        withEngine(async (e) => {
          const r = await e.putMeta('race', 0);
          const outcomes = await Promise.allSettled([1, 2, 3, 4].map((v) => e.putMeta('race', v, r)));
          assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
          for (const o of outcomes) if (o.status === 'rejected') assert.ok(o.reason instanceof RevisionMismatchError);
        }));

      it('deleteMeta removes; deleting a missing key is fine', () =>
        withEngine(async (e) => {
          await e.putMeta('x', 1);
          await e.deleteMeta('x');
          assert.equal(await e.getMeta('x'), undefined);
          await e.deleteMeta('x');
          await e.deleteMeta('never');
        }));

      it('listMeta returns the keys with a prefix, in key order', () =>
        withEngine(async (e) => {
          await e.putMeta('stream/b', 2);
          await e.putMeta('stream/a', 1);
          await e.putMeta('streams', 9);
          await e.putMeta('other/a', 3);
          await e.putMeta('stream/c', 3);
          await e.deleteMeta('stream/c');
          const list = await e.listMeta<number>('stream/');
          assert.deepEqual(
            list.map((x) => [x.key, x.value]),
            [
              ['stream/a', 1],
              ['stream/b', 2],
            ],
          );
          for (const x of list) assert.equal(x.revision, (await e.getMeta(x.key))!.revision);
          assert.equal((await e.listMeta('')).length, 4);
          assert.deepEqual(await e.listMeta('zzz'), []);
        }));
    });

    describe('persistence', () => {
      it('logs, trim points and metadata survive close and reopen', async () => {
        const f = await makeFixture();
        try {
          const e = f.engine;
          await e.open();
          await e.append('p', recs(0, 100, (i) => i));
          await e.append('q', recs(0, 3));
          await e.append('gone', recs(0, 3));
          await e.deleteLog('gone');
          await e.trimBefore('p', 40);
          const rev = await e.putMeta('meta/s', { status: 'ACTIVE' });
          await e.putMeta('meta/t', 1);
          await e.deleteMeta('meta/t');
          await e.close();

          const again = f.reopen();
          await again.open();
          try {
            assert.equal(await again.firstPosition('p'), 40);
            assert.equal(await again.nextPosition('p'), 100);
            const got = await again.read('p', 0, { limit: 1000 });
            assert.deepEqual(
              got.map((r) => r.position),
              Array.from({ length: 60 }, (_, i) => 40 + i),
            );
            assert.equal(got[0]!.partitionKey, 'pk-40');
            assert.equal(await again.nextPosition('q'), 3);
            assert.equal(await again.nextPosition('gone'), 0);
            assert.equal(await again.positionAtTime('p', 70), 70);
            assert.deepEqual(await again.getMeta('meta/s'), { value: { status: 'ACTIVE' }, revision: rev });
            assert.equal(await again.getMeta('meta/t'), undefined);
            assert.ok((await again.putMeta('meta/u', 1)) > rev, 'revisions keep increasing after reopen');
            assert.equal(await again.append('p', recs(100, 1, () => 100)), 100);
          } finally {
            await again.close();
          }
        } finally {
          await f.dispose();
        }
      });
    });
  });
}
