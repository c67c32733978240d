/** Nearest-rank percentiles of latency samples (ms). */
export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(samples: number[]): LatencySummary | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { samples: sorted.length, p50: at(50), p99: at(99), max: sorted[sorted.length - 1]! };
}
