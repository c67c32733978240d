/**
 * A token bucket refilled continuously at `ratePerSecond`, holding at most one second's worth. It may go into debt:
 * a request larger than what is left passes when the bucket is full (so one record as large as the bucket still gets
 * through), and reads take their cost only once their size is known; the debt then throttles the next calls, the
 * way AWS throttles the seconds after a 10 MiB GetRecords.
 */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    readonly ratePerSecond: number,
    nowMs = Date.now(),
  ) {
    this.tokens = ratePerSecond;
    this.lastMs = nowMs;
  }

  private refill(nowMs: number): void {
    const elapsed = nowMs - this.lastMs;
    if (elapsed > 0) {
      this.tokens = Math.min(this.ratePerSecond, this.tokens + (elapsed * this.ratePerSecond) / 1000);
      this.lastMs = nowMs;
    }
  }

  /** Whether `amount` can be taken now (without taking it). */
  canTake(amount: number, nowMs = Date.now()): boolean {
    this.refill(nowMs);
    return this.tokens >= amount || this.tokens >= this.ratePerSecond;
  }

  /** Takes `amount` if it can be taken now; false (nothing taken) otherwise. */
  tryTake(amount: number, nowMs = Date.now()): boolean {
    if (!this.canTake(amount, nowMs)) return false;
    this.tokens -= amount;
    return true;
  }

  /** Whether anything is left (reads check this before they know their size). */
  hasTokens(nowMs = Date.now()): boolean {
    this.refill(nowMs);
    return this.tokens > 0;
  }

  /** Takes `amount` unconditionally (may leave the bucket in debt). */
  charge(amount: number, nowMs = Date.now()): void {
    this.refill(nowMs);
    this.tokens -= amount;
  }
}
