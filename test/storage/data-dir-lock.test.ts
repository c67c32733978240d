/** One process per data folder; a lock whose owner is gone (killed, or from before a reboot) is taken over. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { withTempDir } from './helpers.js';

const CHILD = resolve(import.meta.dirname, 'write-then-hang.ts');

async function opens(dataDir: string): Promise<boolean> {
  const e = createEmbeddedStorage({ dataDir, sync: 'none' });
  try {
    await e.open();
  } catch (err) {
    assert.match(String(err), /in use by process/);
    return false;
  }
  await e.close();
  return true;
}

describe('data folder lock (embedded)', () => {
  it('refuses a folder another live process has open, and takes it over once that process is killed', () =>
    withTempDir(async (dataDir) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, 'l', '1', '{}'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((r) => child.on('close', r));
      await new Promise<void>((r) => createInterface({ input: child.stdout }).on('line', (l) => l === 'done' && r()));
      assert.equal(await opens(dataDir), false);
      child.kill('SIGKILL');
      await exited;
      assert.equal(await opens(dataDir), true);
    }));

  it('a lock naming a live pid from another boot, or a pid since reused by another process, is stale', () =>
    withTempDir(async (dataDir) => {
      await mkdir(dataDir, { recursive: true });
      // process.ppid is alive, but this lock says it was taken in another boot / by a process started at another time.
      await writeFile(join(dataDir, 'LOCK'), JSON.stringify({ pid: process.ppid, boot: 'another-boot' }));
      assert.equal(await opens(dataDir), true);
      await writeFile(join(dataDir, 'LOCK'), JSON.stringify({ pid: process.ppid, start: '1' }));
      assert.equal(await opens(dataDir), true);
      // A lock file from an older format or garbage does not block either.
      await writeFile(join(dataDir, 'LOCK'), 'garbage');
      assert.equal(await opens(dataDir), true);
    }));
});
