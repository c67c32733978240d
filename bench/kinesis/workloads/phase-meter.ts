/** Wall time, load-generator CPU and server CPU over one phase, so the report can show who was busy. */
import { cpuSeconds } from '../servers/proc-stats.js';

export interface PhaseUsage {
  seconds: number;
  /** CPU of the benchmark process, in % of one core. */
  clientCpuPct: number;
  /** CPU of the server process, in % of one core. */
  serverCpuPct: number;
}

export function startMeter(serverPid: number): () => PhaseUsage {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const s0 = cpuSeconds(serverPid);
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const clientCpu = (c.user + c.system) / 1e6;
    const serverCpu = cpuSeconds(serverPid) - s0;
    return { seconds, clientCpuPct: (100 * clientCpu) / seconds, serverCpuPct: (100 * serverCpu) / seconds };
  };
}
