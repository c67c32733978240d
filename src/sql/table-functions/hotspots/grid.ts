/**
 * The grid under the sliding DBSCAN: cells of side radius/√dim, so any two points of one cell are within `radius`
 * of each other and DBSCAN's core points in one cell always belong to the same cluster. Each cell knows the other
 * live cells that can hold a point within `radius` of one of its own (`near`), so neighbour searches walk a few
 * short member lists and never hash. Up to 3 dimensions a new cell finds those cells by probing the offsets around
 * it; beyond that, by checking every live cell (at most one per window point).
 */
export class Cell {
  /** Window slots of the points in this cell. */
  readonly members: number[] = [];
  /** Live cells (other than this one) within reach. */
  readonly near: Cell[] = [];
  /** Cells whose core points connect to this cell's core points (both have some). */
  links: Cell[] = [];
  coreCount = 0;
  /** Bounding box of the cell's core points, valid after the cell's last refresh. */
  readonly coreMin: Float64Array;
  readonly coreMax: Float64Array;
  /** Queued for a refresh of its core box and links, with what changed since the last one. */
  dirty = false;
  coreAdded: number[] = [];
  coreLost = false;
  dead = false;
  /** Scratch for the cluster walk and for one refresh round. */
  mark = 0;
  round = 0;
  cluster = -1;

  constructor(
    readonly key: string | number,
    readonly coords: Int32Array | number[],
    dim: number,
  ) {
    this.coreMin = new Float64Array(dim).fill(Infinity);
    this.coreMax = new Float64Array(dim).fill(-Infinity);
  }
}

const PROBE_MAX_DIMENSIONS = 3;

export class Grid {
  readonly side: number;
  private readonly cells = new Map<string | number, Cell>();
  /** Cell offsets that can hold points within `radius` (excluding the zero offset), for dim ≤ 3. */
  private readonly offsets: Int32Array[];
  private readonly reach: number;
  private readonly probeCoords: number[];
  /** Bits per coordinate in a numeric cell key; coordinates beyond fall back to a string key. */
  private readonly keyBits: number;

  constructor(
    private readonly dim: number,
    private readonly radius: number,
  ) {
    this.side = radius / Math.sqrt(dim);
    this.reach = Math.ceil(Math.sqrt(dim));
    this.offsets = dim <= PROBE_MAX_DIMENSIONS ? this.nearOffsets() : [];
    this.probeCoords = new Array<number>(dim).fill(0);
    this.keyBits = Math.floor(52 / dim);
  }

  get size(): number {
    return this.cells.size;
  }

  /** The cell a point falls in, created (and linked to the cells near it) when new. */
  cellFor(point: ArrayLike<number>): Cell {
    const coords = this.probeCoords;
    for (let i = 0; i < this.dim; i++) coords[i] = Math.floor(point[i]! / this.side);
    const key = this.keyOf(coords);
    const found = this.cells.get(key);
    if (found) return found;
    const cell = new Cell(key, coords.slice(), this.dim);
    if (this.dim <= PROBE_MAX_DIMENSIONS) {
      for (const offset of this.offsets) {
        for (let i = 0; i < this.dim; i++) coords[i] = cell.coords[i]! + offset[i]!;
        const other = this.cells.get(this.keyOf(coords));
        if (other) this.link(cell, other);
      }
    } else {
      for (const other of this.cells.values()) if (this.withinReach(cell, other)) this.link(cell, other);
    }
    this.cells.set(key, cell);
    return cell;
  }

  /** Forgets an empty cell. */
  drop(cell: Cell): void {
    cell.dead = true;
    this.cells.delete(cell.key);
    for (const other of cell.near) removeFrom(other.near, cell);
    for (const other of cell.links) removeFrom(other.links, cell);
    cell.near.length = 0;
    cell.links = [];
  }

  private link(a: Cell, b: Cell): void {
    a.near.push(b);
    b.near.push(a);
  }

  private keyOf(coords: number[]): string | number {
    const half = 2 ** (this.keyBits - 1);
    let key = 0;
    for (let i = 0; i < this.dim; i++) {
      const c = coords[i]!;
      if (c < -half || c >= half) return coords.join(',');
      key = key * 2 * half + (c + half);
    }
    return key;
  }

  /** Whether two cells can hold points within `radius`: the gap between them, per axis, in whole cells. */
  private withinReach(a: Cell, b: Cell): boolean {
    let gap2 = 0;
    for (let i = 0; i < this.dim; i++) {
      const steps = Math.abs(a.coords[i]! - b.coords[i]!) - 1;
      if (steps > 0) gap2 += steps * steps;
    }
    return gap2 * this.side * this.side <= this.radius * this.radius;
  }

  private nearOffsets(): Int32Array[] {
    const out: Int32Array[] = [];
    const r = this.reach;
    const offset = new Int32Array(this.dim);
    const zero = { coords: new Int32Array(this.dim) } as Cell;
    const walk = (i: number): void => {
      if (i === this.dim) {
        if (offset.some((x) => x !== 0) && this.withinReach(zero, { coords: offset } as Cell)) out.push(offset.slice());
        return;
      }
      for (let delta = -r; delta <= r; delta++) {
        offset[i] = delta;
        walk(i + 1);
      }
    };
    walk(0);
    return out;
  }
}

export function removeFrom<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at < 0) return;
  list[at] = list[list.length - 1]!;
  list.pop();
}
