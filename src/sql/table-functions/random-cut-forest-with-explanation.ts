/**
 * RANDOM_CUT_FOREST_WITH_EXPLANATION(CURSOR(…) [, numberOfTrees, subSampleSize, timeDecay, shingleSize,
 * withDirectionality]): every cursor row with ANOMALY_SCORE (DOUBLE) and ANOMALY_EXPLANATION (VARCHAR) appended.
 *
 * The explanation is KDA's JSON, keyed by numeric column in cursor order, values as strings with 4 decimals:
 *   {"Systolic":{"DIRECTION":"LOW","STRENGTH":"0.0922","ATTRIBUTION_SCORE":"0.3792"},"Diastolic":{…}}
 * ATTRIBUTION_SCORE is the column's share of the score (the forest's per-dimension attribution, summed over the
 * column's shingle positions), so the column scores add up to ANOMALY_SCORE. DIRECTION and STRENGTH appear only
 * with withDirectionality = TRUE: DIRECTION is HIGH when the part of the score due to the value lying above what
 * the forest has seen outweighs the part due to it lying below, else LOW. KDA does not publish STRENGTH's formula;
 * here it is that imbalance |high − low| relative to the share of a score of 1 an ordinary column would carry
 * (1 / number of columns): near 0 for ordinary values, several units for a strongly one-sided anomaly. During
 * learning every column reports DIRECTION LOW, STRENGTH 0 and ATTRIBUTION_SCORE 0, as KDA does.
 */
import { appendColumns, booleanArg, checkArity } from './arguments.js';
import type { BoundTableFunction, ColumnDef, TableFunctionDef } from './contract.js';
import { resolveSeed } from './prng.js';
import { ANOMALY_SCORE } from './random-cut-forest.js';
import { AnomalyScorer } from './rcf/anomaly-scorer.js';
import { bindRcfParameters } from './rcf/parameters.js';

const NAME = 'RANDOM_CUT_FOREST_WITH_EXPLANATION';

const ANOMALY_EXPLANATION: ColumnDef = {
  name: 'ANOMALY_EXPLANATION',
  type: { name: 'VARCHAR', precision: 20480, nullable: false },
};

export interface ColumnExplanation {
  readonly attribution: number;
  readonly high: number;
  readonly low: number;
}

export const randomCutForestWithExplanation: TableFunctionDef = {
  name: NAME,
  bind(inputColumns, args): BoundTableFunction {
    checkArity(NAME, args, 0, 5);
    const params = bindRcfParameters(NAME, inputColumns, args);
    const withDirectionality = booleanArg(NAME, args, 4, 'withDirectionality', false);
    const names = params.pointColumns.map((c) => c.name);
    const width = names.length;
    return {
      outputColumns: appendColumns(NAME, inputColumns, [ANOMALY_SCORE, ANOMALY_EXPLANATION]),
      create(options) {
        const scorer = new AnomalyScorer(params, resolveSeed(options?.seed));
        const dims = scorer.forest.dimensions;
        const high = new Float64Array(dims);
        const low = new Float64Array(dims);
        const perColumn: ColumnExplanation[] = names.map(() => ({ attribution: 0, high: 0, low: 0 }));
        return {
          push(row, rowtime, emit) {
            const point = scorer.pointOf(row);
            let score = 0;
            high.fill(0);
            low.fill(0);
            if (point) {
              if (scorer.isWarm) score = scorer.forest.attribution(point, high, low);
              scorer.forest.update(point);
            }
            for (let c = 0; c < width; c++) {
              let h = 0;
              let l = 0;
              for (let k = c; k < dims; k += width) {
                h += high[k]!;
                l += low[k]!;
              }
              perColumn[c] = { attribution: h + l, high: h, low: l };
            }
            const explanation = formatExplanation(names, perColumn, withDirectionality);
            emit({ ...row, ANOMALY_SCORE: score, ANOMALY_EXPLANATION: explanation }, rowtime);
          },
          advanceTime() {},
          nextDeadline: () => undefined,
        };
      },
    };
  },
};

/** KDA's ANOMALY_EXPLANATION JSON for one row. */
export function formatExplanation(
  names: ReadonlyArray<string>,
  columns: ReadonlyArray<ColumnExplanation>,
  withDirectionality: boolean,
): string {
  const out: Record<string, Record<string, string>> = {};
  names.forEach((name, i) => {
    const c = columns[i]!;
    const entry: Record<string, string> = {};
    if (withDirectionality) {
      entry.DIRECTION = c.high > c.low ? 'HIGH' : 'LOW';
      entry.STRENGTH = (Math.abs(c.high - c.low) * names.length).toFixed(4);
    }
    entry.ATTRIBUTION_SCORE = c.attribution.toFixed(4);
    out[name] = entry;
  });
  return JSON.stringify(out);
}
