/** RANDOM_CUT_FOREST_WITH_EXPLANATION: parameters, KDA's explanation JSON, attributions that add up and point the right way. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TableFunctionArgumentError } from '../../../src/sql/table-functions/index.js';
import { Prng } from '../../../src/sql/table-functions/prng.js';
import { bind, column, run } from './run-table-function.js';
import { gaussian, threeColumnsWithShiftedB } from './synthetic-streams.js';

const FN = 'RANDOM_CUT_FOREST_WITH_EXPLANATION';
const bloodPressure = [column('Systolic', 'INTEGER'), column('Diastolic', 'INTEGER'), column('BloodPressureLevel', 'VARCHAR')];

type Explanation = Record<string, { DIRECTION?: string; STRENGTH?: string; ATTRIBUTION_SCORE: string }>;

/** The developer guide's blood-pressure generator: normal readings, 0.5% high and 0.5% low. */
function bloodPressureStream(seed: number, length: number) {
  const rng = new Prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng.nextDouble() * (hi - lo + 1));
  return Array.from({ length }, (_, t) => {
    const r = rng.nextDouble();
    const row =
      r < 0.005
        ? { Systolic: int(50, 80), Diastolic: int(30, 50), BloodPressureLevel: 'LOW' }
        : r > 0.995
          ? { Systolic: int(130, 200), Diastolic: int(90, 150), BloodPressureLevel: 'HIGH' }
          : { Systolic: int(90, 120), Diastolic: int(60, 80), BloodPressureLevel: 'NORMAL' };
    return { row, rowtime: 1_700_000_000_000 + t * 10 };
  });
}

describe('RANDOM_CUT_FOREST_WITH_EXPLANATION binding', () => {
  it('appends ANOMALY_SCORE DOUBLE and ANOMALY_EXPLANATION VARCHAR', () => {
    const bound = bind(FN, bloodPressure, [100, 256, 100000, 1, true]);
    assert.deepEqual(
      bound.outputColumns.map((c) => [c.name, c.type.name]),
      [
        ['Systolic', 'INTEGER'],
        ['Diastolic', 'INTEGER'],
        ['BloodPressureLevel', 'VARCHAR'],
        ['ANOMALY_SCORE', 'DOUBLE'],
        ['ANOMALY_EXPLANATION', 'VARCHAR'],
      ],
    );
  });

  it('checks the RCF parameters and withDirectionality', () => {
    assert.doesNotThrow(() => bind(FN, bloodPressure, []));
    assert.doesNotThrow(() => bind(FN, bloodPressure, [100, 256, 100000, 1]));
    const cases: Array<[unknown[], RegExp]> = [
      [[0], /numberOfTrees must be between 1 and 1000/],
      [[100, 2000], /subSampleSize must be between 10 and 1000/],
      [[100, 500, 400], /subSampleSize must be less than timeDecay/],
      [[100, 256, 100000, 40], /shingleSize must be between 1 and 30/],
      [[100, 256, 100000, 1, 'yes'], /withDirectionality must be TRUE or FALSE/],
      [[100, 256, 100000, 1, true, 7], /expects 0 to 5 arguments/],
    ];
    for (const [args, message] of cases) {
      assert.throws(() => bind(FN, bloodPressure, args), (e: unknown) => e instanceof TableFunctionArgumentError && message.test(e.message), JSON.stringify(args));
    }
  });
});

describe('RANDOM_CUT_FOREST_WITH_EXPLANATION output', () => {
  const rows = bloodPressureStream(7, 1500);
  const out = run(FN, bloodPressure, [100, 256, 100000, 1, true], rows, { seed: 7 });

  it('writes KDA explanation JSON: one entry per numeric column, strings with 4 decimals', () => {
    for (const o of out) {
      const text = o.row.ANOMALY_EXPLANATION as string;
      const parsed = JSON.parse(text) as Explanation;
      assert.deepEqual(Object.keys(parsed), ['Systolic', 'Diastolic']);
      for (const entry of Object.values(parsed)) {
        assert.deepEqual(Object.keys(entry), ['DIRECTION', 'STRENGTH', 'ATTRIBUTION_SCORE']);
        assert.match(entry.DIRECTION!, /^(HIGH|LOW)$/);
        assert.match(entry.STRENGTH!, /^\d+\.\d{4}$/);
        assert.match(entry.ATTRIBUTION_SCORE, /^\d+\.\d{4}$/);
      }
    }
  });

  it('reports LOW, strength 0 and attribution 0 while learning', () => {
    for (const o of out.slice(0, 256)) {
      assert.equal(o.row.ANOMALY_SCORE, 0);
      assert.equal(
        o.row.ANOMALY_EXPLANATION,
        '{"Systolic":{"DIRECTION":"LOW","STRENGTH":"0.0000","ATTRIBUTION_SCORE":"0.0000"},"Diastolic":{"DIRECTION":"LOW","STRENGTH":"0.0000","ATTRIBUTION_SCORE":"0.0000"}}',
      );
    }
  });

  it('has column attributions that add up to the anomaly score', () => {
    for (const o of out.slice(256)) {
      const parsed = JSON.parse(o.row.ANOMALY_EXPLANATION as string) as Explanation;
      const sum = Object.values(parsed).reduce((a, e) => a + Number(e.ATTRIBUTION_SCORE), 0);
      assert.ok(Math.abs(sum - (o.row.ANOMALY_SCORE as number)) <= 0.0001 * 2, `${sum} vs ${o.row.ANOMALY_SCORE}`);
    }
  });

  it('scores the high and low readings well above the normal ones', () => {
    const scored = out.slice(256);
    const normal = scored.filter((o) => o.row.BloodPressureLevel === 'NORMAL');
    const mean = normal.reduce((a, o) => a + (o.row.ANOMALY_SCORE as number), 0) / normal.length;
    assert.ok(mean > 0.5 && mean < 1.5, `normal mean ${mean}`);
    const unusual = scored.filter((o) => o.row.BloodPressureLevel !== 'NORMAL');
    assert.ok(unusual.length >= 5);
    for (const o of unusual) assert.ok((o.row.ANOMALY_SCORE as number) > 2 * mean, `${JSON.stringify(o.row)}`);
  });

  it('marks a first-seen high reading HIGH and a first-seen low one LOW, with a strong direction', () => {
    // only normal readings, then one high and one low: nothing like them is in the sample yet
    const normalOnly = bloodPressureStream(9, 1200).filter((r) => r.row.BloodPressureLevel === 'NORMAL');
    normalOnly[600] = { row: { Systolic: 160, Diastolic: 120, BloodPressureLevel: 'HIGH' }, rowtime: normalOnly[600]!.rowtime };
    normalOnly[900] = { row: { Systolic: 60, Diastolic: 40, BloodPressureLevel: 'LOW' }, rowtime: normalOnly[900]!.rowtime };
    const result = run(FN, bloodPressure, [100, 256, 100000, 1, true], normalOnly, { seed: 9 });
    for (const [t, direction] of [[600, 'HIGH'], [900, 'LOW']] as const) {
      const parsed = JSON.parse(result[t]!.row.ANOMALY_EXPLANATION as string) as Explanation;
      assert.equal(parsed.Systolic!.DIRECTION, direction, `${t} systolic`);
      assert.equal(parsed.Diastolic!.DIRECTION, direction, `${t} diastolic`);
      assert.ok(Number(parsed.Systolic!.STRENGTH) > 0.5 && Number(parsed.Diastolic!.STRENGTH) > 0.5, result[t]!.row.ANOMALY_EXPLANATION as string);
    }
    const ordinary = JSON.parse(result[700]!.row.ANOMALY_EXPLANATION as string) as Explanation;
    assert.ok(Number(ordinary.Systolic!.STRENGTH) < 0.5, 'an ordinary reading has a weak direction');
  });

  it('omits DIRECTION and STRENGTH without withDirectionality', () => {
    const plain = run(FN, bloodPressure, [20, 30, 1000], rows.slice(0, 40), { seed: 7 });
    const parsed = JSON.parse(plain[39]!.row.ANOMALY_EXPLANATION as string) as Explanation;
    assert.deepEqual(Object.keys(parsed.Systolic!), ['ATTRIBUTION_SCORE']);
    assert.ok(Number(parsed.Systolic!.ATTRIBUTION_SCORE) > 0);
  });

  it('attributes a shift in one column to that column', () => {
    const { rows: shifted, anomalies } = threeColumnsWithShiftedB(31, 2000, 6);
    const columns = [column('a', 'DOUBLE'), column('b', 'DOUBLE'), column('c', 'DOUBLE'), column('label', 'VARCHAR')];
    const result = run(FN, columns, [100, 256, 100000, 1, true], shifted, { seed: 31 });
    let pointed = 0;
    let judged = 0;
    for (const t of anomalies) {
      if (t < 256) continue;
      judged++;
      const parsed = JSON.parse(result[t]!.row.ANOMALY_EXPLANATION as string) as Explanation;
      const b = Number(parsed.b!.ATTRIBUTION_SCORE);
      const direction = (shifted[t]!.row.b as number) > 0 ? 'HIGH' : 'LOW';
      if (b > Number(parsed.a!.ATTRIBUTION_SCORE) + Number(parsed.c!.ATTRIBUTION_SCORE) && parsed.b!.DIRECTION === direction) pointed++;
    }
    assert.ok(judged >= 10);
    assert.ok(pointed / judged >= 0.9, `${pointed}/${judged} explanations point at column b`);
  });

  it('sums shingle positions into their column', () => {
    const rng = new Prng(8);
    const series = Array.from({ length: 400 }, (_, t) => ({
      row: { x: Math.sin(t / 5) + 0.05 * gaussian(rng), y: t === 390 ? 9 : Math.cos(t / 5) + 0.05 * gaussian(rng) },
      rowtime: t,
    }));
    const result = run(FN, [column('x', 'DOUBLE'), column('y', 'DOUBLE')], [50, 100, 1000, 3, true], series, { seed: 8 });
    const at = result[390]!.row;
    const parsed = JSON.parse(at.ANOMALY_EXPLANATION as string) as Explanation;
    assert.deepEqual(Object.keys(parsed), ['x', 'y']);
    const sum = Number(parsed.x!.ATTRIBUTION_SCORE) + Number(parsed.y!.ATTRIBUTION_SCORE);
    assert.ok(Math.abs(sum - (at.ANOMALY_SCORE as number)) <= 0.0002);
    assert.ok(Number(parsed.y!.ATTRIBUTION_SCORE) > 3 * Number(parsed.x!.ATTRIBUTION_SCORE));
    assert.equal(parsed.y!.DIRECTION, 'HIGH');
  });
});
