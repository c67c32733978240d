/** Pauses between retries: exponential backoff with full jitter (AWS's recommendation for throttled callers). */

/** Uniform in [0, min(5 s, 100 ms · 2^attempt)). */
export function backoffMs(attempt: number): number {
  return Math.random() * Math.min(5000, 100 * 2 ** attempt);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((res) => setTimeout(res, ms));
}
