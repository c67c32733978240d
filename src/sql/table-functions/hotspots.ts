/**
 * HOTSPOTS(CURSOR(…), windowSize, scanRadius, minimumNumberOfPointsInAHotspot): every cursor row with
 * HOTSPOTS_RESULT appended, a JSON VARCHAR describing the dense regions of the last windowSize (100..1000) records'
 * numeric columns:
 *   {"hotspots":[{"density":…,"minValues":[…],"maxValues":[…]}, …]}
 * KDA does not publish its algorithm; it describes scanRadius as DBSCAN's ε and minimumNumberOfPointsInAHotspot
 * (2..windowSize) as the points a hotspot needs. So a hotspot here is a DBSCAN cluster of the window (ε = scanRadius,
 * minPts = minimumNumberOfPointsInAHotspot), minValues/maxValues are its bounding box in numeric-column order, and
 * density = points ÷ box volume, each side counted as at least scanRadius so a flat cluster has a finite density.
 * Hotspots are listed densest first. A row with a NULL coordinate is not added to the window. The window is kept
 * incrementally (`hotspots/sliding-dbscan.ts`), so a row costs a walk of its neighbourhood, not a re-clustering.
 */
import { appendColumns, checkArity, integerArg, pointColumns, positiveNumberArg } from './arguments.js';
import { rowKey, TableFunctionArgumentError, type BoundTableFunction, type ColumnDef, type TableFunctionDef } from './contract.js';
import { SlidingDbscan, type Cluster } from './hotspots/sliding-dbscan.js';

const NAME = 'HOTSPOTS';

const HOTSPOTS_RESULT: ColumnDef = { name: 'HOTSPOTS_RESULT', type: { name: 'VARCHAR', precision: 65535, nullable: false } };

export const hotspots: TableFunctionDef = {
  name: NAME,
  bind(inputColumns, args): BoundTableFunction {
    checkArity(NAME, args, 3, 3);
    const windowSize = integerArg(NAME, args, 0, 'windowSize', 100, 1000);
    const scanRadius = positiveNumberArg(NAME, args, 1, 'scanRadius');
    const minPoints = integerArg(NAME, args, 2, 'minimumNumberOfPointsInAHotspot', 2, Number.MAX_SAFE_INTEGER);
    if (minPoints > windowSize) {
      throw new TableFunctionArgumentError(
        NAME,
        `minimumNumberOfPointsInAHotspot must be between 2 and windowSize (${windowSize}), got ${minPoints}`,
      );
    }
    const names = pointColumns(NAME, inputColumns, Number.MAX_SAFE_INTEGER).map(rowKey);
    return {
      outputColumns: appendColumns(NAME, inputColumns, [HOTSPOTS_RESULT]),
      create() {
        const window = new SlidingDbscan(names.length, windowSize, scanRadius, minPoints);
        const point = new Float64Array(names.length);
        let result = formatHotspots([], scanRadius);
        let formatted = window.version;
        return {
          push(row, rowtime, emit) {
            let complete = true;
            for (let i = 0; i < names.length; i++) {
              const v = row[names[i]!];
              const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
              if (!Number.isFinite(n)) complete = false;
              point[i] = n;
            }
            if (complete) {
              window.add(point);
              // most arrivals far from any hotspot leave the clusters, and so the JSON, as they were
              if (window.version !== formatted) {
                result = formatHotspots(window.clusters(), scanRadius);
                formatted = window.version;
              }
            }
            emit({ ...row, HOTSPOTS_RESULT: result }, rowtime);
          },
          advanceTime() {},
          nextDeadline: () => undefined,
        };
      },
    };
  },
};

/** The HOTSPOTS_RESULT JSON for a set of clusters, densest first (written directly: it is built for most rows). */
export function formatHotspots(clusters: ReadonlyArray<Cluster>, scanRadius: number): string {
  const n = clusters.length;
  if (n === 0) return EMPTY;
  const density = new Float64Array(n);
  const order: number[] = [];
  for (let k = 0; k < n; k++) {
    const c = clusters[k]!;
    let volume = 1;
    for (let i = 0; i < c.min.length; i++) volume *= Math.max(c.max[i]! - c.min[i]!, scanRadius);
    density[k] = c.count / volume;
    order.push(k);
  }
  // stable, so equal densities keep cluster order
  order.sort((a, b) => density[b]! - density[a]!);
  let out = '{"hotspots":[';
  for (let j = 0; j < n; j++) {
    const k = order[j]!;
    const c = clusters[k]!;
    // finite numbers print the same through String() as through JSON.stringify
    out += `${j > 0 ? ',' : ''}{"density":${density[k]},"minValues":[${c.min.join(',')}],"maxValues":[${c.max.join(',')}]}`;
  }
  return out + ']}';
}

const EMPTY = '{"hotspots":[]}';
