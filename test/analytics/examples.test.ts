/** Every application under examples/ is valid: its app.json as CreateApplication validates it, each .sql compiles against it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { standaloneSpec } from '../../src/analytics/standalone.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');

describe('examples', async () => {
  const folders = (await readdir(EXAMPLES, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  it('has the seed applications', () => {
    assert.deepEqual(folders.sort(), ['hotspots', 'reviews', 'traffic-workshop']);
  });
  for (const folder of folders) {
    it(`${folder}: every .sql compiles against app.json`, async () => {
      const request = JSON.parse(await readFile(join(EXAMPLES, folder, 'app.json'), 'utf8'));
      const files = (await readdir(join(EXAMPLES, folder))).filter((f) => f.endsWith('.sql'));
      assert.ok(files.length > 0);
      for (const f of files) {
        const spec = standaloneSpec({ code: await readFile(join(EXAMPLES, folder, f), 'utf8'), codeFile: f, request, region: 'us-east-1' });
        assert.equal(spec.inputs.length, 1, f);
      }
    });
  }
});
