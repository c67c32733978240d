/**
 * One engine per data folder: two processes appending to the same segment files would corrupt them. The lock is a
 * `LOCK` file naming its owner: pid, plus (on Linux) the boot id and the process's start time, so that a lock left
 * by a process that is gone — killed, or from before a reboot, when its pid may now belong to something else — is
 * recognised as stale and taken over.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Owner {
  pid: number;
  boot?: string;
  start?: string;
}

const heldHere = new Set<string>();

function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Start time of a process (clock ticks since boot, /proc/<pid>/stat field 22), where /proc exists. */
function startTime(pid: number): string | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  // The command name (field 2) is parenthesised and may hold spaces: count fields after its closing parenthesis.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function me(): Owner {
  return { pid: process.pid, boot: readOr('/proc/sys/kernel/random/boot_id'), start: startTime(process.pid) };
}

function isRunning(owner: Owner): boolean {
  const now = me();
  if (owner.boot && now.boot && owner.boot !== now.boot) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !owner.start || owner.start === startTime(owner.pid);
}

function parse(text: string | undefined): Owner | undefined {
  if (!text) return undefined;
  try {
    const o = JSON.parse(text) as Owner;
    return Number.isInteger(o.pid) ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock of `dataDir` or throws if a live process holds it. Returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  const path = join(dir, 'LOCK');
  if (heldHere.has(dir)) throw new Error(`storage: ${dir} is already open in this process`);
  const owner = parse(readOr(path));
  if (owner && owner.pid !== process.pid && isRunning(owner)) {
    throw new Error(`storage: ${dir} is in use by process ${owner.pid}`);
  }
  writeFileSync(path, JSON.stringify(me()));
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
