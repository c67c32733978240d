/**
 * RANDOM_CUT_FOREST(CURSOR(…) [, numberOfTrees, subSampleSize, timeDecay, shingleSize]): every cursor row, with
 * ANOMALY_SCORE (DOUBLE) appended — the row's random-cut-forest anomaly score over the cursor's numeric columns.
 */
import { appendColumns, checkArity } from './arguments.js';
import type { BoundTableFunction, ColumnDef, TableFunctionDef } from './contract.js';
import { resolveSeed } from './prng.js';
import { AnomalyScorer } from './rcf/anomaly-scorer.js';
import { bindRcfParameters } from './rcf/parameters.js';

const NAME = 'RANDOM_CUT_FOREST';

export const ANOMALY_SCORE: ColumnDef = { name: 'ANOMALY_SCORE', type: { name: 'DOUBLE', nullable: false } };

export const randomCutForest: TableFunctionDef = {
  name: NAME,
  bind(inputColumns, args): BoundTableFunction {
    checkArity(NAME, args, 0, 4);
    const params = bindRcfParameters(NAME, inputColumns, args);
    return {
      outputColumns: appendColumns(NAME, inputColumns, [ANOMALY_SCORE]),
      create(options) {
        const scorer = new AnomalyScorer(params, resolveSeed(options?.seed));
        return {
          push(row, rowtime, emit) {
            const point = scorer.pointOf(row);
            let score = 0;
            if (point) {
              if (scorer.isWarm) score = scorer.forest.score(point);
              scorer.forest.update(point);
            }
            emit({ ...row, ANOMALY_SCORE: score }, rowtime);
          },
          advanceTime() {},
          nextDeadline: () => undefined,
        };
      },
    };
  },
};
