/**
 * One random cut tree (Guha et al., "Robust Random Cut Forest Based Anomaly Detection on Streams", ICML 2016),
 * stored in typed arrays so a forest of hundreds of trees creates no per-node objects.
 *
 * Node ids: `0 … capacity-2` are internal nodes; `LEAF_BASE + slot` is the leaf holding point `slot`. Each internal
 * node keeps its cut (dimension, value: a point goes left when `point[dim] <= value`), its mass (number of points
 * below, duplicates counted) and its bounding box. Leaves keep their point and a duplicate count.
 *
 * Insertion is the paper's top-down procedure: at each node draw a cut over the box of the node's points plus the
 * new point, dimension chosen in proportion to its range and value uniform within it; if the cut separates the new
 * point from the node's box, a new internal node with that cut is placed above the node, otherwise descend. Deletion
 * removes the leaf and splices its sibling into the parent's place, shrinking the boxes above.
 *
 * Scoring follows the reference implementation (aws/random-cut-forest-by-aws, the scalar score visitor): descend to
 * the leaf the point falls in, start from 1/(depth+1) (or the damped "seen" score for a duplicate), and on the way up
 * mix in 1/(depth+1) with the probability that a random cut of the node's box extended by the point would isolate
 * the point. The result is normalised by log2(mass+1), which puts inliers near 1.
 */
import type { Prng } from '../prng.js';

const NONE = -1;

export class RandomCutTree {
  readonly dim: number;
  readonly capacity: number;
  private readonly leafBase: number;

  // internal nodes
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly parent: Int32Array;
  private readonly cutDim: Int32Array;
  private readonly cutValue: Float64Array;
  private readonly mass: Int32Array;
  private readonly boxMin: Float64Array;
  private readonly boxMax: Float64Array;
  private readonly freeNodes: Int32Array;
  private freeNodeCount: number;

  // leaves
  private readonly points: Float64Array;
  private readonly leafParent: Int32Array;
  private readonly leafMass: Int32Array;
  private readonly freeSlots: Int32Array;
  private freeSlotCount: number;

  private root = NONE;
  private totalMass = 0;
  /** log2(totalMass + 1), the score's normalisation, kept with the mass. */
  private massScale = 0;
  /** Scratch: the internal nodes on the last descent, root first. */
  private readonly path: Int32Array;
  /** Scratch for one tree's attribution vector. */
  private readonly scratchHigh: Float64Array;
  private readonly scratchLow: Float64Array;

  constructor(
    dim: number,
    capacity: number,
    private readonly rng: Prng,
  ) {
    this.dim = dim;
    this.capacity = capacity;
    const internal = Math.max(1, capacity - 1);
    this.leafBase = internal;
    this.left = new Int32Array(internal);
    this.right = new Int32Array(internal);
    this.parent = new Int32Array(internal);
    this.cutDim = new Int32Array(internal);
    this.cutValue = new Float64Array(internal);
    this.mass = new Int32Array(internal);
    this.boxMin = new Float64Array(internal * dim);
    this.boxMax = new Float64Array(internal * dim);
    this.freeNodes = new Int32Array(internal);
    for (let i = 0; i < internal; i++) this.freeNodes[i] = internal - 1 - i;
    this.freeNodeCount = internal;

    this.points = new Float64Array(capacity * dim);
    this.leafParent = new Int32Array(capacity);
    this.leafMass = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeSlotCount = capacity;
    this.path = new Int32Array(capacity + 1);
    this.scratchHigh = new Float64Array(dim);
    this.scratchLow = new Float64Array(dim);
  }

  /** Number of points held, duplicates counted. */
  get size(): number {
    return this.totalMass;
  }

  /** Adds a point; returns the leaf slot that now holds it (shared with an equal point already present). */
  insert(point: Float64Array): number {
    const d = this.dim;
    this.totalMass++;
    this.massScale = Math.log2(this.totalMass + 1);
    if (this.root === NONE) {
      const slot = this.newLeaf(point, NONE);
      this.root = this.leafBase + slot;
      return slot;
    }
    let node = this.root;
    let parent = NONE;
    for (;;) {
      const isLeaf = node >= this.leafBase;
      const inside = isLeaf ? this.leafEquals(node - this.leafBase, point) : this.boxContains(node, point);
      if (inside && isLeaf) {
        const slot = node - this.leafBase;
        this.leafMass[slot]!++;
        return slot;
      }
      if (!inside) {
        // a cut over the box of this subtree extended by the point; keep it only if it isolates the point
        const cut = this.drawCut(node, point);
        const k = cut >> 0;
        const c = this.cutScratch;
        const lo = isLeaf ? this.points[(node - this.leafBase) * d + k]! : this.boxMin[node * d + k]!;
        const hi = isLeaf ? lo : this.boxMax[node * d + k]!;
        const p = point[k]!;
        // for a leaf the cut always separates: the two points differ in the chosen dimension
        if (isLeaf || (p <= c && c < lo) || (hi <= c && c < p)) {
          return this.splitAbove(node, parent, point, k, c);
        }
      }
      // the point belongs below this internal node
      this.extendBox(node, point);
      this.mass[node]!++;
      parent = node;
      node = point[this.cutDim[node]!]! <= this.cutValue[node]! ? this.left[node]! : this.right[node]!;
    }
  }

  /** Removes one copy of the point in `slot`. */
  delete(slot: number): void {
    this.totalMass--;
    this.massScale = Math.log2(this.totalMass + 1);
    if (this.leafMass[slot]! > 1) {
      this.leafMass[slot]!--;
      for (let n = this.leafParent[slot]!; n !== NONE; n = this.parent[n]!) this.mass[n]!--;
      return;
    }
    const leafId = this.leafBase + slot;
    const p = this.leafParent[slot]!;
    this.freeSlots[this.freeSlotCount++] = slot;
    if (p === NONE) {
      this.root = NONE;
      return;
    }
    const sibling = this.left[p] === leafId ? this.right[p]! : this.left[p]!;
    const g = this.parent[p]!;
    this.setParent(sibling, g);
    if (g === NONE) this.root = sibling;
    else if (this.left[g] === p) this.left[g] = sibling;
    else this.right[g] = sibling;
    this.freeNodes[this.freeNodeCount++] = p;
    let boxMayShrink = true;
    for (let n = g; n !== NONE; n = this.parent[n]!) {
      this.mass[n]!--;
      if (boxMayShrink) boxMayShrink = this.recomputeBox(n);
    }
  }

  /** The normalised anomaly score of `point` against this tree (0 for an empty tree). */
  score(point: Float64Array): number {
    if (this.root === NONE) return 0;
    // the hot loop of the forest: typed arrays read through locals, the path kept in scratch
    const leafBase = this.leafBase;
    const cutDim = this.cutDim;
    const cutValue = this.cutValue;
    const left = this.left;
    const right = this.right;
    const path = this.path;
    let node = this.root;
    let depth = 0;
    if (this.dim === 1) {
      const q = point[0]!;
      while (node < leafBase) {
        path[depth++] = node;
        node = q <= cutValue[node]! ? left[node]! : right[node]!;
      }
    } else {
      while (node < leafBase) {
        path[depth++] = node;
        node = point[cutDim[node]!]! <= cutValue[node]! ? left[node]! : right[node]!;
      }
    }
    const slot = node - leafBase;
    let s: number;
    if (this.leafEquals(slot, point)) {
      const m = this.leafMass[slot]!;
      s = damp(m, this.totalMass) / (depth + Math.log2(m + 1));
    } else {
      s = 1 / (depth + 1);
    }
    const d = this.dim;
    const boxMin = this.boxMin;
    const boxMax = this.boxMax;
    if (d === 1) {
      const q = point[0]!;
      for (let k = depth - 1; k >= 0; k--) {
        const n = path[k]!;
        const lo = boxMin[n]!;
        const hi = boxMax[n]!;
        const gap = q < lo ? lo - q : q > hi ? q - hi : 0;
        // boxes nest, so once the point is inside one it is inside every box above: nothing changes further up
        if (gap === 0) break;
        const prob = gap / (hi - lo + gap);
        s = prob / (k + 1) + (1 - prob) * s;
      }
      return s * this.massScale;
    }
    for (let k = depth - 1; k >= 0; k--) {
      // probability that a random cut of (node box ∪ point) separates the point from the box
      const o = path[k]! * d;
      let gap = 0;
      let range = 0;
      for (let i = 0; i < d; i++) {
        const lo = boxMin[o + i]!;
        const hi = boxMax[o + i]!;
        const q = point[i]!;
        if (q < lo) gap += lo - q;
        else if (q > hi) gap += q - hi;
        range += hi - lo;
      }
      if (gap === 0) break;
      const prob = gap / (range + gap);
      s = prob / (k + 1) + (1 - prob) * s;
    }
    return s * this.massScale;
  }

  /**
   * Adds `weight` × this tree's score of `point`, split per dimension and direction, to `high`/`low` (the reference
   * implementation's anomaly attribution). Σ(high + low) added equals `weight × score(point)`.
   */
  attribute(point: Float64Array, weight: number, high: Float64Array, low: Float64Array): void {
    if (this.root === NONE) return;
    const d = this.dim;
    const depth = this.descend(point);
    const slot = this.lastLeaf;
    const h = this.scratchHigh;
    const l = this.scratchLow;
    if (this.leafEquals(slot, point)) {
      // a duplicate: the "seen" score, spread over the dimensions in proportion to the enclosing box's ranges
      const m = this.leafMass[slot]!;
      const total = damp(m, this.totalMass) / (depth + Math.log2(m + 1));
      const enclosing = depth > 0 ? this.path[depth - 1]! : NONE;
      let rangeSum = 0;
      if (enclosing !== NONE) for (let i = 0; i < d; i++) rangeSum += this.boxMax[enclosing * d + i]! - this.boxMin[enclosing * d + i]!;
      for (let i = 0; i < d; i++) {
        const share = rangeSum > 0 ? (this.boxMax[enclosing * d + i]! - this.boxMin[enclosing * d + i]!) / rangeSum : 1 / d;
        h[i] = (total * share) / 2;
        l[i] = (total * share) / 2;
      }
    } else {
      const base = slot * d;
      let gap = 0;
      for (let i = 0; i < d; i++) {
        const diff = point[i]! - this.points[base + i]!;
        h[i] = diff > 0 ? diff : 0;
        l[i] = diff < 0 ? -diff : 0;
        gap += diff > 0 ? diff : -diff;
      }
      const unseen = 1 / (depth + 1);
      for (let i = 0; i < d; i++) {
        h[i] = (h[i]! / gap) * unseen;
        l[i] = (l[i]! / gap) * unseen;
      }
    }
    for (let k = depth - 1; k >= 0; k--) {
      const node = this.path[k]!;
      const o = node * d;
      let gap = 0;
      let range = 0;
      for (let i = 0; i < d; i++) {
        const lo = this.boxMin[o + i]!;
        const hi = this.boxMax[o + i]!;
        const q = point[i]!;
        const below = q < lo ? lo - q : 0;
        const above = q > hi ? q - hi : 0;
        gap += below + above;
        range += hi - lo + below + above;
      }
      if (gap <= 0) break; // inside this box, hence inside every box above
      const prob = gap / range;
      const unseen = 1 / (k + 1);
      for (let i = 0; i < d; i++) {
        const q = point[i]!;
        const lo = this.boxMin[o + i]!;
        const hi = this.boxMax[o + i]!;
        const below = q < lo ? lo - q : 0;
        const above = q > hi ? q - hi : 0;
        h[i] = (above / range) * unseen + (1 - prob) * h[i]!;
        l[i] = (below / range) * unseen + (1 - prob) * l[i]!;
      }
    }
    const scale = weight * Math.log2(this.totalMass + 1);
    for (let i = 0; i < d; i++) {
      high[i] = high[i]! + h[i]! * scale;
      low[i] = low[i]! + l[i]! * scale;
    }
  }

  /**
   * Self-check of the structure: parent links, masses, tight bounding boxes and cuts consistent with the points
   * below them. Throws on the first violation. Costs O(points × depth × dim); meant for tests and debugging.
   */
  verify(): void {
    if (this.root === NONE) {
      if (this.totalMass !== 0) throw new Error(`empty tree with mass ${this.totalMass}`);
      return;
    }
    const d = this.dim;
    const walk = (node: number, parent: number): { mass: number; min: number[]; max: number[] } => {
      if (node >= this.leafBase) {
        const slot = node - this.leafBase;
        if (this.leafParent[slot] !== parent) throw new Error(`leaf ${slot} has the wrong parent`);
        const p = Array.from(this.points.subarray(slot * d, slot * d + d));
        return { mass: this.leafMass[slot]!, min: p, max: p.slice() };
      }
      if (this.parent[node] !== parent) throw new Error(`node ${node} has the wrong parent`);
      const a = walk(this.left[node]!, node);
      const b = walk(this.right[node]!, node);
      const k = this.cutDim[node]!;
      const c = this.cutValue[node]!;
      if (!(a.max[k]! <= c && b.min[k]! > c)) throw new Error(`node ${node}: cut ${k}@${c} does not split its children`);
      const min = a.min.map((x, i) => Math.min(x, b.min[i]!));
      const max = a.max.map((x, i) => Math.max(x, b.max[i]!));
      for (let i = 0; i < d; i++) {
        if (this.boxMin[node * d + i] !== min[i] || this.boxMax[node * d + i] !== max[i]) {
          throw new Error(`node ${node}: bounding box is not tight in dimension ${i}`);
        }
      }
      const mass = a.mass + b.mass;
      if (this.mass[node] !== mass) throw new Error(`node ${node}: mass ${this.mass[node]} but ${mass} below`);
      return { mass, min, max };
    };
    const { mass } = walk(this.root, NONE);
    if (mass !== this.totalMass) throw new Error(`tree mass ${this.totalMass} but ${mass} in the leaves`);
  }

  // ---- internals ----

  private lastLeaf = 0;
  private cutScratch = 0;

  /** Follows the cuts from the root to a leaf; fills `path` and `lastLeaf`; returns the leaf's depth. */
  private descend(point: Float64Array): number {
    let node = this.root;
    let depth = 0;
    while (node < this.leafBase) {
      this.path[depth++] = node;
      node = point[this.cutDim[node]!]! <= this.cutValue[node]! ? this.left[node]! : this.right[node]!;
    }
    this.lastLeaf = node - this.leafBase;
    return depth;
  }

  /** Draws a cut over (box of `node`) ∪ point: returns the dimension, leaves the value in `cutScratch`. */
  private drawCut(node: number, point: Float64Array): number {
    const d = this.dim;
    const isLeaf = node >= this.leafBase;
    const src = isLeaf ? this.points : this.boxMin;
    const srcMax = isLeaf ? this.points : this.boxMax;
    const o = (isLeaf ? node - this.leafBase : node) * d;
    let total = 0;
    for (let i = 0; i < d; i++) {
      const q = point[i]!;
      total += Math.max(srcMax[o + i]!, q) - Math.min(src[o + i]!, q);
    }
    let r = this.rng.nextDouble() * total;
    let last = -1;
    for (let i = 0; i < d; i++) {
      const q = point[i]!;
      const lo = Math.min(src[o + i]!, q);
      const hi = Math.max(srcMax[o + i]!, q);
      const len = hi - lo;
      if (len <= 0) continue;
      last = i;
      if (r < len) {
        let c = lo + r;
        if (c >= hi) c = nextDown(hi);
        this.cutScratch = c;
        return i;
      }
      r -= len;
    }
    // rounding left r just past the end: cut at the top of the last non-degenerate dimension
    const q = point[last]!;
    this.cutScratch = nextDown(Math.max(srcMax[o + last]!, q));
    return last;
  }

  /** Places a new internal node with cut (k, c) above `node`, with a new leaf for `point` as the other child. */
  private splitAbove(node: number, parent: number, point: Float64Array, k: number, c: number): number {
    const d = this.dim;
    const slot = this.newLeaf(point, NONE);
    const leafId = this.leafBase + slot;
    const n = this.freeNodes[--this.freeNodeCount]!;
    this.cutDim[n] = k;
    this.cutValue[n] = c;
    this.mass[n] = this.massOf(node) + 1;
    const o = n * d;
    if (node >= this.leafBase) {
      const b = (node - this.leafBase) * d;
      for (let i = 0; i < d; i++) {
        const x = this.points[b + i]!;
        const q = point[i]!;
        this.boxMin[o + i] = x < q ? x : q;
        this.boxMax[o + i] = x > q ? x : q;
      }
    } else {
      const b = node * d;
      for (let i = 0; i < d; i++) {
        const q = point[i]!;
        const lo = this.boxMin[b + i]!;
        const hi = this.boxMax[b + i]!;
        this.boxMin[o + i] = lo < q ? lo : q;
        this.boxMax[o + i] = hi > q ? hi : q;
      }
    }
    if (point[k]! <= c) {
      this.left[n] = leafId;
      this.right[n] = node;
    } else {
      this.left[n] = node;
      this.right[n] = leafId;
    }
    this.parent[n] = parent;
    this.leafParent[slot] = n;
    this.setParent(node, n);
    if (parent === NONE) this.root = n;
    else if (this.left[parent] === node) this.left[parent] = n;
    else this.right[parent] = n;
    return slot;
  }

  private newLeaf(point: Float64Array, parent: number): number {
    const slot = this.freeSlots[--this.freeSlotCount]!;
    this.points.set(point, slot * this.dim);
    this.leafMass[slot] = 1;
    this.leafParent[slot] = parent;
    return slot;
  }

  private massOf(node: number): number {
    return node >= this.leafBase ? this.leafMass[node - this.leafBase]! : this.mass[node]!;
  }

  private setParent(node: number, parent: number): void {
    if (node >= this.leafBase) this.leafParent[node - this.leafBase] = parent;
    else this.parent[node] = parent;
  }

  private leafEquals(slot: number, point: Float64Array): boolean {
    const d = this.dim;
    const o = slot * d;
    for (let i = 0; i < d; i++) if (this.points[o + i] !== point[i]) return false;
    return true;
  }

  private boxContains(node: number, point: Float64Array): boolean {
    const d = this.dim;
    const o = node * d;
    for (let i = 0; i < d; i++) {
      const q = point[i]!;
      if (q < this.boxMin[o + i]! || q > this.boxMax[o + i]!) return false;
    }
    return true;
  }

  private extendBox(node: number, point: Float64Array): void {
    const d = this.dim;
    const o = node * d;
    for (let i = 0; i < d; i++) {
      const q = point[i]!;
      if (q < this.boxMin[o + i]!) this.boxMin[o + i] = q;
      if (q > this.boxMax[o + i]!) this.boxMax[o + i] = q;
    }
  }

  /** Sets the box of internal `node` to the union of its children's; returns whether it changed. */
  private recomputeBox(node: number): boolean {
    const d = this.dim;
    const o = node * d;
    const a = this.left[node]!;
    const b = this.right[node]!;
    let changed = false;
    for (let i = 0; i < d; i++) {
      let lo: number;
      let hi: number;
      if (a >= this.leafBase) lo = hi = this.points[(a - this.leafBase) * d + i]!;
      else {
        lo = this.boxMin[a * d + i]!;
        hi = this.boxMax[a * d + i]!;
      }
      if (b >= this.leafBase) {
        const x = this.points[(b - this.leafBase) * d + i]!;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      } else {
        const bl = this.boxMin[b * d + i]!;
        const bh = this.boxMax[b * d + i]!;
        if (bl < lo) lo = bl;
        if (bh > hi) hi = bh;
      }
      if (lo !== this.boxMin[o + i] || hi !== this.boxMax[o + i]) {
        changed = true;
        this.boxMin[o + i] = lo;
        this.boxMax[o + i] = hi;
      }
    }
    return changed;
  }
}

/** The reference implementation's damping of a duplicate's score: heavier duplicates are less anomalous. */
function damp(leafMass: number, treeMass: number): number {
  return treeMass > 0 ? 1 - leafMass / (2 * treeMass) : 1;
}

const f64 = new Float64Array(1);
const u64 = new BigInt64Array(f64.buffer);

/** The largest double below x (x finite), so a cut value stays strictly below the box maximum. */
function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  f64[0] = x;
  u64[0] = x > 0 ? u64[0]! - 1n : u64[0]! + 1n;
  return f64[0]!;
}
