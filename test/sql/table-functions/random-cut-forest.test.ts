/** RANDOM_CUT_FOREST: KDA's parameters and checks, warm-up zeros, seeding, shingling, and detection quality. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TableFunctionArgumentError } from '../../../src/sql/table-functions/index.js';
import { bind, column, run } from './run-table-function.js';
import { rank, sineWithSpikes, threeColumnsWithShiftedB } from './synthetic-streams.js';

const FN = 'RANDOM_CUT_FOREST';
const reading = [column('reading', 'DOUBLE'), column('sensor', 'VARCHAR')];

function scoresOf(out: Array<{ row: Record<string, unknown> }>): number[] {
  return out.map((o) => o.row.ANOMALY_SCORE as number);
}

describe('RANDOM_CUT_FOREST binding', () => {
  it('appends ANOMALY_SCORE DOUBLE to the cursor columns', () => {
    const bound = bind(FN, reading, []);
    assert.deepEqual(
      bound.outputColumns.map((c) => [c.name, c.type.name]),
      [
        ['reading', 'DOUBLE'],
        ['sensor', 'VARCHAR'],
        ['ANOMALY_SCORE', 'DOUBLE'],
      ],
    );
  });

  it('accepts the defaults, a prefix of the parameters, or all four', () => {
    for (const args of [[], [50], [50, 128], [50, 128, 5000], [1000, 1000, 2147483647, 30], [1, 10, 11, 1]]) {
      assert.doesNotThrow(() => bind(FN, reading, args), JSON.stringify(args));
    }
  });

  it('rejects parameters outside KDA ranges, naming the parameter', () => {
    const cases: Array<[unknown[], RegExp]> = [
      [[0], /numberOfTrees must be between 1 and 1000/],
      [[1001], /numberOfTrees must be between 1 and 1000/],
      [[100, 9], /subSampleSize must be between 10 and 1000/],
      [[100, 1001], /subSampleSize must be between 10 and 1000/],
      [[100, 256, 0], /timeDecay must be between 1 and 2147483647/],
      [[100, 256, 2147483648], /timeDecay must be between 1 and 2147483647/],
      [[100, 256, 256], /subSampleSize must be less than timeDecay/],
      [[100, 256, 100000, 0], /shingleSize must be between 1 and 30/],
      [[100, 256, 100000, 31], /shingleSize must be between 1 and 30/],
      [[100.5], /numberOfTrees must be an integer/],
      [['100'], /numberOfTrees must be an integer/],
      [[100, 256, 100000, 1, 5], /expects 0 to 4 arguments/],
    ];
    for (const [args, message] of cases) {
      assert.throws(() => bind(FN, reading, args), (e: unknown) => e instanceof TableFunctionArgumentError && message.test(e.message), JSON.stringify(args));
    }
  });

  it('uses only the numeric columns, not DECIMAL, and at most 30 of them', () => {
    assert.throws(() => bind(FN, [column('name', 'VARCHAR'), column('price', 'DECIMAL')], []), /no numeric column.*DECIMAL is not supported/);
    const many = Array.from({ length: 31 }, (_, i) => column(`c${i}`, 'INTEGER'));
    assert.throws(() => bind(FN, many, []), /at most 30 numeric columns/);
    assert.doesNotThrow(() => bind(FN, many.slice(0, 30), []));
  });

  it('refuses a cursor that already has an ANOMALY_SCORE column', () => {
    assert.throws(() => bind(FN, [column('x', 'DOUBLE'), column('ANOMALY_SCORE', 'DOUBLE')], []), /already has a column named ANOMALY_SCORE/);
  });
});

describe('RANDOM_CUT_FOREST scoring', () => {
  it('passes every row through with its ROWTIME, scoring 0 for the first subSampleSize records', () => {
    const { rows } = sineWithSpikes(1, 80);
    const out = run(FN, reading, [20, 30, 1000], rows, { seed: 1 });
    assert.equal(out.length, rows.length);
    out.forEach((o, i) => {
      assert.equal(o.rowtime, rows[i]!.rowtime);
      assert.equal(o.row.reading, rows[i]!.row.reading);
      assert.equal(o.row.sensor, 'S1');
    });
    const scores = scoresOf(out);
    assert.deepEqual(scores.slice(0, 30), new Array(30).fill(0));
    assert.ok(scores.slice(30).every((s) => s > 0), 'scored once the forest has learned subSampleSize points');
  });

  it('with shingling, also waits for the first full shingle', () => {
    const { rows } = sineWithSpikes(1, 80);
    const scores = scoresOf(run(FN, reading, [20, 30, 1000, 4], rows, { seed: 1 }));
    // 3 records fill the first shingle, then 30 shingles are learned before scoring starts
    assert.deepEqual(scores.slice(0, 33), new Array(33).fill(0));
    assert.ok(scores.slice(33).every((s) => s > 0));
  });

  it('gives a row with a NULL reading score 0 without learning it', () => {
    const { rows } = sineWithSpikes(2, 60);
    rows.splice(5, 0, { row: { reading: null, sensor: 'S1' }, rowtime: rows[5]!.rowtime });
    const scores = scoresOf(run(FN, reading, [10, 20, 1000], rows, { seed: 2 }));
    // 20 learned points are reached one row later because the NULL row is skipped
    assert.equal(scores[5], 0);
    assert.equal(scores[20], 0);
    assert.ok(scores[21]! > 0);
  });

  it('is reproducible under a seed, from the option or from FRESHET_RCF_SEED', () => {
    const { rows } = sineWithSpikes(3, 400);
    const a = scoresOf(run(FN, reading, [30, 64, 1000], rows, { seed: 42 }));
    const b = scoresOf(run(FN, reading, [30, 64, 1000], rows, { seed: 42 }));
    const c = scoresOf(run(FN, reading, [30, 64, 1000], rows, { seed: 43 }));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    const saved = process.env.FRESHET_RCF_SEED;
    try {
      process.env.FRESHET_RCF_SEED = '42';
      assert.deepEqual(scoresOf(run(FN, reading, [30, 64, 1000], rows)), a);
    } finally {
      if (saved === undefined) delete process.env.FRESHET_RCF_SEED;
      else process.env.FRESHET_RCF_SEED = saved;
    }
  });

  it('ranks 1% spikes on a noisy sine in the top 2% of scores, with inliers scoring near 1 (KDA defaults)', () => {
    for (const seed of [11, 12]) {
      const { rows, anomalies } = sineWithSpikes(seed, 3000);
      const quality = rank(scoresOf(run(FN, reading, [], rows, { seed })), anomalies, 256, 0.02);
      assert.ok(quality.judged >= 15, 'enough planted spikes to judge');
      assert.ok(quality.recall >= 0.9, `recall ${quality.recall}`);
      assert.ok(quality.meanNormalScore >= 0.5 && quality.meanNormalScore <= 1.5, `mean normal ${quality.meanNormalScore}`);
      assert.ok(quality.meanAnomalyScore > 2.5 * quality.meanNormalScore, `anomalies ${quality.meanAnomalyScore}`);
    }
  });

  it('ranks a 5-sigma shift in one of three columns in the top 2% of scores', () => {
    const { rows, anomalies } = threeColumnsWithShiftedB(21, 3000, 5);
    const columns = [column('a', 'DOUBLE'), column('b', 'REAL'), column('c', 'INTEGER'), column('label', 'VARCHAR')];
    const quality = rank(scoresOf(run(FN, columns, [], rows, { seed: 21 })), anomalies, 256, 0.02);
    assert.ok(quality.recall >= 0.9, `recall ${quality.recall}`);
    assert.ok(quality.meanNormalScore >= 0.5 && quality.meanNormalScore <= 1.5, `mean normal ${quality.meanNormalScore}`);
  });

  it('with shingling, flags a value that is ordinary alone but wrong in its sequence', () => {
    // a clean sine; at t = 1215 (a crest) the reading is replaced by the trough value: within range, out of context
    const rows = Array.from({ length: 1300 }, (_, t) => ({
      row: { reading: t === 1215 ? -1 : Math.sin((2 * Math.PI * t) / 60), sensor: 'S1' },
      rowtime: t,
    }));
    const plain = scoresOf(run(FN, reading, [50, 256, 100000, 1], rows, { seed: 5 }));
    const shingled = scoresOf(run(FN, reading, [50, 256, 100000, 8], rows, { seed: 5 }));
    const typical = (s: number[]) => s.slice(1100, 1200).reduce((a, x) => a + x, 0) / 100;
    const shingledRatio = shingled[1215]! / typical(shingled);
    const plainRatio = plain[1215]! / typical(plain);
    assert.ok(shingledRatio > 2, `shingled ${shingled[1215]} vs ${typical(shingled)}`);
    assert.ok(plainRatio < 1.5, `unshingled ${plain[1215]} vs ${typical(plain)}`);
  });
});
