import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from './cli-runner.js';

/** Runs the CLI with a hook that reports every module it loads; returns the repository's own modules. */
async function sourceModulesLoadedBy(args: string[]): Promise<{ modules: string[]; stdout: string }> {
  const r = await cli(args, { env: { NODE_OPTIONS: '--import ./test/cli/fixtures/report-module-loads.mjs' } });
  assert.equal(r.code, 0, r.stderr);
  const modules = [...r.stderr.matchAll(/^loaded (file:\S+\/src\/\S+)$/gm)].map((m) => m[1]!.replace(/^.*\/src\//, 'src/'));
  assert.ok(modules.includes('src/cli/main.ts'), `the hook saw the CLI load:\n${r.stderr.slice(0, 2000)}`);
  return { modules, stdout: r.stdout };
}

describe('freshet start-up', () => {
  it('a client command loads neither the server nor the SQL engine', async () => {
    for (const command of [['put', '--help'], ['apps', 'ls', '--help'], ['firehose', '--help']]) {
      const { modules } = await sourceModulesLoadedBy(command);
      const heavy = modules.filter((m) => /^src\/(app\.ts|server|sql|analytics|firehose|kinesis|storage|s3|lambda)\b/.test(m));
      assert.deepEqual(heavy, [], `freshet ${command.join(' ')} loaded ${heavy.join(', ')}`);
    }
  });

  it('help lists every command, and loads them all to do it', async () => {
    const { modules, stdout } = await sourceModulesLoadedBy(['--help']);
    for (const command of ['serve', 'sql', 'streams', 'put', 'tail', 'dump', 'load', 'generate', 'app', 'apps', 'firehose']) {
      assert.match(stdout, new RegExp(`^  ${command}\\b`, 'm'), `--help lists ${command}:\n${stdout}`);
    }
    assert.ok(modules.includes('src/app.ts'), 'serve registered with its implementation');
  });
});
