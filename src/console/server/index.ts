/**
 * The web console's server side: its static files, its metrics API and the Kinesis metering that feeds it.
 * `startFreshet` wraps the Kinesis service with `meter` and serves `routes`.
 */
import type { HttpRoute } from '../../server/http-types.js';
import type { AwsJsonService } from '../../server/service.js';
import { meterKinesis } from './metered-kinesis.js';
import { metricsRoutes } from './metrics-routes.js';
import { consoleStaticRoutes } from './static-route.js';
import { StreamMetrics } from './stream-metrics.js';

export interface ConsoleServer {
  meter(kinesis: AwsJsonService): AwsJsonService;
  routes: HttpRoute[];
  close(): void;
}

export function createConsoleServer(): ConsoleServer {
  const metrics = new StreamMetrics();
  const api = metricsRoutes(metrics);
  return {
    meter: (kinesis) => meterKinesis(kinesis, metrics),
    // The API's exact paths are listed before the static prefix route.
    routes: [...api.routes, ...consoleStaticRoutes()],
    close: () => api.close(),
  };
}
