/**
 * The producing half of a put→get latency measurement: one PutRecord every `intervalMs` (an open loop: a slow
 * answer does not delay the next send), remembering when each id was sent. Consumers report arrivals with
 * `arrived`; a record's latency is arrival minus send time, both on this process's monotonic clock.
 */
import type { KinesisTransport } from '../client/transport.js';
import { payloadId, putRecordBody } from '../data/records.js';
import { summarize, type LatencySummary } from '../report/percentiles.js';
import { ErrorTally } from './error-tally.js';

export class LatencyProbe {
  private readonly sentAt: Float64Array;
  private readonly latencies: number[] = [];
  private received = 0;
  readonly tally = new ErrorTally();
  private allArrived?: () => void;

  constructor(
    private readonly firstId: number,
    readonly count: number,
  ) {
    this.sentAt = new Float64Array(count).fill(NaN);
  }

  /** Called by a consumer for every record payload it sees. */
  arrived(payload: Uint8Array): void {
    const now = performance.now();
    const id = payloadId(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)) - this.firstId;
    if (id < 0 || id >= this.count || Number.isNaN(this.sentAt[id]!)) return;
    this.latencies.push(now - this.sentAt[id]!);
    this.sentAt[id] = NaN;
    if (++this.received === this.count) this.allArrived?.();
  }

  async produce(transport: KinesisTransport, stream: string, intervalMs: number): Promise<void> {
    const bodies = Array.from({ length: this.count }, (_, i) => putRecordBody(stream, this.firstId + i));
    const t0 = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < this.count; i++) {
      const wait = t0 + i * intervalMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.sentAt[i] = performance.now();
      inFlight.push(
        transport.send('PutRecord', bodies[i]!).then(
          (res) => {
            if (res.status !== 200) this.tally.addResponse(res.status, res.body);
          },
          (err: Error) => this.tally.add(err.message),
        ),
      );
    }
    await Promise.all(inFlight);
  }

  /** Resolves when every record arrived or `graceMs` passed. */
  async waitForArrivals(graceMs: number): Promise<void> {
    if (this.received === this.count) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs);
      this.allArrived = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  result(): { latency?: LatencySummary; lost: number; errors: number; errorSamples: string[] } {
    const lost = this.count - this.received;
    if (lost > 0) this.tally.add(`${lost} of ${this.count} records never arrived`, lost);
    return { latency: summarize(this.latencies), lost, errors: this.tally.count, errorSamples: this.tally.samples };
  }
}
