/**
 * Turns a destination configuration from CreateDeliveryStream / UpdateDestination into the stored description:
 * AWS's defaults filled in (buffering 5 MiB / 300 s, UNCOMPRESSED, NoEncryption, logging off, backup Disabled), and
 * for updates the members of the same destination type merged over the current ones (ProcessingConfiguration is
 * replaced as a whole).
 */
import { parseQuery } from '../delivery/jq-path.js';
import { prefixProblem } from '../delivery/prefix.js';
import { isKnownTimeZone } from '../delivery/time-zone.js';
import { invalidArgument } from './errors.js';
import type { DestinationKind } from './types.js';

const S3_DEFAULTS = {
  BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
  CompressionFormat: 'UNCOMPRESSED',
  EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
  CloudWatchLoggingOptions: { Enabled: false },
};

function withBuffering(hints: Record<string, number> | undefined, defaults: { SizeInMBs: number; IntervalInSeconds: number }): Record<string, number> {
  return { SizeInMBs: hints?.SizeInMBs ?? defaults.SizeInMBs, IntervalInSeconds: hints?.IntervalInSeconds ?? defaults.IntervalInSeconds };
}

/** An S3 description (also the backup of an HTTP endpoint destination). */
export function s3Description(config: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...S3_DEFAULTS, ...config };
  out['BufferingHints'] = withBuffering(config['BufferingHints'], S3_DEFAULTS.BufferingHints);
  return out;
}

function extendedS3Description(config: Record<string, any>): Record<string, any> {
  const out = s3Description(config);
  out['S3BackupMode'] ??= 'Disabled';
  const backup = out['S3BackupConfiguration'];
  delete out['S3BackupConfiguration'];
  delete out['S3BackupUpdate'];
  if (backup) out['S3BackupDescription'] = s3Description(backup);
  return out;
}

function httpEndpointDescription(config: Record<string, any>): Record<string, any> {
  const { S3Configuration, S3Update, ...rest } = config;
  void S3Update;
  return {
    ...rest,
    BufferingHints: withBuffering(config['BufferingHints'], { SizeInMBs: 5, IntervalInSeconds: 300 }),
    RequestConfiguration: { ContentEncoding: 'NONE', ...(config['RequestConfiguration'] ?? {}) },
    RetryOptions: { DurationInSeconds: config['RetryOptions']?.DurationInSeconds ?? 300 },
    S3BackupMode: config['S3BackupMode'] ?? 'FailedDataOnly',
    CloudWatchLoggingOptions: config['CloudWatchLoggingOptions'] ?? { Enabled: false },
    S3DestinationDescription: s3Description(S3Configuration ?? {}),
  };
}

export function describeNew(kind: DestinationKind, config: Record<string, any>): Record<string, any> {
  if (kind === 'HttpEndpoint') return httpEndpointDescription(config);
  return kind === 'ExtendedS3' ? extendedS3Description(config) : s3Description(config);
}

/** Same-type update: members given replace the stored ones, nested structures merge one level deep. */
export function mergeUpdate(kind: DestinationKind, current: Record<string, any>, update: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (k === 'S3Update' || k === 'S3BackupUpdate') continue;
    const cur = out[k];
    out[k] = k !== 'ProcessingConfiguration' && cur && typeof cur === 'object' && !Array.isArray(cur) && typeof v === 'object' && !Array.isArray(v) ? { ...cur, ...v } : v;
  }
  if (kind === 'HttpEndpoint' && update['S3Update']) out['S3DestinationDescription'] = { ...out['S3DestinationDescription'], ...update['S3Update'] };
  if (kind === 'ExtendedS3' && update['S3BackupUpdate']) out['S3BackupDescription'] = s3Description({ ...(out['S3BackupDescription'] ?? {}), ...update['S3BackupUpdate'] });
  return out;
}

/** The checks AWS makes beyond the member constraints; throws InvalidArgumentException. */
export function checkDestination(kind: DestinationKind, d: Record<string, any>, allowPlainHttp: boolean): void {
  if (kind === 'HttpEndpoint') {
    const url: string = d['EndpointConfiguration']?.Url ?? '';
    const ok = allowPlainHttp ? /^https?:\/\/.+/.test(url) : /^https:\/\/.*/.test(url);
    if (!ok) throw invalidArgument(`Invalid HTTP endpoint URL: only https:// URLs are supported.`);
    checkS3(d['S3DestinationDescription'], false);
    return;
  }
  checkS3(d, kind === 'ExtendedS3');
}

function checkS3(d: Record<string, any>, extended: boolean): void {
  const zone = d['CustomTimeZone'];
  if (zone && !isKnownTimeZone(zone)) throw invalidArgument(`CustomTimeZone '${zone}' is not a valid time zone.`);
  if (extended && d['S3BackupMode'] === 'Enabled' && !d['S3BackupDescription']) {
    throw invalidArgument('S3BackupConfiguration is required when S3BackupMode is Enabled.');
  }
  const dynamic = extended && d['DynamicPartitioningConfiguration']?.Enabled === true;
  const problem = prefixProblem(d['Prefix'], d['ErrorOutputPrefix'], dynamic);
  if (problem) throw invalidArgument(problem);
  if (dynamic && d['BufferingHints']?.SizeInMBs < 64) {
    throw invalidArgument('BufferingHints.SizeInMBs must be at least 64 when dynamic partitioning is enabled.');
  }
  const processors: any[] = d['ProcessingConfiguration']?.Processors ?? [];
  for (const p of processors) {
    const names = new Set((p.Parameters ?? []).map((x: any) => x.ParameterName));
    if (p.Type === 'Lambda' && !names.has('LambdaArn')) throw invalidArgument('LambdaArn is required for the Lambda processor.');
    if (p.Type === 'MetadataExtraction') {
      const query = (p.Parameters ?? []).find((x: any) => x.ParameterName === 'MetadataExtractionQuery')?.ParameterValue;
      if (query === undefined) throw invalidArgument('MetadataExtractionQuery is required for the MetadataExtraction processor.');
      try {
        parseQuery(query);
      } catch (err) {
        throw invalidArgument(`MetadataExtractionQuery is not supported: ${(err as Error).message}.`);
      }
    }
  }
}
