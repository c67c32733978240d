/**
 * Which Kinesis endpoint the stream commands talk to. The usual AWS configuration wins (flag, then
 * AWS_ENDPOINT_URL_KINESIS / AWS_ENDPOINT_URL, then the profile's `endpoint_url`); with none of it, a local Freshet.
 * `--endpoint-url aws` means the region's own AWS endpoint.
 */
import { getProfileName, loadSharedConfigFiles, CONFIG_PREFIX_SEPARATOR } from '@smithy/core/config';

export const DEFAULT_LOCAL_ENDPOINT = 'http://127.0.0.1:4567';

export interface ResolvedEndpoint {
  /** undefined: let the SDK pick the region's AWS endpoint. */
  url: string | undefined;
  /** Where the choice came from, for messages. */
  source: 'flag' | 'env' | 'profile' | 'default' | 'aws';
}

/** A service as the AWS configuration names it: `AWS_ENDPOINT_URL_<env>`, and `<key>` in a `services` section. */
export interface ServiceId {
  env: string;
  key: string;
}

export const KINESIS: ServiceId = { env: 'KINESIS', key: 'kinesis' };

export async function resolveEndpoint(flag: string | undefined, profile: string | undefined, service: ServiceId = KINESIS): Promise<ResolvedEndpoint> {
  if (flag) return flag.toLowerCase() === 'aws' ? { url: undefined, source: 'aws' } : { url: checkUrl(flag), source: 'flag' };
  if (process.env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] !== 'true') {
    const env = process.env[`AWS_ENDPOINT_URL_${service.env}`] || process.env['AWS_ENDPOINT_URL'];
    if (env) return { url: checkUrl(env), source: 'env' };
    const fromProfile = await profileEndpoint(profile, service);
    if (fromProfile) return { url: checkUrl(fromProfile), source: 'profile' };
  }
  return { url: DEFAULT_LOCAL_ENDPOINT, source: 'default' };
}

/** The profile's `endpoint_url`, or the one its `services` section names for the service. */
async function profileEndpoint(profileFlag: string | undefined, service: ServiceId): Promise<string | undefined> {
  let files;
  try {
    files = await loadSharedConfigFiles();
  } catch {
    return undefined;
  }
  const name = getProfileName({ profile: profileFlag });
  const profile = files.configFile[name] ?? files.credentialsFile[name];
  if (!profile) return undefined;
  const services = profile['services'];
  if (services) {
    const section = files.configFile[['services', services].join(CONFIG_PREFIX_SEPARATOR)];
    const url = section?.[[service.key, 'endpoint_url'].join(CONFIG_PREFIX_SEPARATOR)];
    if (url) return url;
  }
  return profile['endpoint_url'];
}

function checkUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new Error(`invalid endpoint URL '${url}' (expected e.g. http://127.0.0.1:4567, or 'aws')`);
  }
  return url;
}

/** Loopback and private hosts: a test endpoint, where dummy credentials are fine. */
export function isLocalEndpoint(url: string | undefined): boolean {
  if (!url) return false;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host === '0.0.0.0' ||
    host === 'host.docker.internal'
  );
}
