/**
 * Monitoring: a stream's metrics at 1-second resolution over the last two minutes — records in and out, bytes in,
 * iterator age — loaded from /console/api/metrics and kept live by the server's event stream.
 */
import { useEffect, useState } from 'preact/hooks';
import { Chart } from './chart.js';
import { listStreams } from './aws.js';
import { useAsync } from './use-async.js';

const WINDOW_SECONDS = 120;

interface Series {
  t: number[];
  incomingRecords: number[];
  incomingBytes: number[];
  getRecordsRecords: number[];
  iteratorAgeMs: number[];
}
type Point = { incomingRecords: number; incomingBytes: number; getRecordsRecords: number; iteratorAgeMs: number };

const empty = (): Series => ({ t: [], incomingRecords: [], incomingBytes: [], getRecordsRecords: [], iteratorAgeMs: [] });

export function MonitoringPage() {
  const streams = useAsync(listStreams);
  const [stream, setStream] = useState<string>();
  const [series, setSeries] = useState<Series>(empty);
  const [live, setLive] = useState(false);
  const chosen = stream ?? streams.value?.[0]?.StreamName;

  useEffect(() => {
    if (!chosen) return;
    let closed = false;
    setSeries(empty());
    const source = new EventSource('/console/api/metrics/live');
    // History first, then live seconds newer than its last one.
    fetch(`/console/api/metrics?seconds=${WINDOW_SECONDS}&stream=${encodeURIComponent(chosen)}`)
      .then((r) => r.json())
      .then((body) => {
        if (closed) return;
        const history: Series = body.streams[chosen]?.series ?? empty();
        setSeries((current) => merge(history, current));
      });
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.onmessage = (e) => {
      const msg = JSON.parse(e.data) as { t: number; streams: Record<string, Point> };
      const p = msg.streams[chosen] ?? { incomingRecords: 0, incomingBytes: 0, getRecordsRecords: 0, iteratorAgeMs: -1 };
      setSeries((current) => append(current, msg.t, p));
    };
    return () => {
      closed = true;
      source.close();
    };
  }, [chosen]);

  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const ages = series.iteratorAgeMs.map((v) => (v < 0 ? null : v));
  return (
    <section>
      <h1>Monitoring</h1>
      <div class="row">
        <select name="stream" value={chosen} onChange={(e) => setStream(e.currentTarget.value)}>
          {streams.value?.map((s) => <option key={s.StreamName}>{s.StreamName}</option>)}
        </select>
        <span class={live ? 'live on' : 'live'} id="live-indicator">{live ? '● live' : '○ connecting'}</span>
        <span class="muted">1-second resolution, last {WINDOW_SECONDS / 60} minutes · Prometheus text at <a href="/metrics">/metrics</a></span>
      </div>
      {streams.value?.length === 0 && <p class="empty">No streams yet.</p>}
      {chosen && (
        <div
          id="monitoring-charts"
          data-seconds={series.t.length}
          data-incoming-records={sum(series.incomingRecords)}
          data-get-records-records={sum(series.getRecordsRecords)}
        >
          <Chart id="chart-records" title="Records per second" t={series.t} lines={[
            { label: 'IncomingRecords', values: series.incomingRecords, color: '#2a7ae2' },
            { label: 'GetRecords.Records', values: series.getRecordsRecords, color: '#e2762a' },
          ]} />
          <Chart id="chart-bytes" title="IncomingBytes per second" t={series.t} lines={[{ label: 'IncomingBytes', values: series.incomingBytes, color: '#2aa876' }]} />
          <Chart id="chart-iterator-age" title="Iterator age (ms)" t={series.t} lines={[{ label: 'IteratorAgeMilliseconds', values: ages, color: '#a82a8e' }]} />
        </div>
      )}
    </section>
  );
}

function merge(history: Series, live: Series): Series {
  const last = history.t[history.t.length - 1] ?? -Infinity;
  let out = history;
  live.t.forEach((t, i) => {
    if (t > last) out = append(out, t, { incomingRecords: live.incomingRecords[i]!, incomingBytes: live.incomingBytes[i]!, getRecordsRecords: live.getRecordsRecords[i]!, iteratorAgeMs: live.iteratorAgeMs[i]! });
  });
  return out;
}

function append(s: Series, t: number, p: Point): Series {
  if (s.t.length > 0 && t <= s.t[s.t.length - 1]!) return s;
  const keep = <T,>(xs: T[], x: T) => [...xs, x].slice(-WINDOW_SECONDS);
  return {
    t: keep(s.t, t),
    incomingRecords: keep(s.incomingRecords, p.incomingRecords),
    incomingBytes: keep(s.incomingBytes, p.incomingBytes),
    getRecordsRecords: keep(s.getRecordsRecords, p.getRecordsRecords),
    iteratorAgeMs: keep(s.iteratorAgeMs, p.iteratorAgeMs),
  };
}
