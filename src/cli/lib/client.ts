/**
 * Kinesis clients for the stream commands, built from the usual AWS configuration plus `--endpoint-url`,
 * `--region` and `--profile`. Requests go over HTTP/1.1 (every Kinesis endpoint speaks it, kinesalite only it);
 * SubscribeToShard needs HTTP/2, so it gets a client of its own.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { getProfileName, loadSharedConfigFiles } from '@smithy/core/config';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import { Command, Option } from 'commander';
import { credentialProvider } from './credentials.js';
import { isLocalEndpoint, resolveEndpoint, type ResolvedEndpoint } from './endpoint.js';
import { describeError } from './errors.js';

export type OutputMode = 'text' | 'json';

export interface ConnectionFlags {
  endpointUrl?: string;
  region?: string;
  profile?: string;
  output: OutputMode;
}

/** The options every stream command shares; `output: false` leaves `-o, --output` to a command that extends it. */
export function addConnectionOptions(cmd: Command, { output = true }: { output?: boolean } = {}): Command {
  cmd
    .option('--endpoint-url <url>', "endpoint (default: AWS config, else a local Freshet at http://127.0.0.1:4567; 'aws': the region's AWS endpoint)")
    .option('--region <region>', 'AWS region (default: AWS config, else us-east-1 for a local endpoint)')
    .option('--profile <name>', 'AWS profile for credentials, region and endpoint');
  return output ? cmd.addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text')) : cmd;
}

export interface KinesisContext {
  /** HTTP/1.1 client for every operation but SubscribeToShard. */
  kinesis: KinesisClient;
  /** HTTP/2 client for SubscribeToShard (created on first use). */
  streaming(): KinesisClient;
  endpoint: ResolvedEndpoint;
  /** The endpoint for messages: its URL, or "AWS (region)". */
  where: string;
  region: string;
  local: boolean;
  close(): void;
}

export async function connect(flags: ConnectionFlags, maxAttempts = 5): Promise<KinesisContext> {
  // Freshet supports Node.js 20; the SDK's multi-line notice about its own future Node.js floor would only clutter
  // every command's stderr (a user can still opt back in by setting the variable to something else).
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const endpoint = await resolveEndpoint(flags.endpointUrl, flags.profile);
  const local = isLocalEndpoint(endpoint.url);
  const region = await resolveRegion(flags, local);
  const credentials = credentialProvider(flags.profile, local);
  const base = {
    region,
    credentials,
    maxAttempts,
    ...(endpoint.url ? { endpoint: endpoint.url } : {}),
  };
  const kinesis = new KinesisClient({
    ...base,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 5000,
      httpAgent: new HttpAgent({ keepAlive: true }),
      httpsAgent: new HttpsAgent({ keepAlive: true }),
    }),
  });
  let h2: KinesisClient | undefined;
  return {
    kinesis,
    streaming() {
      h2 ??= new KinesisClient({ ...base, requestHandler: new NodeHttp2Handler({ disableConcurrentStreams: false }) });
      return h2;
    },
    endpoint,
    where: endpoint.url ?? `AWS (${region})`,
    region,
    local,
    close() {
      kinesis.destroy();
      h2?.destroy();
    },
  };
}

/** Runs `fn` with connected clients, turning SDK and network errors into one-line reasons. */
export async function withKinesis<T>(flags: ConnectionFlags, fn: (ctx: KinesisContext) => Promise<T>, maxAttempts?: number): Promise<T> {
  const ctx = await connect(flags, maxAttempts);
  try {
    return await fn(ctx);
  } catch (err) {
    throw describeError(err, ctx.where);
  } finally {
    ctx.close();
  }
}

export async function resolveRegion(flags: ConnectionFlags, local: boolean): Promise<string> {
  const fromEnv = flags.region || process.env['AWS_REGION'] || process.env['AWS_DEFAULT_REGION'];
  if (fromEnv) return fromEnv;
  try {
    const files = await loadSharedConfigFiles();
    const region = files.configFile[getProfileName({ profile: flags.profile })]?.['region'];
    if (region) return region;
  } catch {
    // no readable config: fall through
  }
  if (local) return 'us-east-1';
  throw new Error('no AWS region configured: pass --region or set AWS_REGION');
}
