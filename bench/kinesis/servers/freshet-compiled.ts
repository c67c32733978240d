/**
 * Freshet compiled to JavaScript, as `npx freshet serve` runs it after `npm install` (`node dist/cli/main.js
 * serve`): the primary Freshet row of the benchmark. If dist/ is missing or older than any source file, the
 * benchmark runs `npm run build` first, so the figures are always those of the tree being measured.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FRESHET_ROOT } from './freshet.js';

export const COMPILED_ENTRY = join(FRESHET_ROOT, 'dist', 'cli', 'main.js');

/** Newest modification time of the files under `dir` (recursively), in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (e.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether dist/ must be rebuilt: no entry point, or a source file changed after it was built. */
export function compiledBuildIsStale(): boolean {
  if (!existsSync(COMPILED_ENTRY)) return true;
  return newestMtime(join(FRESHET_ROOT, 'src')) > statSync(COMPILED_ENTRY).mtimeMs;
}

/** The compiled entry point, after `npm run build` if dist/ is stale. */
export async function compileFreshet(log: (line: string) => void = () => {}): Promise<string> {
  if (compiledBuildIsStale()) {
    log('dist/ is missing or older than src/: npm run build');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    try {
      await promisify(execFile)(npm, ['run', 'build'], { cwd: FRESHET_ROOT, maxBuffer: 64 * 1024 * 1024 });
    } catch (err) {
      // Type errors still emit JavaScript; only a missing entry point is fatal.
      if (!existsSync(COMPILED_ENTRY)) throw err;
      log(`npm run build reported errors; running what it emitted: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return COMPILED_ENTRY;
}
