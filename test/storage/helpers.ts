/** Small helpers shared by the embedded engine's own tests. */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordInput } from '../../src/storage/engine.js';

export async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-storage-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Total bytes of the files under `dir`. */
export async function bytesOnDisk(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** Paths of the segment files under `dir`, in position order. */
export async function segmentFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.seg')) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort((a, b) => (a.slice(-20) < b.slice(-20) ? -1 : 1));
}

/** `n` records of `size` bytes, record i arriving at `arrival(i)`. */
export function makeRecords(from: number, n: number, size: number, arrival: (i: number) => number): RecordInput[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const data = Buffer.alloc(size, i & 0xff);
    data.writeUInt32LE(i, 0);
    return { partitionKey: `pk-${i}`, data, arrivalMs: arrival(i) };
  });
}
