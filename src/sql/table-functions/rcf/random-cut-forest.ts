/**
 * A random cut forest: `numberOfTrees` random cut trees, each over its own time-decayed sample of the stream.
 * The anomaly score of a point is the mean of the trees' scores (KDA: "the average of all these scores"); callers
 * score a point first and then `update` the forest with it, the usual streaming order.
 */
import { Prng } from '../prng.js';
import { RandomCutTree } from './random-cut-tree.js';
import { TimeDecaySampler } from './time-decay-sampler.js';

export interface ForestOptions {
  readonly dimensions: number;
  readonly numberOfTrees: number;
  /** Points per tree (KDA's subSampleSize). */
  readonly sampleSize: number;
  /** The decay horizon in records (KDA's timeDecay); λ = 1/timeDecay. */
  readonly timeDecay: number;
  readonly seed: number;
}

export class RandomCutForest {
  readonly dimensions: number;
  private readonly trees: RandomCutTree[] = [];
  private readonly samplers: TimeDecaySampler[] = [];
  private readonly rngs: Prng[] = [];
  private seq = 0;

  constructor(options: ForestOptions) {
    this.dimensions = options.dimensions;
    const master = new Prng(options.seed);
    const lambda = 1 / options.timeDecay;
    for (let t = 0; t < options.numberOfTrees; t++) {
      const rng = master.fork();
      this.rngs.push(rng);
      this.trees.push(new RandomCutTree(options.dimensions, options.sampleSize, rng.fork()));
      this.samplers.push(new TimeDecaySampler(options.sampleSize, lambda));
    }
  }

  /** Points offered to the forest so far. */
  get pointsSeen(): number {
    return this.seq;
  }

  /** Mean normalised score over the trees; inliers score near 1, outliers several times higher. */
  score(point: Float64Array): number {
    let sum = 0;
    for (const tree of this.trees) sum += tree.score(point);
    return sum / this.trees.length;
  }

  /**
   * The score split per dimension into the part due to the point lying above (`high`) and below (`low`) what the
   * forest has seen; Σ(high + low) equals `score(point)`. `high` and `low` are overwritten. Returns the score.
   */
  attribution(point: Float64Array, high: Float64Array, low: Float64Array): number {
    high.fill(0);
    low.fill(0);
    const w = 1 / this.trees.length;
    for (const tree of this.trees) tree.attribute(point, w, high, low);
    let total = 0;
    for (let i = 0; i < this.dimensions; i++) total += high[i]! + low[i]!;
    return total;
  }

  /** Offers the point to every tree's sampler and inserts it where it is accepted (evicting the heaviest). */
  update(point: Float64Array): void {
    const seq = this.seq++;
    for (let t = 0; t < this.trees.length; t++) {
      const sampler = this.samplers[t]!;
      const tree = this.trees[t]!;
      const u = this.rngs[t]!.nextDouble();
      if (!sampler.isFull) {
        sampler.add(sampler.weightFor(seq, u), tree.insert(point));
        continue;
      }
      const weight = sampler.acceptedWeight(seq, u);
      if (weight !== undefined) {
        tree.delete(sampler.heaviestSlot);
        sampler.replaceHeaviest(weight, tree.insert(point));
      }
    }
  }
}
