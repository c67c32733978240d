/** The slice of a record store the engine comparison exercises: group-committed appends and batched reads. */
import type { RecordInput } from '../../src/storage/engine.js';

export interface Candidate {
  readonly name: string;
  /** Appends durably (fsync before resolving; concurrent appends may share a sync). Returns the first position. */
  append(log: string, records: RecordInput[]): Promise<number>;
  /** Reads up to `limit` records from `from`; returns how many were read (each fully decoded). */
  read(log: string, from: number, limit: number): Promise<number>;
  close(): Promise<void>;
}
