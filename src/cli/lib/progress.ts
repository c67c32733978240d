/**
 * Live progress on stderr, only when it is a terminal: a bar with records, bytes, rate and ETA when the total is
 * known (cli-progress), a counter line otherwise. Either way a one-line summary at the end.
 */
import cliProgress from 'cli-progress';
import { err as colors, formatBytes, formatDuration } from './output.js';

export interface Progress {
  /** Records and bytes done so far; `fraction` (0..1) when the amount of work is known. */
  update(records: number, bytes: number, fraction?: number): void;
  stop(): void;
}

export function startProgress(label: string, opts: { bar: boolean; enabled?: boolean } = { bar: false }): Progress {
  const enabled = opts.enabled ?? process.stderr.isTTY === true;
  if (!enabled) return { update() {}, stop() {} };
  const started = Date.now();
  const payload = (records: number, bytes: number) => {
    const secs = Math.max(0.001, (Date.now() - started) / 1000);
    return {
      label,
      records: records.toLocaleString('en-US'),
      bytes: formatBytes(bytes),
      rate: `${Math.round(records / secs).toLocaleString('en-US')} rec/s, ${formatBytes(bytes / secs)}/s`,
    };
  };
  if (opts.bar) {
    const bar = new cliProgress.SingleBar(
      {
        format: `{label} ${colors.cyan('{bar}')} {percentage}% | {records} records | {bytes} | {rate} | ETA {eta_formatted}`,
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
        stream: process.stderr,
        fps: 10,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1000, 0, payload(0, 0));
    return {
      update(records, bytes, fraction) {
        bar.update(Math.round(Math.min(1, Math.max(0, fraction ?? 0)) * 1000), payload(records, bytes));
      },
      stop() {
        bar.stop();
      },
    };
  }
  let last = 0;
  let pending: { records: number; bytes: number } | undefined;
  const draw = (records: number, bytes: number): void => {
    const p = payload(records, bytes);
    process.stderr.write(`\r\x1b[2K${p.label} ${colors.bold(p.records)} records | ${p.bytes} | ${p.rate} | ${formatDuration(Date.now() - started)}`);
  };
  const timer = setInterval(() => pending && draw(pending.records, pending.bytes), 250);
  timer.unref();
  return {
    update(records, bytes) {
      pending = { records, bytes };
      if (Date.now() - last > 100) {
        last = Date.now();
        draw(records, bytes);
      }
    },
    stop() {
      clearInterval(timer);
      process.stderr.write('\r\x1b[2K');
    },
  };
}
