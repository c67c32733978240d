/**
 * Timing defaults from the environment (`FRESHET_ANALYTICS_TICK_MS`, `…_POLL_MS`, `…_TRANSITION_MS`), so a
 * `freshet serve` or `freshet app run` child process can run on a fast clock too.
 */
export function envMs(name: 'TICK' | 'POLL' | 'TRANSITION'): number | undefined {
  const v = Number(process.env[`FRESHET_ANALYTICS_${name}_MS`]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}
