/** The targets Freshet must meet in the same run, judged from the measured results. */
import { TARGETS, WORKLOAD } from '../config.js';
import type { ServerResult } from '../server-suite.js';

export interface TargetVerdict {
  target: string;
  measured: string;
  pass: boolean;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : NaN);

export function judgeTargets(freshet: ServerResult | undefined, kinesalite: ServerResult | undefined): TargetVerdict[] {
  if (!freshet) return [];
  const verdicts: TargetVerdict[] = [];
  const vsKinesalite = (target: string, mine: number, theirs: number | undefined, needed: number, clean: boolean): void => {
    if (theirs === undefined) {
      verdicts.push({ target, measured: 'kinesalite not run', pass: false });
      return;
    }
    const r = ratio(mine, theirs);
    verdicts.push({ target, measured: `${r.toFixed(1)}×${clean ? '' : ' (run had errors)'}`, pass: clean && r >= needed });
  };
  vsKinesalite(
    `PutRecords ≥ ${TARGETS.putRecordsRatio}× kinesalite`,
    freshet.putRecords.perSecond,
    kinesalite?.putRecords.perSecond,
    TARGETS.putRecordsRatio,
    freshet.putRecords.errors === 0,
  );
  vsKinesalite(
    `PutRecord ≥ ${TARGETS.putRecordRatio}× kinesalite`,
    freshet.putRecord.perSecond,
    kinesalite?.putRecord.perSecond,
    TARGETS.putRecordRatio,
    freshet.putRecord.errors === 0,
  );
  vsKinesalite(
    `GetRecords ≥ ${TARGETS.getRecordsRatio}× kinesalite`,
    freshet.read.perSecond,
    kinesalite?.read.perSecond,
    TARGETS.getRecordsRatio,
    freshet.read.errors === 0 && freshet.read.check.exact,
  );
  const sub = freshet.subscribeLatency;
  verdicts.push({
    target: `SubscribeToShard put→get p99 ≤ ${TARGETS.subscribeP99Ms} ms`,
    measured: sub.latency ? `${sub.latency.p99.toFixed(2)} ms${sub.errors ? ` (${sub.errors} errors)` : ''}` : `none: ${sub.unavailable ?? 'no samples'}`,
    pass: sub.latency !== undefined && sub.errors === 0 && sub.latency.p99 <= TARGETS.subscribeP99Ms,
  });
  const rss = freshet.rssAfterMillionMiB;
  // Variants that skip the memory phase (--sync none) are judged on throughput and latency only.
  if (rss === undefined && freshet.server !== 'Freshet') return verdicts;
  verdicts.push({
    target: `RSS ≤ ${TARGETS.rssMiBAfterMillion} MiB after ${WORKLOAD.storedRecordsForRss.toLocaleString('en-US')} records`,
    measured: rss === undefined ? 'not measured' : `${rss.toFixed(0)} MiB with ${freshet.storedForRss?.toLocaleString('en-US')} records stored`,
    pass:
      rss !== undefined &&
      rss <= TARGETS.rssMiBAfterMillion &&
      freshet.storedForRss === WORKLOAD.storedRecordsForRss &&
      (freshet.loadToMillion?.errors ?? 1) === 0,
  });
  return verdicts;
}

/** The memory target on the compiled build (what `npx freshet serve` runs), as a second reading. */
export function compiledRssVerdict(m: { rssMiB: number; storedRecords: number; errors: number }): TargetVerdict {
  return {
    target: `RSS ≤ ${TARGETS.rssMiBAfterMillion} MiB after ${WORKLOAD.storedRecordsForRss.toLocaleString('en-US')} records, compiled build`,
    measured: `${m.rssMiB.toFixed(0)} MiB with ${m.storedRecords.toLocaleString('en-US')} records stored`,
    pass: m.rssMiB <= TARGETS.rssMiBAfterMillion && m.storedRecords === WORKLOAD.storedRecordsForRss && m.errors === 0,
  };
}
