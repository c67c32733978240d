/**
 * A running application: its SQL (src/sql) fed from its input stream's shards, driven by the wall clock, its
 * outputs written to their destinations, its input positions checkpointed after each delivery.
 *
 * Time: ROWTIME is the service's clock when a record is ingested; every `tickMs` the clock is advanced, so
 * tumbling windows close on schedule without new rows, and outputs are flushed. Each delivery that succeeds
 * completely moves the checkpoint to the positions read before it (at-least-once, like KDA).
 */
import { APPROXIMATE_ARRIVAL_TIME, ERROR_STREAM, ERROR_STREAM_COLUMNS, SqlApplication, type Row } from '../../sql/index.js';
import { inAppStreamNames, type StartingPosition, type StoredApplication } from '../model/application.js';
import type { CheckpointStore, InputCheckpoint } from './checkpoints.js';
import { compileSpec, type CompiledSpec } from './compile.js';
import type { EndpointResolver } from './endpoint-resolver.js';
import type { FirehoseLink } from '../../firehose/stream-taps.js';
import { firehoseOutputWriter } from './firehose-output.js';
import type { InvokeLambda } from './lambda-invoker.js';
import { lambdaOutputWriter } from './lambda-output.js';
import { preprocess, type SourceRecord } from './lambda-preprocessor.js';
import { OutputSink, type RecordWriter } from './output-sink.js';
import { fetchReference, type ReferenceFetcher } from './reference-data.js';
import { ShardReader } from './shard-reader.js';
import type { IteratorStart, ReadRecord, ShardInfo, StreamEndpoint } from './stream-endpoint.js';

/** Output rows waiting for delivery beyond which inputs stop being read until the destinations catch up. */
const MAX_BACKLOG = 100_000;

export type RunSpec = Pick<StoredApplication, 'name' | 'arn' | 'code' | 'inputs' | 'outputs' | 'references' | 'tags'>;

export interface RunnerOptions {
  resolve: EndpointResolver;
  checkpoints: CheckpointStore;
  fetchers: readonly ReferenceFetcher[];
  /** Epoch ms: ROWTIME, CURRENT_TIMESTAMP and window closing follow it. */
  now(): number;
  pollMs: number;
  tickMs: number;
  /** How often the input's shard list is re-read (resharding, a stream created after the start). */
  shardRefreshMs: number;
  /** The Firehose service of this process (inputs tap its delivery streams, outputs put into them). */
  firehose?: () => FirehoseLink | undefined;
  /** Freshet's Lambda service: pre-processing and Lambda outputs. */
  invoke?: InvokeLambda;
  /** Invocations of a pre-processing function per batch before its records go to error_stream (default 3). */
  preprocessAttempts?: number;
  /** Configuration and delivery problems (KDA sent these to CloudWatch Logs). */
  log(message: string): void;
}

interface InputState {
  inputId: string;
  streams: string[];
  endpoint?: StreamEndpoint;
  position: StartingPosition;
  checkpoint: InputCheckpoint;
  hadCheckpoint: boolean;
  readers: Map<string, ShardReader>;
  /** The InputLambdaProcessor's function ARN, when records are pre-processed. */
  processor?: string;
  sourceArn?: string;
  /** Pre-processing batches run one after the other, so rows keep their source order. */
  chain: Promise<void>;
  /** Records waiting for pre-processing (counted in the backlog). */
  queued: number;
  /** Per shard, the last sequence number whose batch came back from pre-processing: what a checkpoint may save. */
  processed: Map<string, string>;
  untap?: () => void;
}

export class ApplicationRunner {
  private compiled!: CompiledSpec;
  private run!: SqlApplication;
  private readonly inputs: InputState[] = [];
  private readonly sinks: OutputSink[] = [];
  private stopSignal!: () => void;
  private readonly stoppedPromise = new Promise<void>((res) => (this.stopSignal = res));
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private committing: Promise<void> | undefined;
  private readonly reported = new Set<string>();
  private startTime = 0;

  constructor(
    readonly spec: RunSpec,
    private readonly o: RunnerOptions,
  ) {}

  /** Compiles, loads reference data, connects outputs and starts reading every input from `positions` (by InputId). */
  async start(positions: Readonly<Record<string, StartingPosition>>): Promise<void> {
    this.compiled = compileSpec(this.spec.code, this.spec.inputs, this.spec.references);
    this.startTime = this.o.now();
    const tables: Record<string, Row[]> = {};
    const rejected: { name: string; message: string }[] = [];
    for (const ref of this.spec.references) {
      tables[ref.TableName] = [];
      if (!ref.S3ReferenceDataSource) continue;
      try {
        const content = await fetchReference(this.o.fetchers, ref.S3ReferenceDataSource);
        const { rows, errors } = this.compiled.referenceDecoders.get(ref.TableName)!.decode(content);
        tables[ref.TableName] = rows;
        rejected.push(...errors);
      } catch (err) {
        this.report(`ReferenceDataError: reference ${ref.ReferenceId} (table ${ref.TableName}): ${(err as Error).message}`);
      }
    }
    this.run = new SqlApplication(this.compiled.app, { startTime: this.startTime, tables });
    for (const out of this.spec.outputs) {
      const info = this.compiled.app.streams.find((s) => s.name === out.Name);
      const columns = out.Name === ERROR_STREAM ? ERROR_STREAM_COLUMNS : info?.columns;
      if (!columns) {
        this.report(`OutputError: output ${out.OutputId}: the application has no in-application stream named ${out.Name}`);
        continue;
      }
      const writer = this.outputWriter(out);
      if (!writer) continue;
      const sink = new OutputSink(out.Name, columns, out.DestinationSchema.RecordFormatType, writer);
      this.sinks.push(sink);
      this.run.subscribe(out.Name, (row) => sink.push(row));
    }
    // Reference rows that do not fit the schema go to error_stream, like input records (once outputs listen).
    for (const e of rejected) this.run.reportIngestError(e.name, e.message, '');
    for (const input of this.spec.inputs) {
      const saved = await this.o.checkpoints.load(input.InputId);
      const state: InputState = {
        inputId: input.InputId,
        streams: inAppStreamNames(input),
        position: positions[input.InputId] ?? 'LAST_STOPPED_POINT',
        checkpoint: saved ?? { shards: {} },
        hadCheckpoint: saved !== undefined,
        readers: new Map(),
        chain: Promise.resolve(),
        queued: 0,
        processed: new Map(),
      };
      this.inputs.push(state);
      const processor = input.InputProcessingConfiguration?.InputLambdaProcessor?.ResourceARN;
      if (processor && !this.o.invoke) this.report(`InputError: input ${input.InputId}: no Lambda service to pre-process with; records are read as they are`);
      else if (processor) state.processor = processor;
      const firehoseArn = input.KinesisFirehoseInput?.ResourceARN;
      if (firehoseArn) {
        state.sourceArn = firehoseArn;
        const link = this.o.firehose?.();
        if (!link) {
          this.report(`InputError: input ${input.InputId}: no Firehose service in this process to read ${firehoseArn}`);
          continue;
        }
        // A delivery stream has no shards: every record goes to the first in-application stream.
        state.untap = link.tap(firehoseArn, (records) => this.receive(state, state.streams[0]!, records));
        continue;
      }
      const arn = input.KinesisStreamsInput?.ResourceARN;
      if (!arn) {
        this.report(`InputError: input ${input.InputId}: the input names no Kinesis stream or Firehose delivery stream`);
        continue;
      }
      state.sourceArn = arn;
      state.endpoint = this.o.resolve(arn, this.spec.tags);
    }
    // Not awaited: an unreachable source must not hold up the start (of the application, or of the server).
    void this.refreshShards();
    this.refreshTimer = setInterval(() => void this.refreshShards(), this.o.shardRefreshMs);
    this.timer = setInterval(() => void this.tick(), this.o.tickMs);
  }

  /** Stops reading, delivers what was produced and saves the positions (LAST_STOPPED_POINT resumes there). */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.timer);
    clearInterval(this.refreshTimer);
    this.stopSignal();
    for (const i of this.inputs) i.untap?.();
    await Promise.all(this.inputs.flatMap((i) => [...i.readers.values()].map((r) => r.finished)));
    await Promise.all(this.inputs.map((i) => i.chain));
    await this.committing;
    if (this.run) await this.commit();
    for (const s of this.sinks) s.close();
    for (const i of this.inputs) i.endpoint?.close();
  }

  private backlog(): number {
    let n = 0;
    for (const s of this.sinks) n += s.pending;
    for (const i of this.inputs) n += i.queued;
    return n;
  }

  private outputWriter(out: RunSpec['outputs'][number]): RecordWriter | undefined {
    const log = (m: string): void => this.o.log(`application ${this.spec.name}: OutputError: output ${out.OutputId}: ${m}`);
    if (out.KinesisStreamsOutput) return this.o.resolve(out.KinesisStreamsOutput.ResourceARN, this.spec.tags);
    if (out.KinesisFirehoseOutput) return firehoseOutputWriter(out.KinesisFirehoseOutput.ResourceARN, this.o.firehose ?? (() => undefined), log);
    if (out.LambdaOutput) {
      if (this.o.invoke) return lambdaOutputWriter(out.LambdaOutput.ResourceARN, this.spec.arn, this.o.invoke, log);
      this.report(`OutputError: output ${out.OutputId}: no Lambda service to deliver to ${out.LambdaOutput.ResourceARN}`);
      return undefined;
    }
    this.report(`OutputError: output ${out.OutputId}: the output names no destination`);
    return undefined;
  }

  private report(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.o.log(`application ${this.spec.name}: ${message}`);
  }

  private async refreshShards(): Promise<void> {
    for (const input of this.inputs) {
      if (!input.endpoint || this.stopping) continue;
      let shards: ShardInfo[];
      try {
        shards = await input.endpoint.listShards();
      } catch (err) {
        this.report(`InputError: input ${input.inputId}: cannot list the shards of ${input.endpoint.arn}: ${(err as Error).message}`);
        continue;
      }
      if (this.stopping) return;
      const ids = shards.map((s) => s.shardId).sort();
      const present = new Set(ids);
      const isDone = (id: string | undefined): boolean =>
        id === undefined || !present.has(id) || input.checkpoint.shards[id]?.done === true || input.readers.get(id)?.done === true;
      for (const shard of shards) {
        if (input.readers.has(shard.shardId) || input.checkpoint.shards[shard.shardId]?.done) continue;
        // Children wait until their parents are read to the end, so records stay in order per key.
        if (!isDone(shard.parentShardId) || !isDone(shard.adjacentParentShardId)) continue;
        const stream = input.streams[ids.indexOf(shard.shardId) % input.streams.length]!;
        const reader = new ShardReader({
          endpoint: input.endpoint,
          shardId: shard.shardId,
          start: this.startOf(input, shard.shardId),
          ...(input.checkpoint.shards[shard.shardId]?.sequenceNumber ? { after: input.checkpoint.shards[shard.shardId]!.sequenceNumber! } : {}),
          pollMs: this.o.pollMs,
          onRecords: (records) =>
            this.receive(
              input,
              stream,
              records.map((r) => ({
                data: r.data,
                arrivalMs: r.arrivalMs,
                kinesis: { shardId: shard.shardId, partitionKey: r.partitionKey, sequenceNumber: r.sequenceNumber },
              })),
            ),
          onError: (err) => this.report(`InputError: input ${input.inputId}: reading ${shard.shardId} of ${input.endpoint!.arn}: ${(err as Error).message}`),
          stopped: this.stoppedPromise,
          isStopped: () => this.stopping,
          paused: () => this.backlog() > MAX_BACKLOG,
        });
        input.readers.set(shard.shardId, reader);
        // A finished parent lets its children start without waiting for the next refresh.
        void reader.finished.then(() => {
          if (reader.done && !this.stopping) void this.refreshShards();
        });
      }
    }
  }

  private startOf(input: InputState, shardId: string): IteratorStart {
    const startedAt = input.checkpoint.shards[shardId]?.startedAtMs;
    if (startedAt !== undefined && input.position === 'LAST_STOPPED_POINT') return { type: 'AT_TIMESTAMP', timestamp: new Date(startedAt) };
    const at: IteratorStart = { type: 'AT_TIMESTAMP', timestamp: new Date(this.startTime) };
    switch (input.position) {
      case 'TRIM_HORIZON':
        return { type: 'TRIM_HORIZON' };
      case 'NOW':
        return at;
      case 'LAST_STOPPED_POINT':
        // A shard the last run never saw (created since) is read from its start; a first run starts now.
        return input.hadCheckpoint ? { type: 'TRIM_HORIZON' } : at;
    }
  }

  /** Source records, straight to the schema or first through the input's pre-processing function. */
  private receive(input: InputState, stream: string, records: SourceRecord[]): void {
    if (this.stopping && !input.processor) return;
    if (!input.processor) return this.ingest(input, stream, records);
    const functionArn = input.processor;
    input.queued += records.length;
    input.chain = input.chain.then(async () => {
      const result = await preprocess(records, {
        functionArn,
        applicationArn: this.spec.arn,
        streamArn: input.sourceArn!,
        invoke: this.o.invoke!,
        maxAttempts: this.o.preprocessAttempts ?? 3,
        onAttemptFailed: (m) => this.o.log(`application ${this.spec.name}: InputError: input ${input.inputId}: ${m}`),
      });
      input.queued -= records.length;
      for (const r of records) if (r.kinesis) input.processed.set(r.kinesis.shardId, r.kinesis.sequenceNumber);
      this.run.advanceTime(this.o.now());
      for (const f of result.failed) this.run.reportIngestError(f.name, f.message, Buffer.from(f.data).toString('hex'));
      this.ingest(input, stream, result.ok);
    });
  }

  private ingest(input: InputState, stream: string, records: Pick<ReadRecord, 'data' | 'arrivalMs'>[]): void {
    const decoder = this.compiled.inputDecoders.get(input.inputId)!;
    this.run.advanceTime(this.o.now());
    for (const record of records) {
      const { rows, errors } = decoder.decode(record.data);
      if (errors.length) {
        const hex = Buffer.from(record.data).toString('hex');
        for (const e of errors) this.run.reportIngestError(e.name, e.message, hex);
      }
      for (const row of rows) {
        row[APPROXIMATE_ARRIVAL_TIME] = record.arrivalMs;
        this.run.insert(stream, row);
      }
    }
  }

  private async tick(): Promise<void> {
    if (this.stopping || this.committing) return;
    this.run.advanceTime(this.o.now());
    this.committing = this.commit().finally(() => (this.committing = undefined));
    await this.committing;
  }

  /** Delivers every queued output row, then saves the input positions read before the delivery began. */
  private async commit(): Promise<void> {
    const snapshot = this.inputs.map((input) => {
      const shards: InputCheckpoint['shards'] = { ...input.checkpoint.shards };
      for (const [id, r] of input.readers) {
        // With pre-processing, only what came back from the function counts as read.
        const last = input.processor ? (input.processed.get(id) ?? r.o.after) : r.lastSequenceNumber;
        if (r.done && last === r.lastSequenceNumber) shards[id] = { ...(last ? { sequenceNumber: last } : {}), done: true };
        else if (last) shards[id] = { sequenceNumber: last };
        else if (r.o.start.type === 'AT_TIMESTAMP') shards[id] = { startedAtMs: r.o.start.timestamp.getTime() };
      }
      return { input, checkpoint: { shards } };
    });
    let delivered = true;
    for (const sink of this.sinks) {
      try {
        if (!(await sink.flush())) delivered = false;
      } catch (err) {
        delivered = false;
        this.report(`OutputError: output ${sink.stream}: ${(err as Error).message}`);
      }
    }
    if (!delivered) return;
    for (const { input, checkpoint } of snapshot) {
      if (JSON.stringify(checkpoint) === JSON.stringify(input.checkpoint)) continue;
      await this.o.checkpoints.save(input.inputId, checkpoint);
      input.checkpoint = checkpoint;
      input.hadCheckpoint = true;
    }
  }
}
