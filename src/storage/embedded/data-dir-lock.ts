/**
 * One engine per data folder: two processes appending to the same segment files would corrupt them. The lock is a
 * `LOCK` file holding the owner's pid; a lock left by a process that no longer runs (kill -9) is taken over.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  const path = join(dir, 'LOCK');
  if (heldHere.has(dir)) throw new Error(`storage: ${dir} is already open in this process`);
  let owner = NaN;
  try {
    owner = Number(readFileSync(path, 'utf8'));
  } catch {
    // no lock file: free
  }
  if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
    throw new Error(`storage: ${dir} is in use by process ${owner}`);
  }
  writeFileSync(path, String(process.pid));
  heldHere.add(dir);
  return () => {
    heldHere.delete(dir);
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
}
