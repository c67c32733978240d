/**
 * One buffered batch from the log to the stream's destination: the processing pipeline, then S3 objects or an
 * HTTP endpoint request (with its S3 backup of failed or all data). Throws when the destination cannot be written,
 * so the caller retries the same batch (at-least-once).
 */
import type { DeliveryStreamMeta } from '../model/types.js';
import { deliverToHttpEndpoint } from '../destinations/http-endpoint.js';
import type { ObjectWriter } from '../destinations/object-writer.js';
import { writeFailures, writeRecords, type S3Target } from '../destinations/s3-delivery.js';
import { enabledProcessors, runPipeline } from './processors.js';
import type { FlowRecord } from './records.js';
import type { InvokeFunction } from './transform.js';

export interface DeliveryDeps {
  writer: ObjectWriter;
  invoke: InvokeFunction;
  httpRetryBaseMs: number;
  now(): number;
  signal: AbortSignal;
}

export interface DeliveryOutcome {
  objectKeys: string[];
  errorKeys: string[];
}

export async function deliverBatch(meta: DeliveryStreamMeta, input: FlowRecord[], deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const destination = meta.destinations[0]!;
  const config = destination.description;
  const processed = await runPipeline(enabledProcessors(config['ProcessingConfiguration']), input, {
    invoke: deps.invoke,
    deliveryStreamArn: meta.arn,
    region: meta.region,
    ...(meta.source ? { sourceKinesisStreamArn: meta.source.KinesisStreamARN } : {}),
    now: deps.now,
  });
  if (destination.kind === 'HttpEndpoint') {
    const backup: S3Target = { streamName: meta.name, version: meta.versionId, config: config['S3DestinationDescription'], writer: deps.writer };
    const errorKeys = await writeFailures(backup, processed.failed);
    const res = await deliverToHttpEndpoint(
      { config, sourceArn: meta.arn, retryBaseMs: deps.httpRetryBaseMs, now: deps.now, signal: deps.signal },
      processed.records,
    );
    errorKeys.push(...(await writeFailures(backup, res.failed)));
    const objectKeys = config['S3BackupMode'] === 'AllData' ? await writeRecords(backup, processed.records) : [];
    return { objectKeys, errorKeys };
  }
  const target: S3Target = { streamName: meta.name, version: meta.versionId, config, writer: deps.writer };
  // The source records as they came in, before any processing, when the backup is on.
  if (config['S3BackupMode'] === 'Enabled' && config['S3BackupDescription']) {
    await writeRecords({ ...target, config: config['S3BackupDescription'] }, input);
  }
  const objectKeys = await writeRecords(target, processed.records);
  const errorKeys = await writeFailures(target, processed.failed);
  return { objectKeys, errorKeys };
}
