/** The side-by-side table: absolute figures per server and Freshet ÷ peer ratios. */
import { WORKLOAD } from '../config.js';
import type { LatencyResult, ServerResult } from '../server-suite.js';
import type { TargetVerdict } from './targets.js';
import type { FullReadResult } from '../workloads/full-read.js';

type Cell = number | string | undefined;

interface Row {
  label: string;
  unit: string;
  value: (r: ServerResult) => Cell;
  /** Figures are comparable as a ratio (latencies and memory: lower is better). */
  ratio: boolean;
}

const fmt = (v: Cell): string => {
  if (v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return 'n/a';
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return v.toFixed(v >= 10 ? 1 : 2);
};

const lat = (l: LatencyResult, pick: 'p50' | 'p99'): Cell => (l.latency ? l.latency[pick] : 'n/a');

const withErrors = (n: number, errors: number): Cell => (errors > 0 ? `${fmt(n)} (${errors} err)` : n);

/** A read of fewer records than the others (capped load) is shown but not turned into a ratio. */
const readFigure = (r: ServerResult, read: FullReadResult): Cell =>
  r.load200k.capped ? `${fmt(read.perSecond)} (${read.records.toLocaleString('en-US')} rec)` : withErrors(read.perSecond, read.errors);

function rows(): Row[] {
  const w = WORKLOAD;
  return [
    { label: `PutRecords ${w.putRecordsBatch}×${w.recordBytes} B, ${w.writers} clients, ${w.putRecordsSeconds} s`, unit: 'rec/s', ratio: true, value: (r) => withErrors(r.putRecords.perSecond, r.putRecords.errors) },
    { label: `PutRecord, ${w.writers} clients, ${w.putRecordSeconds} s`, unit: 'calls/s', ratio: true, value: (r) => withErrors(r.putRecord.perSecond, r.putRecord.errors) },
    { label: `GetRecords full read ${w.readRecords.toLocaleString('en-US')} (Limit ${w.getRecordsLimit}, ${w.shardCount} shards)`, unit: 'rec/s', ratio: true, value: (r) => readFigure(r, r.read) },
    {
      label: '  records stored and read back',
      unit: '',
      ratio: false,
      value: (r) => `${r.load200k.records.toLocaleString('en-US')}${r.load200k.capped ? ` (load stopped at ${r.load200k.seconds.toFixed(0)} s)` : ''}, ${r.read.check.exact ? 'exact' : 'NOT exact'}`,
    },
    { label: 'put→get p50, GetRecords polling', unit: 'ms', ratio: true, value: (r) => lat(r.pollingLatency, 'p50') },
    { label: 'put→get p99, GetRecords polling', unit: 'ms', ratio: true, value: (r) => lat(r.pollingLatency, 'p99') },
    { label: 'put→get p50, SubscribeToShard', unit: 'ms', ratio: true, value: (r) => lat(r.subscribeLatency, 'p50') },
    { label: 'put→get p99, SubscribeToShard', unit: 'ms', ratio: true, value: (r) => lat(r.subscribeLatency, 'p99') },
    { label: `RSS after the records above are stored`, unit: 'MiB', ratio: true, value: (r) => (r.load200k.capped ? `${fmt(r.rssAfter200kMiB)} (fewer records)` : r.rssAfter200kMiB) },
    { label: `RSS after ${w.storedRecordsForRss.toLocaleString('en-US')} records`, unit: 'MiB', ratio: false, value: (r) => r.rssAfterMillionMiB },
    { label: 'RSS at the end of the run', unit: 'MiB', ratio: false, value: (r) => r.rssAtEndMiB },
    { label: 'HTTP/2 (h2c): PutRecords', unit: 'rec/s', ratio: true, value: (r) => (r.putRecordsH2 ? withErrors(r.putRecordsH2.perSecond, r.putRecordsH2.errors) : 'n/a') },
    { label: 'HTTP/2 (h2c): PutRecord', unit: 'calls/s', ratio: true, value: (r) => (r.putRecordH2 ? withErrors(r.putRecordH2.perSecond, r.putRecordH2.errors) : 'n/a') },
    { label: 'HTTP/2 (h2c): GetRecords full read', unit: 'rec/s', ratio: true, value: (r) => (r.readH2 ? readFigure(r, r.readH2) : 'n/a') },
    { label: `PutRecords load of the ${w.readRecords.toLocaleString('en-US')} records`, unit: 'rec/s', ratio: true, value: (r) => withErrors(r.load200k.perSecond, r.load200k.errors) },
  ];
}

function markdownTable(header: string[], body: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...body.map(line)].join('\n');
}

export function resultsTable(results: ServerResult[]): string {
  const freshet = results.find((r) => r.server === 'Freshet');
  const peers = results.filter((r) => !r.server.startsWith('Freshet'));
  const header = ['measurement', 'unit', ...results.map((r) => r.server), ...(freshet ? peers.map((p) => `Freshet/${p.server}`) : [])];
  const body = rows().map((row) => {
    const cells = results.map((r) => fmt(row.value(r)));
    const ratios = freshet
      ? peers.map((p) => {
          const a = row.value(freshet);
          const b = row.value(p);
          if (!row.ratio || typeof a !== 'number' || typeof b !== 'number' || !(b > 0)) return '–';
          const r = a / b;
          return `${r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×`;
        })
      : [];
    return [row.label, row.unit, ...cells, ...ratios];
  });
  return markdownTable(header, body);
}

/** Who was busy during each throughput phase: the load generator must not be the bottleneck. */
export function cpuTable(results: ServerResult[]): string {
  const phases: [string, (r: ServerResult) => { clientCpuPct: number; serverCpuPct: number } | undefined][] = [
    ['PutRecords HTTP/1.1', (r) => r.putRecords],
    ['PutRecord HTTP/1.1', (r) => r.putRecord],
    ['GetRecords read HTTP/1.1', (r) => r.read],
    ['PutRecords h2c', (r) => r.putRecordsH2],
    ['PutRecord h2c', (r) => r.putRecordH2],
    ['GetRecords read h2c', (r) => r.readH2],
  ];
  const header = ['CPU % of one core (client / server)', ...results.map((r) => r.server)];
  const body = phases.map(([label, pick]) => [
    label,
    ...results.map((r) => {
      const u = pick(r);
      return u ? `${u.clientCpuPct.toFixed(0)} / ${u.serverCpuPct.toFixed(0)}` : '–';
    }),
  ]);
  return markdownTable(header, body);
}

export function targetsTable(verdicts: TargetVerdict[]): string {
  return markdownTable(['target', 'measured', 'verdict'], verdicts.map((v) => [v.target, v.measured, v.pass ? 'PASS' : 'FAIL']));
}

export function errorReport(results: ServerResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const phases = {
      load200k: r.load200k,
      read: r.read,
      readH2: r.readH2,
      loadToMillion: r.loadToMillion,
      pollingLatency: r.pollingLatency,
      subscribeLatency: r.subscribeLatency,
      putRecord: r.putRecord,
      putRecordH2: r.putRecordH2,
      putRecords: r.putRecords,
      putRecordsH2: r.putRecordsH2,
    };
    for (const [phase, res] of Object.entries(phases)) {
      if (phase === 'subscribeLatency' && r.subscribeLatency.unavailable) continue; // reported as n/a with its reason
      if (res && res.errors > 0) lines.push(`${r.server} ${phase}: ${res.errors} errors, e.g. ${res.errorSamples.join(' | ')}`);
    }
  }
  return lines;
}
