/**
 * The incremental sliding-window DBSCAN against a from-scratch DBSCAN of the same window after every arrival: the
 * same clusters (core points connected within ε), each with every border point counted once, in 1 to 5 dimensions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlidingDbscan } from '../../../src/sql/table-functions/hotspots/sliding-dbscan.js';
import { Prng } from '../../../src/sql/table-functions/prng.js';
import { gaussian } from './synthetic-streams.js';

type Point = number[];

function dist2(a: Point, b: Point): number {
  return a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0);
}

/** Plain DBSCAN: the core points of each cluster, and for every border point the clusters it may join. */
function reference(points: Point[], radius: number, minPoints: number) {
  const r2 = radius * radius;
  const near = points.map((p) => points.map((q, j) => (dist2(p, q) <= r2 ? j : -1)).filter((j) => j >= 0));
  const core = near.map((n) => n.length >= minPoints);
  const label = points.map(() => -1);
  const clusters: number[][] = [];
  points.forEach((_, s) => {
    if (!core[s] || label[s] !== -1) return;
    const members: number[] = [];
    const stack = [s];
    label[s] = clusters.length;
    while (stack.length) {
      const p = stack.pop()!;
      members.push(p);
      for (const q of near[p]!) if (core[q] && label[q] === -1) (label[q] = clusters.length), stack.push(q);
    }
    clusters.push(members);
  });
  const border = points.map((_, p) => (core[p] ? [] : [...new Set(near[p]!.filter((q) => core[q]).map((q) => label[q]!))]));
  return { clusters, border };
}

function bounds(points: Point[], members: number[], dim: number) {
  const min = Array.from({ length: dim }, (_, i) => Math.min(...members.map((p) => points[p]![i]!)));
  const max = Array.from({ length: dim }, (_, i) => Math.max(...members.map((p) => points[p]![i]!)));
  return { min, max };
}

function check(dim: number, windowSize: number, radius: number, minPoints: number, length: number, seed: number) {
  const rng = new Prng(seed);
  const dbscan = new SlidingDbscan(dim, windowSize, radius, minPoints);
  const window: Point[] = [];
  let compared = 0;
  let withClusters = 0;
  for (let t = 0; t < length; t++) {
    // drifting blobs over a sparse background, some exact duplicates
    const centre = (t >> 7) % 4;
    const p: Point =
      rng.nextDouble() < 0.3
        ? Array.from({ length: dim }, () => 6 * rng.nextDouble())
        : Array.from({ length: dim }, () => Math.round((centre + 0.4 * gaussian(rng)) * 20) / 20);
    dbscan.add(p);
    window.push(p);
    if (window.length > windowSize) window.shift();
    if (t % 7 !== 0) continue;
    const got = dbscan.clusters();
    const want = reference(window, radius, minPoints);
    assert.equal(got.length, want.clusters.length, `clusters at ${t}`);
    let borderPoints = 0;
    for (const b of want.border) if (b.length > 0) borderPoints++;
    const coreTotal = want.clusters.reduce((s, c) => s + c.length, 0);
    assert.equal(got.reduce((s, c) => s + c.count, 0), coreTotal + borderPoints, `points in clusters at ${t}`);
    const unmatched = new Set(got.map((_, i) => i));
    want.clusters.forEach((members, k) => {
      const core = bounds(window, members, dim);
      const maxBorder = want.border.filter((b) => b.includes(k)).length;
      // the cluster whose bounds hold this one's core points and reach at most ε beyond them
      const i = [...unmatched].find((i) => {
        const c = got[i]!;
        return c.min.every((x, j) => x <= core.min[j]! && x >= core.min[j]! - radius) && c.max.every((x, j) => x >= core.max[j]! && x <= core.max[j]! + radius);
      });
      assert.ok(i !== undefined, `no cluster matches reference cluster ${k} at ${t}`);
      unmatched.delete(i);
      assert.ok(got[i]!.count >= members.length && got[i]!.count <= members.length + maxBorder, `count at ${t}`);
    });
    compared++;
    if (want.clusters.length > 0 && borderPoints > 0) withClusters++;
  }
  assert.ok(compared > 50);
  assert.ok(withClusters > compared / 2, `only ${withClusters} of ${compared} windows had clusters with border points`);
}

describe('SlidingDbscan', () => {
  it('matches DBSCAN of the window in 2 dimensions', () => check(2, 150, 0.25, 6, 1200, 1));
  it('matches DBSCAN of the window in 1 dimension', () => check(1, 120, 0.05, 5, 900, 2));
  it('matches DBSCAN of the window in 3 dimensions', () => check(3, 150, 0.4, 5, 900, 3));
  it('matches DBSCAN of the window in 5 dimensions (cells found by scanning)', () => check(5, 120, 0.8, 4, 700, 4));
});
