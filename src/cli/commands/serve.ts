/** `freshet serve`: runs the platform in the foreground until SIGINT/SIGTERM. */
import { relative } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_ACCOUNT_ID, DEFAULT_PORT, DEFAULT_REGION, startFreshet, type FreshetConfig, type RunningFreshet } from '../../app.js';
import { loadAccessKeyFile, parseAccessKeySpec } from '../../server/access-keys.js';
import type { AccessKey } from '../../server/sigv4-verifier.js';
import { DEFAULT_LOCAL_ENDPOINT } from '../lib/endpoint.js';

interface ServeFlags {
  host: string;
  port: number;
  dataDir: string;
  tlsPort?: number;
  tlsCert?: string;
  tlsKey?: string;
  createStreamMs: number;
  deleteStreamMs: number;
  updateStreamMs: number;
  shardLimit?: number;
  throughputLimits: 'on' | 'off';
  iteratorTtlMs?: number;
  sync?: 'always' | 'interval' | 'none';
  auth?: boolean;
  accessKey: string[];
  authKeys?: string;
  region: string;
  accountId: string;
}

function integer(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    return n;
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Run the Kinesis endpoint (HTTP/1.1 and HTTP/2 on one port, optional TLS port)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port for HTTP/1.1 and cleartext HTTP/2 (0: any free port)', integer(0), DEFAULT_PORT)
    .option('--data-dir <dir>', 'where streams and records are stored', './.freshet')
    .option('--tls-port <port>', 'also serve HTTPS (h2 and http/1.1 by ALPN) on this port', integer(0))
    .option('--tls-cert <file>', 'PEM certificate for the TLS port (default: self-signed, kept in the data dir)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option('--create-stream-ms <ms>', 'how long a new stream stays CREATING', integer(0), 500)
    .option('--delete-stream-ms <ms>', 'how long a deleted stream stays DELETING', integer(0), 500)
    .option('--update-stream-ms <ms>', 'how long a resharded stream stays UPDATING', integer(0), 500)
    .option('--shard-limit <n>', 'open shards allowed per account', integer(1))
    .addOption(
      new Option('--throughput-limits <mode>', 'enforce per-shard read/write limits').choices(['on', 'off']).default('off'),
    )
    .option('--iterator-ttl-ms <ms>', 'shard iterator lifetime (AWS: 300000)', integer(1))
    .addOption(new Option('--sync <policy>', 'when writes reach the disk (default: always, group-committed)').choices(['always', 'interval', 'none']))
    .option('--auth', 'verify SigV4 signatures against the configured keys')
    .option('--access-key <ID:SECRET[:ACCOUNT]>', 'a known key and its account; with --auth, a secret to verify (repeatable)', collect, [])
    .option('--auth-keys <file>', 'JSON file: [{"accessKeyId","secretAccessKey","accountId"}]')
    .option('--region <region>', 'region when a request names none', DEFAULT_REGION)
    .option('--account-id <id>', 'account when an access key maps to none', DEFAULT_ACCOUNT_ID)
    .action(async (flags: ServeFlags) => {
      const config = await toConfig(flags);
      const running = await startFreshet(config).catch((err: NodeJS.ErrnoException & { port?: number; address?: string }) => {
        if (err.code === 'EADDRINUSE') {
          throw new Error(`port ${err.port} on ${err.address} is already in use (choose another with --port / --tls-port)`);
        }
        throw err;
      });
      printBanner(running, config);
      handleSignals(running);
    });
}

async function toConfig(flags: ServeFlags): Promise<FreshetConfig> {
  if (!/^\d{12}$/.test(flags.accountId)) throw new Error('--account-id must be 12 digits');
  const accessKeys: AccessKey[] = flags.accessKey.map(parseAccessKeySpec);
  if (flags.authKeys) accessKeys.push(...(await loadAccessKeyFile(flags.authKeys)));
  if (flags.auth && accessKeys.length === 0) throw new Error('--auth needs keys: --access-key ID:SECRET or --auth-keys FILE');
  return {
    host: flags.host,
    port: flags.port,
    dataDir: flags.dataDir,
    tlsPort: flags.tlsPort,
    tlsCert: flags.tlsCert,
    tlsKey: flags.tlsKey,
    createStreamMs: flags.createStreamMs,
    deleteStreamMs: flags.deleteStreamMs,
    updateStreamMs: flags.updateStreamMs,
    shardLimit: flags.shardLimit,
    throughputLimits: flags.throughputLimits === 'on',
    iteratorTtlMs: flags.iteratorTtlMs,
    sync: flags.sync,
    auth: flags.auth ?? false,
    accessKeys,
    region: flags.region,
    accountId: flags.accountId,
  };
}

/** Every service answers on the one endpoint; each with a first command that works on an empty server. */
const SERVICES: [name: string, awsArgs: string, freshetCommand?: string][] = [
  ['Kinesis Data Streams', 'kinesis list-streams', 'freshet streams ls'],
  ['Kinesis Analytics (SQL)', 'kinesisanalytics list-applications', 'freshet apps ls'],
  ['Firehose', 'firehose list-delivery-streams', 'freshet firehose ls'],
  ['S3 (path-style)', 's3api list-buckets'],
  ['Lambda', 'lambda list-functions'],
];

/**
 * What a newcomer needs to start using the server. Test helpers and other tools read the
 * "Kinesis endpoint: http://…" line: keep its wording.
 */
function printBanner(running: RunningFreshet, config: FreshetConfig): void {
  const lines = [
    'Freshet is running.',
    `  Kinesis endpoint:  ${running.endpoint}   (HTTP/1.1 and HTTP/2)`,
  ];
  if (running.tlsEndpoint) {
    const cert = running.tlsCertPath ? relative(process.cwd(), running.tlsCertPath) || running.tlsCertPath : '';
    lines.push(`  TLS endpoint:      ${running.tlsEndpoint}   (certificate: ${cert})`);
    lines.push(`                     trust it with: aws --ca-bundle ${cert} …, or NODE_EXTRA_CA_CERTS=${cert} for Node.js clients`);
  }
  lines.push(`  Web console:       ${running.endpoint}/console/`);
  lines.push(`  Data directory:    ${running.dataDir}`);
  lines.push(`  Region / account:  ${config.region} / ${config.accountId}${config.auth ? '   (SigV4 verified)' : ''}`);
  lines.push('Services on this endpoint, each with a first command:');
  const width = Math.max(...SERVICES.map(([name]) => name.length));
  // The freshet commands find a server on the default endpoint by themselves; anywhere else they are told.
  const endpointFlag = running.endpoint === DEFAULT_LOCAL_ENDPOINT ? '' : ` --endpoint-url ${running.endpoint}`;
  for (const [name, awsArgs, freshetCommand] of SERVICES) {
    lines.push(`  ${name.padEnd(width)}   aws --endpoint-url ${running.endpoint} ${awsArgs}`);
    if (freshetCommand) lines.push(`  ${''.padEnd(width)}   ${freshetCommand}${endpointFlag}`);
  }
  lines.push(`Or point every AWS tool at it at once: export AWS_ENDPOINT_URL=${running.endpoint}`);
  lines.push(
    config.auth
      ? '(sign with one of the configured access keys)'
      : '(any credentials work; the AWS CLI still needs some and a region, e.g. AWS_ACCESS_KEY_ID=test\n' +
          ` AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=${config.region})`,
  );
  lines.push('Stop with Ctrl+C.');
  console.log(lines.join('\n'));
}

function handleSignals(running: RunningFreshet): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.exit(1); // a second signal: give up on the clean shutdown
    }
    stopping = true;
    console.log(`Received ${signal}, shutting down.`);
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('freshet: shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
