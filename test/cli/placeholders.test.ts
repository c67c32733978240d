/** The template placeholders of `freshet generate`, rendered with a seeded random source. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileTemplate } from '../../src/cli/lib/generate/placeholders.js';
import { Random } from '../../src/cli/lib/generate/random.js';

const render = (tpl: string, seed = 'x', n = 200) => {
  const t = compileTemplate(tpl);
  const random = new Random(seed);
  const now = new Date('2024-05-01T17:47:03.250Z');
  return Array.from({ length: n }, (_, index) => t({ random, index, now }));
};

describe('generate placeholders', () => {
  it('random.number follows faker: number(max), number(min, max), number({min, max, precision}), bounds included', () => {
    const oneArg = render('{{random.number(3)}}').map(Number);
    assert.deepEqual([...new Set(oneArg)].sort(), [0, 1, 2, 3]);
    const twoArgs = render('{{ random.number(5, 7) }}').map(Number);
    assert.deepEqual([...new Set(twoArgs)].sort(), [5, 6, 7]);
    const precise = render('{{random.number({"min": 1, "max": 2, "precision": 0.5})}}').map(Number);
    assert.deepEqual([...new Set(precise)].sort(), [1, 1.5, 2]);
  });

  it('dates, uuids, choices and record numbers', () => {
    assert.deepEqual(render('{{date.now}}|{{date.now("X")}}|{{date.now("x")}}|{{date.now("YYYY/MM/DD HH:mm:ss.SSS")}}', 'x', 1), [
      '2024-05-01T17:47:03.250Z|1714585623|1714585623250|2024/05/01 17:47:03.250',
    ]);
    assert.match(render('{{random.uuid}}', 'x', 1)[0]!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual([...new Set(render('{{random.arrayElement(["a", "b"])}}'))].sort(), ['a', 'b']);
    assert.deepEqual(render('n{{record.index}}', 'x', 3), ['n0', 'n1', 'n2']);
  });

  it('the same seed gives the same values, another seed others', () => {
    const tpl = '{{random.float(0, 100, 4)}} {{random.alphaNumeric(6)}} {{name.firstName}}';
    assert.deepEqual(render(tpl, 'a'), render(tpl, 'a'));
    assert.notDeepEqual(render(tpl, 'a'), render(tpl, 'b'));
  });

  it('refuses unknown placeholders and arguments that are not JSON', () => {
    assert.throws(() => compileTemplate('{{random.nope}}', 't.tpl'), /t\.tpl: \{\{random\.nope\}\}: unknown placeholder/);
    assert.throws(() => compileTemplate("{{random.arrayElement(['a'])}}"), /arguments must be JSON values/);
    assert.throws(() => render('{{random.number(5, 1)}}', 'x', 1), /max 1 is below min 5/);
  });
});
