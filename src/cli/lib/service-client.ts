/**
 * Clients for the other services on the endpoint (Kinesis Analytics, Firehose), configured exactly like the
 * stream commands' Kinesis client: same endpoint resolution, region and credentials, one-line errors.
 */
import { credentialProvider } from './credentials.js';
import { isLocalEndpoint, resolveEndpoint, type ServiceId } from './endpoint.js';
import { resolveRegion, type ConnectionFlags } from './client.js';
import { describeError } from './errors.js';

export interface ServiceClientConfig {
  region: string;
  credentials: ReturnType<typeof credentialProvider>;
  maxAttempts: number;
  endpoint?: string;
}

export interface ServiceContext<C> {
  client: C;
  region: string;
  local: boolean;
  /** The endpoint for messages: its URL, or "AWS (region)". */
  where: string;
  /** The endpoint's URL when one is configured (the region's AWS endpoint otherwise). */
  endpointUrl: string | undefined;
}

export async function withService<C extends { destroy(): void }, T>(
  flags: ConnectionFlags,
  service: ServiceId,
  make: (config: ServiceClientConfig) => C,
  fn: (ctx: ServiceContext<C>) => Promise<T>,
): Promise<T> {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const endpoint = await resolveEndpoint(flags.endpointUrl, flags.profile, service);
  const local = isLocalEndpoint(endpoint.url);
  const region = await resolveRegion(flags, local);
  const client = make({
    region,
    credentials: credentialProvider(flags.profile, local),
    maxAttempts: 3,
    ...(endpoint.url ? { endpoint: endpoint.url } : {}),
  });
  const where = endpoint.url ?? `AWS (${region})`;
  try {
    return await fn({ client, region, local, where, endpointUrl: endpoint.url });
  } catch (err) {
    throw describeError(err, where);
  } finally {
    client.destroy();
  }
}
