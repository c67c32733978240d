/**
 * Freshet compiled to JavaScript, as `npx freshet serve` runs it after `npm install`. The tsx loader used for the
 * main measurements costs about 35 MiB of resident memory by itself here (a bare `node` process: ~40 MiB; with
 * `--import tsx`: ~75 MiB), so memory is also sampled on a compiled build. It is compiled into bench/results
 * (git-ignored) rather than dist/, which belongs to the build.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FRESHET_ROOT } from './freshet.js';

export async function compileFreshet(): Promise<string> {
  const outDir = join(FRESHET_ROOT, 'bench', 'results', 'freshet-dist');
  const tsc = join(FRESHET_ROOT, 'node_modules', '.bin', 'tsc');
  try {
    await promisify(execFile)(tsc, ['-p', 'tsconfig.json', '--outDir', outDir], { cwd: FRESHET_ROOT });
  } catch (err) {
    // Type errors still emit JavaScript; only a missing entry point is fatal.
    if (!existsSync(join(outDir, 'cli', 'main.js'))) throw err;
  }
  return join(outDir, 'cli', 'main.js');
}
