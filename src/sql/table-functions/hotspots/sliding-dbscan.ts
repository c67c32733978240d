/**
 * DBSCAN (Ester et al. 1996) over a sliding window of the last `windowSize` points, kept incrementally: each point
 * keeps the list of window points within `radius` (Euclidean), updated as points enter and leave, so re-clustering
 * after an arrival only walks the neighbourhood graph. A point with at least `minPoints` points within `radius`
 * (itself included) is a core point; clusters are the connected core points plus the non-core points next to them.
 * Neighbour search uses a grid of cells of side `radius` in up to 3 dimensions, a scan of the window beyond.
 */
export interface Cluster {
  readonly count: number;
  readonly min: number[];
  readonly max: number[];
}

const GRID_MAX_DIMENSIONS = 3;

export class SlidingDbscan {
  private readonly coords: Float64Array;
  private readonly alive: Uint8Array;
  private readonly neighbours: number[][];
  private readonly cellOf: (string | undefined)[];
  private readonly grid = new Map<string, number[]>();
  private readonly useGrid: boolean;
  private readonly radius2: number;
  private next = 0;
  private count = 0;
  // scratch for clustering
  private readonly mark: Int32Array;
  private readonly queue: Int32Array;
  private epoch = 0;

  constructor(
    private readonly dim: number,
    private readonly windowSize: number,
    private readonly radius: number,
    private readonly minPoints: number,
  ) {
    this.coords = new Float64Array(windowSize * dim);
    this.alive = new Uint8Array(windowSize);
    this.neighbours = Array.from({ length: windowSize }, () => []);
    this.cellOf = new Array<string | undefined>(windowSize).fill(undefined);
    this.useGrid = dim <= GRID_MAX_DIMENSIONS;
    this.radius2 = radius * radius;
    this.mark = new Int32Array(windowSize);
    this.queue = new Int32Array(windowSize);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a point, evicting the oldest when the window is full. */
  add(point: ArrayLike<number>): void {
    const slot = this.next;
    this.next = (this.next + 1) % this.windowSize;
    if (this.alive[slot]) this.remove(slot);
    const d = this.dim;
    const o = slot * d;
    for (let i = 0; i < d; i++) this.coords[o + i] = point[i]!;
    const mine = this.neighbours[slot]!;
    const consider = (other: number): void => {
      if (other === slot || !this.alive[other]) return;
      if (this.distance2(slot, other) <= this.radius2) {
        mine.push(other);
        this.neighbours[other]!.push(slot);
      }
    };
    if (this.useGrid) {
      const cell = this.cellCoords(slot);
      this.forEachNearbyCell(cell, (key) => {
        const members = this.grid.get(key);
        if (members) for (const other of members) consider(other);
      });
      const key = cell.join(',');
      this.cellOf[slot] = key;
      const members = this.grid.get(key);
      if (members) members.push(slot);
      else this.grid.set(key, [slot]);
    } else {
      for (let other = 0; other < this.windowSize; other++) consider(other);
    }
    this.alive[slot] = 1;
    this.count++;
  }

  /** The current clusters. */
  clusters(): Cluster[] {
    const d = this.dim;
    const epoch = ++this.epoch;
    const out: Cluster[] = [];
    for (let seed = 0; seed < this.windowSize; seed++) {
      if (!this.alive[seed] || this.mark[seed] === epoch || !this.isCore(seed)) continue;
      const min = new Array<number>(d).fill(Infinity);
      const max = new Array<number>(d).fill(-Infinity);
      let size = 0;
      let head = 0;
      let tail = 0;
      this.mark[seed] = epoch;
      this.queue[tail++] = seed;
      while (head < tail) {
        const p = this.queue[head++]!;
        size++;
        const o = p * d;
        for (let i = 0; i < d; i++) {
          const x = this.coords[o + i]!;
          if (x < min[i]!) min[i] = x;
          if (x > max[i]!) max[i] = x;
        }
        // only core points extend a cluster; border points join the first cluster that reaches them
        if (!this.isCore(p)) continue;
        for (const q of this.neighbours[p]!) {
          if (this.mark[q] === epoch) continue;
          this.mark[q] = epoch;
          this.queue[tail++] = q;
        }
      }
      out.push({ count: size, min, max });
    }
    return out;
  }

  private isCore(slot: number): boolean {
    return this.neighbours[slot]!.length + 1 >= this.minPoints;
  }

  private remove(slot: number): void {
    for (const other of this.neighbours[slot]!) {
      const list = this.neighbours[other]!;
      const at = list.indexOf(slot);
      if (at >= 0) {
        list[at] = list[list.length - 1]!;
        list.pop();
      }
    }
    this.neighbours[slot]!.length = 0;
    const key = this.cellOf[slot];
    if (key !== undefined) {
      const members = this.grid.get(key)!;
      const at = members.indexOf(slot);
      members[at] = members[members.length - 1]!;
      members.pop();
      if (members.length === 0) this.grid.delete(key);
      this.cellOf[slot] = undefined;
    }
    this.alive[slot] = 0;
    this.count--;
  }

  private distance2(a: number, b: number): number {
    const d = this.dim;
    let s = 0;
    for (let i = 0; i < d; i++) {
      const diff = this.coords[a * d + i]! - this.coords[b * d + i]!;
      s += diff * diff;
    }
    return s;
  }

  private cellCoords(slot: number): number[] {
    const cell: number[] = [];
    for (let i = 0; i < this.dim; i++) cell.push(Math.floor(this.coords[slot * this.dim + i]! / this.radius));
    return cell;
  }

  /** Calls `visit` with the key of every cell within one step of `cell` in each dimension (3^dim cells). */
  private forEachNearbyCell(cell: number[], visit: (key: string) => void): void {
    const probe = cell.slice();
    const walk = (i: number): void => {
      if (i === cell.length) {
        visit(probe.join(','));
        return;
      }
      for (let delta = -1; delta <= 1; delta++) {
        probe[i] = cell[i]! + delta;
        walk(i + 1);
      }
    };
    walk(0);
  }
}
