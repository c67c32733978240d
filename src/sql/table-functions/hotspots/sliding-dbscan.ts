/**
 * DBSCAN (Ester et al. 1996) over a sliding window of the last `windowSize` points (ε = `radius`, Euclidean;
 * minPts = `minPoints`, the point itself included), kept incrementally so a new point costs a neighbourhood walk,
 * not a re-clustering of the window:
 *
 * - every point keeps its neighbour count and its number of core neighbours, updated as points enter and leave
 *   (a point whose count crosses minPts flips between core and not, and tells its neighbours);
 * - clusters are built per grid cell (`grid.ts`: core points of one cell are always connected), from links between
 *   cells whose core points touch; only cells whose core points changed are re-linked, and only as far as the change
 *   can matter (a lost core point can only cut links, a new one only add links through itself);
 * - a border point (not core, with a core point within ε) joins the cluster of one core neighbour, its anchor, which
 *   it keeps while that point stays a core point in the window. DBSCAN leaves this choice to visiting order.
 *
 * `version` moves only when the clusters may have changed: a point that is noise on arrival and on departure and
 * flips no neighbour leaves the result as it was.
 */
import { Cell, Grid, removeFrom } from './grid.js';

export interface Cluster {
  readonly count: number;
  readonly min: number[];
  readonly max: number[];
}

export class SlidingDbscan {
  private readonly grid: Grid;
  private readonly coords: Float64Array;
  private readonly alive: Uint8Array;
  private readonly cellOf: (Cell | undefined)[];
  /** Points within radius, the point itself included. */
  private readonly count: Int32Array;
  private readonly core: Uint8Array;
  /** Core points within radius, the point itself excluded. */
  private readonly coreNear: Int32Array;
  /** Insertion number of the point in each slot, so an anchor in a reused slot is recognised as gone. */
  private readonly seq: Float64Array;
  private readonly anchor: Int32Array;
  private readonly anchorSeq: Float64Array;
  /** Border points as a dense list; `borderAt[slot]` is the slot's index in it, -1 when not a border point. */
  private readonly border: Int32Array;
  private borderCount = 0;
  private readonly borderAt: Int32Array;
  private readonly coreCells = new Set<Cell>();
  private dirtyCells: Cell[] = [];
  private readonly radius2: number;
  private next = 0;
  private size_ = 0;
  private inserted = 0;
  private changes = 0;
  private builtAt = -1;
  private built: Cluster[] = [];
  private round = 0;
  /** Whether cell links or the set of cells with core points changed since the clusters were last labelled. */
  private relabel = true;
  private clusterCount = 0;
  // scratch
  private readonly found: Int32Array;
  private readonly flipFound: Int32Array;
  private readonly flips: number[] = [];

  constructor(
    private readonly dim: number,
    private readonly windowSize: number,
    radius: number,
    private readonly minPoints: number,
  ) {
    this.grid = new Grid(dim, radius);
    this.radius2 = radius * radius;
    this.coords = new Float64Array(windowSize * dim);
    this.alive = new Uint8Array(windowSize);
    this.cellOf = new Array<Cell | undefined>(windowSize).fill(undefined);
    this.count = new Int32Array(windowSize);
    this.core = new Uint8Array(windowSize);
    this.coreNear = new Int32Array(windowSize);
    this.seq = new Float64Array(windowSize);
    this.anchor = new Int32Array(windowSize).fill(-1);
    this.anchorSeq = new Float64Array(windowSize);
    this.border = new Int32Array(windowSize);
    this.borderAt = new Int32Array(windowSize).fill(-1);
    this.found = new Int32Array(windowSize);
    this.flipFound = new Int32Array(windowSize);
  }

  get size(): number {
    return this.size_;
  }

  /** Moves whenever the clusters may have changed. */
  get version(): number {
    return this.changes;
  }

  /** Adds a point, evicting the oldest when the window is full. */
  add(point: ArrayLike<number>): void {
    const slot = this.next;
    this.next = (this.next + 1) % this.windowSize;
    if (this.alive[slot]) this.remove(slot);
    const d = this.dim;
    const o = slot * d;
    for (let i = 0; i < d; i++) this.coords[o + i] = point[i]!;
    this.seq[slot] = ++this.inserted;
    const cell = this.grid.cellFor(point);
    cell.members.push(slot);
    this.cellOf[slot] = cell;
    this.alive[slot] = 1;
    this.size_++;

    const n = this.neighbours(slot, this.found);
    const found = this.found;
    const flips = this.flips;
    flips.length = 0;
    let coreNear = 0;
    for (let j = 0; j < n; j++) {
      const q = found[j]!;
      const c = ++this.count[q]!;
      if (this.core[q]) coreNear++;
      else if (c >= this.minPoints) flips.push(q);
    }
    this.count[slot] = n + 1;
    this.coreNear[slot] = coreNear;
    this.anchor[slot] = -1;
    if (n + 1 >= this.minPoints) {
      this.core[slot] = 1;
      this.coreChanged(cell, slot, true);
      for (let j = 0; j < n; j++) {
        const q = found[j]!;
        this.coreNear[q]!++;
        this.updateBorder(q);
      }
    } else {
      this.core[slot] = 0;
      this.updateBorder(slot);
    }
    for (let j = 0; j < flips.length; j++) this.setCore(flips[j]!, true);
  }

  /** The current clusters (the same array while `version` has not moved). */
  clusters(): Cluster[] {
    if (this.builtAt === this.changes) return this.built;
    this.refreshCells();
    this.built = this.buildClusters();
    this.builtAt = this.changes;
    return this.built;
  }

  private remove(slot: number): void {
    const cell = this.cellOf[slot]!;
    const wasCore = this.core[slot] === 1;
    const n = this.neighbours(slot, this.found);
    removeFrom(cell.members, slot);
    this.alive[slot] = 0;
    this.core[slot] = 0;
    this.cellOf[slot] = undefined;
    this.size_--;
    if (this.borderAt[slot]! >= 0) {
      this.leaveBorder(slot);
      this.changes++;
    }
    if (wasCore) this.coreChanged(cell, slot, false);
    if (cell.members.length === 0) {
      if (this.coreCells.delete(cell)) this.relabel = true;
      this.grid.drop(cell);
    }
    const found = this.found;
    const flips = this.flips;
    flips.length = 0;
    for (let j = 0; j < n; j++) {
      const q = found[j]!;
      const c = --this.count[q]!;
      if (wasCore) {
        this.coreNear[q]!--;
        this.updateBorder(q);
      }
      if (this.core[q] && c < this.minPoints) flips.push(q);
    }
    for (let j = 0; j < flips.length; j++) this.setCore(flips[j]!, false);
  }

  /** A point becomes core (or stops being one): its cell changes, and its neighbours' core counts. */
  private setCore(slot: number, core: boolean): void {
    this.core[slot] = core ? 1 : 0;
    this.coreChanged(this.cellOf[slot]!, slot, core);
    const found = this.flipFound;
    const n = this.neighbours(slot, found);
    for (let j = 0; j < n; j++) {
      const q = found[j]!;
      this.coreNear[q]! += core ? 1 : -1;
      this.updateBorder(q);
    }
    this.updateBorder(slot);
  }

  private coreChanged(cell: Cell, slot: number, gained: boolean): void {
    cell.coreCount += gained ? 1 : -1;
    if (gained) cell.coreAdded.push(slot);
    else cell.coreLost = true;
    if (!cell.dirty) {
      cell.dirty = true;
      this.dirtyCells.push(cell);
    }
    this.changes++;
  }

  private updateBorder(slot: number): void {
    const should = this.core[slot] === 0 && this.coreNear[slot]! > 0;
    const is = this.borderAt[slot]! >= 0;
    if (should === is) return;
    if (should) {
      this.borderAt[slot] = this.borderCount;
      this.border[this.borderCount++] = slot;
    } else {
      this.leaveBorder(slot);
    }
    this.changes++;
  }

  private leaveBorder(slot: number): void {
    const at = this.borderAt[slot]!;
    const last = this.border[--this.borderCount]!;
    this.border[at] = last;
    this.borderAt[last] = at;
    this.borderAt[slot] = -1;
  }

  /** Writes the slots of the other points within radius of `slot` to `out`; returns how many. */
  private neighbours(slot: number, out: Int32Array): number {
    const cell = this.cellOf[slot]!;
    const coords = this.coords;
    const d = this.dim;
    const r2 = this.radius2;
    const o = slot * d;
    let n = 0;
    // every point of the point's own cell is within radius
    const own = cell.members;
    for (let j = 0; j < own.length; j++) if (own[j] !== slot) out[n++] = own[j]!;
    const near = cell.near;
    if (d === 2) {
      const x = coords[o]!;
      const y = coords[o + 1]!;
      for (let c = 0; c < near.length; c++) {
        const members = near[c]!.members;
        for (let j = 0; j < members.length; j++) {
          const q = members[j]!;
          const dx = coords[2 * q]! - x;
          const dy = coords[2 * q + 1]! - y;
          if (dx * dx + dy * dy <= r2) out[n++] = q;
        }
      }
      return n;
    }
    for (let c = 0; c < near.length; c++) {
      const members = near[c]!.members;
      for (let j = 0; j < members.length; j++) {
        const q = members[j]!;
        const oq = q * d;
        let s = 0;
        for (let i = 0; i < d; i++) {
          const diff = coords[oq + i]! - coords[o + i]!;
          s += diff * diff;
        }
        if (s <= r2) out[n++] = q;
      }
    }
    return n;
  }

  /**
   * Brings the core boxes and the links of the changed cells up to date. Links were right before the changes, so a
   * cell that lost core points only re-checks its links, and a new link needs one of the new core points.
   */
  private refreshCells(): void {
    const dirty = this.dirtyCells;
    this.dirtyCells = [];
    for (const cell of dirty) {
      cell.dirty = false;
      if (cell.dead) continue;
      if (cell.coreCount === 0) {
        if (this.coreCells.delete(cell)) this.relabel = true;
        for (const other of cell.links) removeFrom(other.links, cell);
        cell.links = [];
        cell.coreMin.fill(Infinity);
        cell.coreMax.fill(-Infinity);
      } else {
        if (!this.coreCells.has(cell)) {
          this.coreCells.add(cell);
          this.relabel = true;
        }
        if (cell.coreLost) this.coreBox(cell);
        else this.extendCoreBox(cell);
      }
    }
    for (const cell of dirty) {
      if (cell.dead || cell.coreCount === 0) {
        cell.coreAdded.length = 0;
        cell.coreLost = false;
        continue;
      }
      if (cell.coreLost) {
        for (let i = cell.links.length - 1; i >= 0; i--) {
          const other = cell.links[i]!;
          if (this.touch(cell, other)) continue;
          cell.links.splice(i, 1);
          removeFrom(other.links, cell);
          this.relabel = true;
        }
        cell.coreLost = false;
      }
      if (cell.coreAdded.length > 0) {
        for (const other of cell.near) {
          if (other.coreCount === 0 || cell.links.includes(other)) continue;
          if (this.touchAdded(cell, other)) {
            cell.links.push(other);
            other.links.push(cell);
            this.relabel = true;
          }
        }
        cell.coreAdded.length = 0;
      }
    }
  }

  /** Whether one of the core points `cell` gained since its last refresh is within radius of a core point of `other`. */
  private touchAdded(cell: Cell, other: Cell): boolean {
    for (const p of cell.coreAdded) {
      if (!this.core[p] || this.cellOf[p] !== cell || this.boxDistance2(p, other) > this.radius2) continue;
      for (const q of other.members) if (this.core[q] && this.distance2(p, q) <= this.radius2) return true;
    }
    return false;
  }

  private extendCoreBox(cell: Cell): void {
    const d = this.dim;
    for (const p of cell.coreAdded) {
      if (!this.core[p] || this.cellOf[p] !== cell) continue;
      const o = p * d;
      for (let i = 0; i < d; i++) {
        const x = this.coords[o + i]!;
        if (x < cell.coreMin[i]!) cell.coreMin[i] = x;
        if (x > cell.coreMax[i]!) cell.coreMax[i] = x;
      }
    }
  }

  /** Whether some core point of `a` is within radius of some core point of `b`. */
  private touch(a: Cell, b: Cell): boolean {
    const d = this.dim;
    // boxes farther apart than radius cannot touch
    let gap2 = 0;
    for (let i = 0; i < d; i++) {
      const g = Math.max(a.coreMin[i]! - b.coreMax[i]!, b.coreMin[i]! - a.coreMax[i]!, 0);
      gap2 += g * g;
    }
    if (gap2 > this.radius2) return false;
    for (const p of a.members) {
      if (!this.core[p]) continue;
      // skip points of `a` farther than radius from b's core box: no pair with them can touch
      if (this.boxDistance2(p, b) > this.radius2) continue;
      for (const q of b.members) if (this.core[q] && this.distance2(p, q) <= this.radius2) return true;
    }
    return false;
  }

  /** Squared distance from point `p` to the core box of `cell`. */
  private boxDistance2(p: number, cell: Cell): number {
    const d = this.dim;
    const o = p * d;
    let s = 0;
    for (let i = 0; i < d; i++) {
      const x = this.coords[o + i]!;
      const g = x < cell.coreMin[i]! ? cell.coreMin[i]! - x : x > cell.coreMax[i]! ? x - cell.coreMax[i]! : 0;
      s += g * g;
    }
    return s;
  }

  private coreBox(cell: Cell): void {
    const d = this.dim;
    cell.coreMin.fill(Infinity);
    cell.coreMax.fill(-Infinity);
    for (const p of cell.members) {
      if (!this.core[p]) continue;
      const o = p * d;
      for (let i = 0; i < d; i++) {
        const x = this.coords[o + i]!;
        if (x < cell.coreMin[i]!) cell.coreMin[i] = x;
        if (x > cell.coreMax[i]!) cell.coreMax[i] = x;
      }
    }
  }

  private buildClusters(): Cluster[] {
    if (this.relabel) this.labelClusters();
    const d = this.dim;
    const clusters: { count: number; min: number[]; max: number[] }[] = [];
    for (let k = 0; k < this.clusterCount; k++) {
      clusters.push({ count: 0, min: new Array<number>(d).fill(Infinity), max: new Array<number>(d).fill(-Infinity) });
    }
    for (const cell of this.coreCells) {
      const c = clusters[cell.cluster]!;
      c.count += cell.coreCount;
      for (let i = 0; i < d; i++) {
        if (cell.coreMin[i]! < c.min[i]!) c.min[i] = cell.coreMin[i]!;
        if (cell.coreMax[i]! > c.max[i]!) c.max[i] = cell.coreMax[i]!;
      }
    }
    for (let j = 0; j < this.borderCount; j++) {
      const b = this.border[j]!;
      const a = this.anchorOf(b);
      const c = clusters[this.cellOf[a]!.cluster]!;
      c.count++;
      const o = b * d;
      for (let i = 0; i < d; i++) {
        const x = this.coords[o + i]!;
        if (x < c.min[i]!) c.min[i] = x;
        if (x > c.max[i]!) c.max[i] = x;
      }
    }
    return clusters;
  }

  /** Numbers the connected groups of linked cells: the clusters' core points. */
  private labelClusters(): void {
    const mark = ++this.round;
    const stack: Cell[] = [];
    let id = 0;
    for (const start of this.coreCells) {
      if (start.mark === mark) continue;
      start.mark = mark;
      stack.push(start);
      while (stack.length > 0) {
        const cell = stack.pop()!;
        cell.cluster = id;
        for (const other of cell.links) {
          if (other.mark === mark) continue;
          other.mark = mark;
          stack.push(other);
        }
      }
      id++;
    }
    this.clusterCount = id;
    this.relabel = false;
  }

  /** The border point's anchor: its previous one while still a core point in the window, else the first found. */
  private anchorOf(b: number): number {
    const a = this.anchor[b]!;
    if (a >= 0 && this.alive[a] && this.core[a] && this.seq[a] === this.anchorSeq[b]) return a;
    const cell = this.cellOf[b]!;
    for (const q of cell.members) if (this.core[q]) return this.setAnchor(b, q);
    for (const other of cell.near) {
      if (other.coreCount === 0) continue;
      for (const q of other.members) if (this.core[q] && this.distance2(b, q) <= this.radius2) return this.setAnchor(b, q);
    }
    throw new Error('border point without a core neighbour');
  }

  private setAnchor(b: number, a: number): number {
    this.anchor[b] = a;
    this.anchorSeq[b] = this.seq[a]!;
    return a;
  }

  private distance2(a: number, b: number): number {
    const d = this.dim;
    const oa = a * d;
    const ob = b * d;
    let s = 0;
    for (let i = 0; i < d; i++) {
      const diff = this.coords[oa + i]! - this.coords[ob + i]!;
      s += diff * diff;
    }
    return s;
  }
}
