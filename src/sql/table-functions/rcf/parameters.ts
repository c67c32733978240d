/**
 * The parameters RANDOM_CUT_FOREST and RANDOM_CUT_FOREST_WITH_EXPLANATION share, with KDA's defaults and ranges:
 * numberOfTrees 100 (1..1000), subSampleSize 256 (10..1000, below timeDecay), timeDecay 100000 (1..2^31-1),
 * shingleSize 1 (1..30); the point is made of the cursor's numeric columns, at most 30 of them.
 */
import { integerArg, pointColumns } from '../arguments.js';
import { TableFunctionArgumentError, type ColumnDef } from '../contract.js';

export interface RcfParameters {
  readonly numberOfTrees: number;
  readonly subSampleSize: number;
  readonly timeDecay: number;
  readonly shingleSize: number;
  /** The cursor columns that form each record's point, in cursor order. */
  readonly pointColumns: ReadonlyArray<ColumnDef>;
}

export const MAX_POINT_COLUMNS = 30;

export function bindRcfParameters(
  fn: string,
  columns: ReadonlyArray<ColumnDef>,
  args: ReadonlyArray<unknown>,
): RcfParameters {
  const numberOfTrees = integerArg(fn, args, 0, 'numberOfTrees', 1, 1000, 100);
  const subSampleSize = integerArg(fn, args, 1, 'subSampleSize', 10, 1000, 256);
  const timeDecay = integerArg(fn, args, 2, 'timeDecay', 1, 2147483647, 100000);
  const shingleSize = integerArg(fn, args, 3, 'shingleSize', 1, 30, 1);
  if (subSampleSize >= timeDecay) {
    throw new TableFunctionArgumentError(
      fn,
      `subSampleSize must be less than timeDecay, got subSampleSize ${subSampleSize} and timeDecay ${timeDecay}`,
    );
  }
  return {
    numberOfTrees,
    subSampleSize,
    timeDecay,
    shingleSize,
    pointColumns: pointColumns(fn, columns, MAX_POINT_COLUMNS),
  };
}
