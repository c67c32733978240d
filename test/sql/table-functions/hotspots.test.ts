/** HOTSPOTS: parameter checks, the HOTSPOTS_RESULT JSON, DBSCAN semantics over a sliding window, the tutorial's hotspot. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TableFunctionArgumentError } from '../../../src/sql/table-functions/index.js';
import { Prng } from '../../../src/sql/table-functions/prng.js';
import { bind, column, run } from './run-table-function.js';

const FN = 'HOTSPOTS';
const xy = [column('x', 'DOUBLE'), column('y', 'DOUBLE'), column('is_hot', 'VARCHAR')];

interface Hotspot {
  density: number;
  minValues: number[];
  maxValues: number[];
}

function hotspotsOf(result: unknown): Hotspot[] {
  return (JSON.parse(result as string) as { hotspots: Hotspot[] }).hotspots;
}

/** The hotspots tutorial's RecordGenerator: 20% of points in a 1×1 box that moves every 1000 points, in [0,10]². */
function tutorialStream(seed: number, length: number) {
  const rng = new Prng(seed);
  const boxes: Array<[number, number]> = [];
  let hx = 0;
  let hy = 0;
  const rows = Array.from({ length }, (_, i) => {
    if (i % 1000 === 0) {
      hx = rng.nextDouble() * 9;
      hy = rng.nextDouble() * 9;
      boxes.push([hx, hy]);
    }
    const row =
      rng.nextDouble() < 0.2
        ? { x: hx + rng.nextDouble(), y: hy + rng.nextDouble(), is_hot: 'Y' }
        : { x: rng.nextDouble() * 10, y: rng.nextDouble() * 10, is_hot: 'N' };
    return { row, rowtime: 1_700_000_000_000 + i * 10 };
  });
  return { rows, boxes };
}

describe('HOTSPOTS binding', () => {
  it('appends HOTSPOTS_RESULT VARCHAR to the cursor columns', () => {
    assert.deepEqual(
      bind(FN, xy, [1000, 0.2, 17]).outputColumns.map((c) => [c.name, c.type.name]),
      [
        ['x', 'DOUBLE'],
        ['y', 'DOUBLE'],
        ['is_hot', 'VARCHAR'],
        ['HOTSPOTS_RESULT', 'VARCHAR'],
      ],
    );
  });

  it('checks windowSize, scanRadius and minimumNumberOfPointsInAHotspot', () => {
    assert.doesNotThrow(() => bind(FN, xy, [100, 1e-9, 2]));
    assert.doesNotThrow(() => bind(FN, xy, [1000, 5, 1000]));
    const cases: Array<[unknown[], RegExp]> = [
      [[99, 0.2, 17], /windowSize must be between 100 and 1000/],
      [[1001, 0.2, 17], /windowSize must be between 100 and 1000/],
      [[1000, 0, 17], /scanRadius must be greater than 0/],
      [[1000, -1, 17], /scanRadius must be greater than 0/],
      [[1000, 'wide', 17], /scanRadius must be a number/],
      [[1000, 0.2, 1], /minimumNumberOfPointsInAHotspot must be between 2/],
      [[500, 0.2, 501], /minimumNumberOfPointsInAHotspot must be between 2 and windowSize \(500\)/],
      [[1000, 0.2], /expects 3 arguments/],
    ];
    for (const [args, message] of cases) {
      assert.throws(() => bind(FN, xy, args), (e: unknown) => e instanceof TableFunctionArgumentError && message.test(e.message), JSON.stringify(args));
    }
    assert.throws(() => bind(FN, [column('name', 'VARCHAR')], [1000, 0.2, 17]), /no numeric column/);
  });
});

describe('HOTSPOTS clustering', () => {
  it('reports a DBSCAN cluster with its bounds and points ÷ volume as density', () => {
    // five points within 0.1 of each other, plus scattered ones
    const cluster = [
      [1, 1],
      [1.05, 1],
      [1.1, 1.02],
      [1.02, 1.08],
      [1.06, 1.05],
    ];
    const scattered = [
      [5, 5],
      [8, 1],
      [3, 9],
    ];
    const rows = [...scattered, ...cluster].map(([x, y], i) => ({ row: { x, y, is_hot: 'N' }, rowtime: i }));
    const out = run(FN, xy, [100, 0.1, 4], rows);
    assert.equal(out.length, rows.length);
    assert.deepEqual(hotspotsOf(out[5]!.row.HOTSPOTS_RESULT), [], 'three close points are not yet a hotspot');
    const [spot, ...rest] = hotspotsOf(out[7]!.row.HOTSPOTS_RESULT);
    assert.deepEqual(rest, []);
    assert.deepEqual(spot!.minValues, [1, 1]);
    assert.deepEqual(spot!.maxValues, [1.1, 1.08]);
    // sides shorter than scanRadius count as scanRadius: 5 / (max(0.1, 0.1) × max(0.08, 0.1))
    assert.ok(Math.abs(spot!.density - 5 / (0.1 * 0.1)) < 1e-6, String(spot!.density));
    assert.equal(out[7]!.row.x, 1.06);
    assert.equal(out[7]!.rowtime, 7);
  });

  it('forgets points that leave the window', () => {
    const dense = Array.from({ length: 20 }, (_, i) => ({ row: { x: 1 + i * 0.01, y: 1, is_hot: 'Y' }, rowtime: i }));
    const far = Array.from({ length: 100 }, (_, i) => ({ row: { x: 100 + i * 10, y: 50, is_hot: 'N' }, rowtime: 20 + i }));
    const out = run(FN, xy, [100, 0.05, 5], [...dense, ...far]);
    assert.equal(hotspotsOf(out[19]!.row.HOTSPOTS_RESULT).length, 1);
    assert.equal(hotspotsOf(out[19 + 80]!.row.HOTSPOTS_RESULT).length, 1, '20 dense points still in a window of 100');
    assert.deepEqual(hotspotsOf(out[19 + 100]!.row.HOTSPOTS_RESULT), [], 'all dense points have left the window');
  });

  it('passes a row with a NULL coordinate through with the last result, without adding it', () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({ row: { x: 1, y: 1 + i * 0.001, is_hot: 'Y' }, rowtime: i }));
    rows.push({ row: { x: null as unknown as number, y: 2, is_hot: 'N' }, rowtime: 6 });
    const out = run(FN, xy, [100, 0.1, 3], rows);
    assert.equal(out[6]!.row.HOTSPOTS_RESULT, out[5]!.row.HOTSPOTS_RESULT);
    assert.equal(out[6]!.row.x, null);
  });

  it('clusters in more than three dimensions (no grid) the same way', () => {
    const rng = new Prng(4);
    const cols = ['a', 'b', 'c', 'd', 'e'].map((n) => column(n, 'INTEGER'));
    const rows = Array.from({ length: 300 }, (_, i) => {
      const inCluster = i % 3 === 0;
      const v = () => (inCluster ? 50 + Math.floor(rng.nextDouble() * 2) : Math.floor(rng.nextDouble() * 1000));
      return { row: { a: v(), b: v(), c: v(), d: v(), e: v() }, rowtime: i };
    });
    const spots = hotspotsOf(run(FN, cols, [300, 3, 10], rows)[299]!.row.HOTSPOTS_RESULT);
    assert.equal(spots.length, 1);
    assert.deepEqual(spots[0]!.minValues, [50, 50, 50, 50, 50]);
    assert.deepEqual(spots[0]!.maxValues, [51, 51, 51, 51, 51]);
    assert.ok(Math.abs(spots[0]!.density - 100 / 3 ** 5) < 1e-9);
  });

  it("finds the tutorial's moving 1×1 hotspot and its bounds with HOTSPOTS(…, 1000, 0.2, 17)", () => {
    const { rows, boxes } = tutorialStream(1, 3000);
    const out = run(FN, xy, [1000, 0.2, 17], rows);
    boxes.forEach(([hx, hy], k) => {
      // the last record before the hotspot moves: the window holds exactly this hotspot's 1000 points
      const spots = hotspotsOf(out[k * 1000 + 999]!.row.HOTSPOTS_RESULT);
      const dense = spots.filter((s) => s.density >= 40); // the tutorial viewer's filter
      assert.equal(dense.length, 1, JSON.stringify(spots));
      const [spot] = dense;
      // border points within scanRadius of the dense core can widen the bounds by up to scanRadius
      const near = (a: number, b: number) => Math.abs(a - b) <= 0.2;
      assert.ok(near(spot!.minValues[0]!, hx) && near(spot!.minValues[1]!, hy), `min ${spot!.minValues} vs ${[hx, hy]}`);
      assert.ok(near(spot!.maxValues[0]!, hx + 1) && near(spot!.maxValues[1]!, hy + 1), `max ${spot!.maxValues} vs ${[hx + 1, hy + 1]}`);
      assert.ok(spot!.density > 100 && spot!.density < 300, `~200 points in about 1×1: ${spot!.density}`);
    });
  });
});
