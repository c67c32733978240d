/**
 * A per-stream budget of records per second for direct puts (off unless configured; AWS's quota varies by region
 * and account). Budgets refill at each whole second.
 */
import { AwsError } from '../../server/service.js';

export class RecordThrottle {
  private readonly used = new Map<string, { second: number; count: number }>();

  constructor(
    private readonly recordsPerSecond: number | undefined,
    private readonly now: () => number,
  ) {}

  take(streamId: string, count: number, partial = false): number {
    if (this.recordsPerSecond === undefined) return count;
    const second = Math.floor(this.now() / 1000);
    let u = this.used.get(streamId);
    if (!u || u.second !== second) {
      u = { second, count: 0 };
      this.used.set(streamId, u);
    }
    const free = Math.max(0, this.recordsPerSecond - u.count);
    const granted = Math.min(free, count);
    if (!partial && granted < count) throw new AwsError('ServiceUnavailableException', 'Slow down.', 503);
    u.count += granted;
    return granted;
  }
}
