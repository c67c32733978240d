/**
 * GROUP_RANK (SR "GROUP_RANK"): rows sharing a ROWTIME form a group, held until the ROWTIME moves on (or maxIdle ms
 * pass); the group is ranked on one column and emitted with the rank in `rankOut`, in the requested order, at most
 * `outputMax` rows (0: all). Equal values share a rank.
 */
import type { Row } from '../../plan/bound-expr.js';
import type { OperatorEnv } from '../operator-env.js';
import type { Sink, Timed } from '../sink.js';

export interface GroupRankConfig {
  readonly rankBy: string;
  readonly rankOut: string;
  readonly sortDesc: boolean;
  readonly outputDesc: boolean;
  readonly maxIdleMs: number;
  readonly outputMax: number;
}

export class GroupRank implements Sink, Timed {
  private group: Row[] = [];
  private groupTime = 0;

  constructor(
    private readonly out: Sink,
    env: OperatorEnv,
    private readonly cfg: GroupRankConfig,
  ) {
    env.timed(this);
  }

  push(row: Row, rowtime: number): void {
    if (this.group.length && rowtime !== this.groupTime) this.flush();
    this.groupTime = rowtime;
    this.group.push(row);
  }

  bound(t: number): void {
    if (this.group.length && (t > this.groupTime || t >= this.groupTime + this.cfg.maxIdleMs)) this.flush();
    this.out.bound(t);
  }

  nextDeadline(): number | undefined {
    return this.group.length ? this.groupTime + 1 : undefined;
  }

  private flush(): void {
    const { rankBy, rankOut, sortDesc, outputDesc, outputMax } = this.cfg;
    const rows = this.group;
    this.group = [];
    const cmp = (a: Row, b: Row): number => {
      const x = a[rankBy] ?? null;
      const y = b[rankBy] ?? null;
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = (x as number) < (y as number) ? -1 : 1;
      return sortDesc ? -c : c;
    };
    const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => cmp(a.r, b.r) || a.i - b.i);
    let rank = 0;
    const ranked = sorted.map((x, i) => {
      if (i === 0 || cmp(sorted[i - 1]!.r, x.r) !== 0) rank = i + 1;
      return { ...x.r, [rankOut]: rank };
    });
    if (outputDesc) ranked.reverse();
    const limited = outputMax > 0 ? ranked.slice(0, outputMax) : ranked;
    for (const r of limited) this.out.push(r, this.groupTime);
  }
}
