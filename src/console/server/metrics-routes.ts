/**
 * The metrics' HTTP faces: `/console/api/metrics` (JSON series for the console's charts),
 * `/console/api/metrics/live` (server-sent events, one message per second with the second just completed) and
 * `/metrics` (Prometheus text exposition of the running totals).
 */
import type { HttpRoute, ResponseLike } from '../../server/http-types.js';
import { HISTORY_SECONDS, nowSecond, type SecondPoint, type StreamMetrics } from './stream-metrics.js';

export interface MetricsRoutes {
  routes: HttpRoute[];
  /** Ends the live streams and stops the ticker, so the server can close. */
  close(): void;
}

/** A comment line every 15 s keeps proxies from dropping an idle event stream. */
const KEEPALIVE_SECONDS = 15;

export function metricsRoutes(metrics: StreamMetrics): MetricsRoutes {
  const listeners = new Set<ResponseLike>();
  let ticker: NodeJS.Timeout | undefined;
  let ticks = 0;

  const tick = (): void => {
    const second = nowSecond() - 1;
    const streams: Record<string, SecondPoint> = {};
    for (const name of metrics.streams()) streams[name] = metrics.at(name, second);
    const message = `data: ${JSON.stringify({ t: second, streams })}\n\n`;
    ticks++;
    for (const res of listeners) {
      res.write(message);
      if (ticks % KEEPALIVE_SECONDS === 0) res.write(': keepalive\n\n');
    }
  };

  const json: HttpRoute = {
    path: '/console/api/metrics',
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://x');
      const seconds = Math.max(1, Math.min(HISTORY_SECONDS, Number(url.searchParams.get('seconds')) || HISTORY_SECONDS));
      const only = url.searchParams.get('stream');
      const streams: Record<string, unknown> = {};
      // A stream asked for by name gets its (zero) series even before its first record, so charts start full.
      for (const name of only ? [only] : metrics.streams()) {
        const totals = metrics.totals(name) ?? { incomingRecords: 0, incomingBytes: 0, getRecordsRecords: 0, iteratorAgeMs: 0 };
        streams[name] = { series: metrics.series(name, seconds), totals };
      }
      const body = JSON.stringify({ resolutionSeconds: 1, streams });
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      res.end(body);
    },
  };

  const live: HttpRoute = {
    path: '/console/api/metrics/live',
    handle(req, raw) {
      const res = raw as unknown as ResponseLike;
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/event-stream');
      res.setHeader('Cache-Control', 'no-store');
      // Browsers reconnect after `retry` ms when the server goes away.
      res.write('retry: 2000\n\n');
      listeners.add(res);
      ticker ??= setInterval(tick, 1000);
      req.once('close', () => {
        listeners.delete(res);
        if (listeners.size === 0 && ticker) {
          clearInterval(ticker);
          ticker = undefined;
        }
      });
    },
  };

  const prometheus: HttpRoute = {
    path: '/metrics',
    handle(_req, res) {
      const families: [string, string, 'counter' | 'gauge', keyof NonNullable<ReturnType<StreamMetrics['totals']>>][] = [
        ['freshet_incoming_records_total', 'Records accepted by PutRecord and PutRecords.', 'counter', 'incomingRecords'],
        ['freshet_incoming_bytes_total', 'Bytes (data and partition keys) accepted by PutRecord and PutRecords.', 'counter', 'incomingBytes'],
        ['freshet_get_records_records_total', 'Records returned by GetRecords.', 'counter', 'getRecordsRecords'],
        ['freshet_iterator_age_milliseconds', 'MillisBehindLatest of the last GetRecords answer.', 'gauge', 'iteratorAgeMs'],
      ];
      const lines: string[] = [];
      for (const [name, help, type, key] of families) {
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
        for (const stream of metrics.streams()) lines.push(`${name}{stream="${escapeLabel(stream)}"} ${metrics.totals(stream)![key]}`);
      }
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
      res.end(lines.join('\n') + '\n');
    },
  };

  return {
    routes: [json, live, prometheus],
    close() {
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      for (const res of listeners) res.end();
      listeners.clear();
    },
  };
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
