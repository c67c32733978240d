/**
 * Turns cursor rows into forest points and scores them the way KDA does: the point is the row's numeric columns
 * (shingled when shingleSize > 1), each record is scored against the forest before it is learned, and the score is
 * 0 until the forest has learned subSampleSize points (and while the first shingle is still filling).
 * A row with a NULL in a point column is neither scored nor learned (score 0), since it has no position in space.
 */
import { rowKey, type Row } from '../contract.js';
import { RandomCutForest } from './random-cut-forest.js';
import type { RcfParameters } from './parameters.js';
import { Shingle } from './shingle.js';

export class AnomalyScorer {
  readonly forest: RandomCutForest;
  private readonly names: string[];
  private readonly values: Float64Array;
  private readonly shingle: Shingle;
  private readonly warmUp: number;

  constructor(params: RcfParameters, seed: number) {
    this.names = params.pointColumns.map(rowKey);
    this.values = new Float64Array(this.names.length);
    this.shingle = new Shingle(this.names.length, params.shingleSize);
    this.warmUp = params.subSampleSize;
    this.forest = new RandomCutForest({
      dimensions: this.names.length * params.shingleSize,
      numberOfTrees: params.numberOfTrees,
      sampleSize: params.subSampleSize,
      timeDecay: params.timeDecay,
      seed,
    });
  }

  /**
   * Reads the row into the shingle. Returns the point to score and learn, or undefined when the row cannot form
   * one (a NULL value, or the first shingle not yet full).
   */
  pointOf(row: Row): Float64Array | undefined {
    for (let i = 0; i < this.names.length; i++) {
      const v = row[this.names[i]!];
      const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
      if (!Number.isFinite(n)) return undefined;
      this.values[i] = n;
    }
    this.shingle.add(this.values);
    return this.shingle.isFull ? this.shingle.point() : undefined;
  }

  /** Whether the forest has learned enough points to score (KDA: 0 for the first subSampleSize records). */
  get isWarm(): boolean {
    return this.forest.pointsSeen >= this.warmUp;
  }
}
