/** Seeded synthetic streams with planted anomalies, for the quality tests. */
import { Prng } from '../../../src/sql/table-functions/prng.js';
import type { Row } from '../../../src/sql/table-functions/index.js';

export interface LabelledStream {
  rows: Array<{ row: Row; rowtime: number }>;
  anomalies: Set<number>;
}

export function gaussian(rng: Prng): number {
  const u = 1 - rng.nextDouble();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
}

/** A sine of amplitude 1 (period 60 records) with N(0, 0.1²) noise; 1% of records replaced by spikes of ±1.6..2.4. */
export function sineWithSpikes(seed: number, length: number): LabelledStream {
  const rng = new Prng(seed);
  const rows: LabelledStream['rows'] = [];
  const anomalies = new Set<number>();
  for (let t = 0; t < length; t++) {
    let value = Math.sin((2 * Math.PI * t) / 60) + 0.1 * gaussian(rng);
    if (t > 300 && rng.nextDouble() < 0.01) {
      anomalies.add(t);
      value = (rng.nextDouble() < 0.5 ? -1 : 1) * (1.6 + 0.8 * rng.nextDouble());
    }
    rows.push({ row: { reading: value, sensor: 'S1' }, rowtime: 1_700_000_000_000 + t * 100 });
  }
  return { rows, anomalies };
}

/**
 * Three standard-normal-ish columns (a, b, c ~ N(10, 1)); in 1% of records column b is pushed `offset` standard
 * deviations up or down.
 */
export function threeColumnsWithShiftedB(seed: number, length: number, offset: number): LabelledStream {
  const rng = new Prng(seed);
  const rows: LabelledStream['rows'] = [];
  const anomalies = new Set<number>();
  for (let t = 0; t < length; t++) {
    const row = { a: gaussian(rng), b: gaussian(rng), c: 10 + gaussian(rng), label: 'ok' };
    if (t > 300 && rng.nextDouble() < 0.01) {
      anomalies.add(t);
      row.b += (rng.nextDouble() < 0.5 ? -1 : 1) * offset;
      row.label = 'shifted';
    }
    rows.push({ row, rowtime: 1_700_000_000_000 + t * 100 });
  }
  return { rows, anomalies };
}

export interface Ranking {
  /** Share of the judged anomalies whose score is in the top `share` of all scored records. */
  recall: number;
  judged: number;
  meanNormalScore: number;
  meanAnomalyScore: number;
}

/** How well scores rank the planted anomalies, over the records after the warm-up. */
export function rank(scores: number[], anomalies: Set<number>, warmUp: number, share: number): Ranking {
  const scored = scores.map((s, i) => ({ s, i })).filter((x) => x.i >= warmUp);
  const top = new Set(
    [...scored]
      .sort((a, b) => b.s - a.s)
      .slice(0, Math.ceil(share * scored.length))
      .map((x) => x.i),
  );
  const judged = [...anomalies].filter((i) => i >= warmUp);
  const normal = scored.filter((x) => !anomalies.has(x.i));
  return {
    recall: judged.filter((i) => top.has(i)).length / judged.length,
    judged: judged.length,
    meanNormalScore: normal.reduce((a, x) => a + x.s, 0) / normal.length,
    meanAnomalyScore: judged.reduce((a, i) => a + scores[i]!, 0) / judged.length,
  };
}
