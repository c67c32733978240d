/** The random cut tree stays structurally sound under streaming inserts and deletes, duplicates included. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Prng } from '../../../src/sql/table-functions/prng.js';
import { RandomCutTree } from '../../../src/sql/table-functions/rcf/random-cut-tree.js';

describe('RandomCutTree', () => {
  it('keeps tight boxes, masses and separating cuts through inserts and deletes', () => {
    const rng = new Prng(11);
    const tree = new RandomCutTree(3, 64, new Prng(12));
    const held: number[] = [];
    const point = new Float64Array(3);
    for (let i = 0; i < 2000; i++) {
      if (held.length === 64 || (held.length > 0 && rng.nextDouble() < 0.3)) {
        const at = Math.floor(rng.nextDouble() * held.length);
        tree.delete(held[at]!);
        held.splice(at, 1);
      } else {
        // a coarse grid makes exact duplicates common
        for (let j = 0; j < 3; j++) point[j] = Math.floor(rng.nextDouble() * 5);
        held.push(tree.insert(point));
      }
      if (i % 50 === 0) tree.verify();
    }
    tree.verify();
    assert.equal(tree.size, held.length);
    for (const slot of held) tree.delete(slot);
    tree.verify();
    assert.equal(tree.size, 0);
    assert.equal(tree.score(point), 0);
  });

  it('scores a far point higher than a point inside the data', () => {
    const rng = new Prng(3);
    const tree = new RandomCutTree(2, 256, new Prng(4));
    const p = new Float64Array(2);
    for (let i = 0; i < 256; i++) {
      p[0] = rng.nextDouble();
      p[1] = rng.nextDouble();
      tree.insert(p);
    }
    const inside = tree.score(Float64Array.of(0.5, 0.5));
    const outside = tree.score(Float64Array.of(5, 0.5));
    assert.ok(outside > 2 * inside, `outside ${outside} vs inside ${inside}`);
  });

  it('splits the score into per-dimension parts that add up to it', () => {
    const rng = new Prng(5);
    const tree = new RandomCutTree(2, 128, new Prng(6));
    const p = new Float64Array(2);
    for (let i = 0; i < 128; i++) {
      p[0] = rng.nextDouble();
      p[1] = rng.nextDouble();
      tree.insert(p);
    }
    for (const q of [Float64Array.of(0.3, 0.7), Float64Array.of(0.5, 9), p]) {
      const high = new Float64Array(2);
      const low = new Float64Array(2);
      tree.attribute(q, 1, high, low);
      const total = high[0]! + high[1]! + low[0]! + low[1]!;
      assert.ok(Math.abs(total - tree.score(q)) < 1e-9, `${total} vs ${tree.score(q)}`);
    }
    const high = new Float64Array(2);
    const low = new Float64Array(2);
    tree.attribute(Float64Array.of(0.5, 9), 1, high, low);
    assert.ok(high[1]! > 10 * (high[0]! + low[0]! + low[1]!), 'a point far above in y is explained by high y');
  });
});
