/**
 * The one storage interface every Freshet service stands on.
 *
 * Two kinds of data live here:
 *  - metadata: small JSON documents (streams, shards, consumers, tags, applications, checkpoints…) in a key-value
 *    space with per-key revisions, so that a clustered engine can offer compare-and-set;
 *  - record logs: one append-only log per shard ("log key"), addressed by a dense, strictly increasing position.
 *
 * Kinesis semantics (sequence numbers, iterators, hash keys) are NOT known here: the Kinesis layer maps its
 * sequence numbers onto log positions. Implementations: `embedded/` (the default, on local disk) and, later,
 * `jetstream/`. Both must pass `test/storage/conformance.ts`.
 */

/** A record as handed to the log. */
export interface RecordInput {
  /** Partition key as sent by the producer (1–256 unicode chars). */
  partitionKey: string;
  /** Raw record bytes (never base64). */
  data: Uint8Array;
  /** Arrival time, epoch milliseconds, assigned by the caller (non-decreasing per log). */
  arrivalMs: number;
}

/** A record read back from a log. */
export interface StoredRecord extends RecordInput {
  /** Position in its log: 0 for the first record ever appended, +1 for each one after. Never reused. */
  position: number;
}

export interface ReadOptions {
  /** Maximum number of records to return (≥ 1). */
  limit: number;
  /** Stop before the total `data` bytes would exceed this (at least one record is always returned if any). */
  maxBytes?: number;
}

export interface MetaEntry<T = unknown> {
  /** A fresh copy: values round-trip through JSON (a Date comes back as a string; store bytes as base64). */
  value: T;
  /**
   * Increases on every write of this key; used for compare-and-set. Revisions come from one counter for the whole
   * space, so a key deleted and written again never repeats an earlier revision (also across restarts).
   */
  revision: number;
}

/** Thrown by putMeta/deleteMeta when `expectedRevision` does not match. */
export class RevisionMismatchError extends Error {
  constructor(readonly key: string) {
    super(`revision mismatch for ${key}`);
    this.name = 'RevisionMismatchError';
  }
}

export interface StorageEngine {
  /** Opens (and recovers) the store. Must be called before anything else. */
  open(): Promise<void>;
  /** Flushes and releases everything. */
  close(): Promise<void>;

  // ---- metadata ---------------------------------------------------------------------------------------------

  getMeta<T = unknown>(key: string): Promise<MetaEntry<T> | undefined>;
  /**
   * Writes `value` (JSON-serialisable) durably. With `expectedRevision`, fails with RevisionMismatchError unless
   * the current revision equals it (0 = the key must not exist). Returns the new revision. Durability follows the
   * engine's sync policy, like appends.
   */
  putMeta<T = unknown>(key: string, value: T, expectedRevision?: number): Promise<number>;
  /** Deleting a missing key is not an error (unless `expectedRevision` is given and is not 0). */
  deleteMeta(key: string, expectedRevision?: number): Promise<void>;
  /** All entries whose key starts with `prefix`, in key order. */
  listMeta<T = unknown>(prefix: string): Promise<Array<{ key: string } & MetaEntry<T>>>;

  // ---- record logs ------------------------------------------------------------------------------------------

  /**
   * Appends records to a log (created on first append) and resolves once they are durably committed according to
   * the engine's sync policy. Returns the position of the first record; the others follow consecutively.
   * Concurrent appends to different logs must be group-committed, not serialised one fsync each.
   * Positions are taken when `append` is called, in call order, so concurrent appends to one log are fine and never
   * interleave. A rejected append takes no position.
   */
  append(log: string, records: RecordInput[]): Promise<number>;
  /**
   * Records with position ≥ `from`, in position order. Positions below the trim point are skipped silently.
   * Only acknowledged records are returned (those whose append has resolved), so a record once read can never be
   * lost in a crash. `data` may be a view into a shared buffer: do not mutate it.
   */
  read(log: string, from: number, options: ReadOptions): Promise<StoredRecord[]>;
  /** Position the next appended record will get (0 for a log never written); counts appends still syncing. */
  nextPosition(log: string): Promise<number>;
  /** Lowest position still stored (== nextPosition when the log is empty or fully trimmed). */
  firstPosition(log: string): Promise<number>;
  /**
   * Position of the first stored (acknowledged) record with arrivalMs ≥ `ms` (the position after the last one if
   * none). Relies on arrivalMs being non-decreasing per log.
   */
  positionAtTime(log: string, ms: number): Promise<number>;
  /** Removes, from disk, every record with arrivalMs < `ms`. Positions are never reused. */
  trimBefore(log: string, ms: number): Promise<void>;
  /** Removes a log and its records from disk. The key then reads as a log never written (positions restart at 0). */
  deleteLog(log: string): Promise<void>;
}
