/**
 * A running SQL application: in-application streams wired to the pumps' operators, a clock the host drives, and
 * error_stream. No I/O and no clock of its own: the host inserts rows and calls `advanceTime`, so runs are
 * deterministic. ROWTIME is assigned on insert as the clock's time, never going backwards.
 */
import { SqlRuntimeError } from '../errors.js';
import type { EvaluatorKind } from '../eval/evaluator.js';
import type { EvalContext, Row } from '../plan/bound-expr.js';
import { ERROR_STREAM } from '../plan/catalog.js';
import type { CompiledApplication } from '../plan/compile-application.js';
import type { BuildEnv } from '../plan/plan-node.js';
import { Merge } from './merge.js';
import { Insert } from './operators/insert.js';
import type { Sink, Timed } from './sink.js';

export type RowListener = (row: Row, rowtime: number) => void;

export interface RunOptions {
  /** The clock's time when the application starts (epoch ms): CURRENT_TIMESTAMP, first ROWTIMEs. */
  readonly startTime: number;
  /** Rows of each reference table, keyed by table name; column values in the engine's representation. */
  readonly tables?: Readonly<Record<string, readonly Row[]>>;
  readonly evaluator?: EvaluatorKind;
  /** Seed for randomised table functions (RANDOM_CUT_FOREST): the same seed, the same scores. */
  readonly seed?: number;
}

class RuntimeStream {
  readonly subscribers: Sink[] = [];
  readonly merge: Merge;
  last = -Infinity;

  constructor(
    readonly name: string,
    onOutOfOrder: (stream: string, row: Row, rowtime: number) => void,
  ) {
    this.merge = new Merge({
      push: (row, rowtime) => {
        if (rowtime < this.last) return onOutOfOrder(name, row, rowtime);
        this.last = rowtime;
        for (const s of this.subscribers) s.push(row, rowtime);
      },
      bound: (t) => {
        for (const s of this.subscribers) s.bound(t);
      },
    });
  }
}

/** The original row, as KDA puts it in error_stream.DATA_ROW: hex of its text. */
export function dataRowHex(row: Row): string {
  const text = JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
  return Buffer.from(text ?? '', 'utf8').toString('hex');
}

export class SqlApplication {
  private time: number;
  private readonly streams = new Map<string, RuntimeStream>();
  private readonly writers = new Map<string, Sink>();
  private readonly timed: Timed[] = [];
  private readonly ctx: EvalContext;
  private readonly errorWriter: Sink;
  private lastInsert = new Map<string, number>();
  /** Work to do when the first row or tick arrives (VALUES), once subscribers are in place. */
  private starters: (() => void)[] = [];

  constructor(
    readonly app: CompiledApplication,
    options: RunOptions,
  ) {
    this.time = options.startTime;
    const queryStart = options.startTime;
    this.ctx = { now: () => this.time, queryStart };
    const outOfOrder = (stream: string, row: Row, rowtime: number): void =>
      this.report('', new SqlRuntimeError('Out of order row', `Row with ROWTIME ${rowtime} is earlier than the last row of stream ${stream}`), row, rowtime);
    for (const s of app.streams) this.streams.set(s.name, new RuntimeStream(s.name, outOfOrder));
    // Inputs and error_stream have one writer: the runtime.
    for (const s of app.streams) if (s.kind !== 'app') this.writers.set(s.name, this.streams.get(s.name)!.merge.input());
    this.errorWriter = this.writers.get(ERROR_STREAM)!;
    const starters = this.starters;
    for (const pump of app.pumps) {
      const target = this.streams.get(pump.target)!;
      const env: BuildEnv = {
        ctx: this.ctx,
        report: (err, row, rowtime) => this.report(pump.name, err, row, rowtime),
        timed: (op) => this.timed.push(op),
        subscribe: (stream, sink) => this.streams.get(stream)!.subscribers.push(sink),
        tableRows: (name) => options.tables?.[name] ?? [],
        onStart: (fn) => starters.push(fn),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
      };
      const writer = target.merge.input();
      pump.plan.build(pump.fused ? writer : new Insert(writer, env, pump.assign, pump.unset), env);
    }
  }

  private start(): void {
    if (this.starters.length === 0) return;
    const starters = this.starters;
    this.starters = [];
    for (const s of starters) s();
  }

  /**
   * New application code on a running application (UpdateApplication, the console's "Save and run SQL"): a fresh run
   * of `app` that continues this one's clock and ROWTIMEs. Streams and pumps start empty, as CREATE OR REPLACE drops
   * their in-flight data; the host subscribes again and keeps feeding the same inputs.
   */
  replaceCode(app: CompiledApplication, options: Omit<RunOptions, 'startTime'> = {}): SqlApplication {
    const next = new SqlApplication(app, { ...options, startTime: this.time });
    for (const [stream, t] of this.lastInsert) if (app.streams.some((s) => s.name === stream && s.kind === 'input')) next.lastInsert.set(stream, t);
    return next;
  }

  /** The clock's current time. */
  now(): number {
    return this.time;
  }

  /** Listens to every row of an in-application stream (outputs, error_stream). */
  subscribe(stream: string, listener: RowListener): void {
    const s = this.streams.get(stream);
    if (!s) throw new Error(`No in-application stream named ${stream}`);
    s.subscribers.push({ push: listener, bound: () => {} });
  }

  /**
   * Inserts a row into an input stream. Its ROWTIME is the clock's time (never below the stream's last ROWTIME).
   * `row` holds the schema columns and APPROXIMATE_ARRIVAL_TIME.
   */
  insert(stream: string, row: Row): number {
    const w = this.writers.get(stream);
    if (!w || stream === ERROR_STREAM) throw new Error(`No input stream named ${stream}`);
    this.start();
    const rowtime = Math.max(this.time, this.lastInsert.get(stream) ?? -Infinity);
    this.lastInsert.set(stream, rowtime);
    w.push(row, rowtime);
    return rowtime;
  }

  /** Sends a row that could not be ingested (schema mismatch, coercion error) to error_stream. */
  reportIngestError(errorName: string, message: string, rawHex: string): void {
    this.pushError({ ERROR_NAME: errorName, MESSAGE: message, DATA_ROWTIME: this.time, DATA_ROW: rawHex, PUMP_NAME: null });
  }

  /** Moves the clock forward (never back) and lets every window and group that ended before it close. */
  advanceTime(t: number): void {
    this.start();
    if (t > this.time) this.time = t;
    for (const [name, w] of this.writers) if (name !== ERROR_STREAM) w.bound(this.time);
    this.errorWriter.bound(this.time);
  }

  /** End of input: advances the clock until no operator holds rows any more. */
  finish(maxSteps = 100_000): void {
    this.advanceTime(this.time);
    let previous: number | undefined;
    for (let i = 0; i < maxSteps; i++) {
      let next: number | undefined;
      for (const op of this.timed) {
        const d = op.nextDeadline();
        if (d !== undefined && (next === undefined || d < next)) next = d;
      }
      // Done, or an operator that cannot be drained by time alone (its deadline did not move).
      if (next === undefined || (previous !== undefined && next <= previous)) return;
      previous = Math.max(next, this.time + 1);
      this.advanceTime(previous);
    }
  }

  private report(pump: string, err: SqlRuntimeError, row: Row, rowtime: number): void {
    this.pushError({ ERROR_NAME: err.errorName, MESSAGE: err.message, DATA_ROWTIME: rowtime, DATA_ROW: dataRowHex(row), PUMP_NAME: pump || null });
  }

  private pushError(fields: Omit<Row, 'ERROR_TIME' | 'ERROR_LEVEL'>): void {
    const row: Row = { ERROR_TIME: this.time, ERROR_LEVEL: 'ERROR', ...fields };
    row['ERROR_NAME'] = String(row['ERROR_NAME']).slice(0, 32);
    row['MESSAGE'] = String(row['MESSAGE']).slice(0, 4096);
    const stream = this.streams.get(ERROR_STREAM)!;
    this.errorWriter.push(row, Math.max(this.time, stream.last));
  }
}
