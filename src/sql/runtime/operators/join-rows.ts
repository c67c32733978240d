/** Builds the combined rows joins evaluate ON and SELECT over: each side's columns under its own keys. */
import type { Row } from '../../plan/bound-expr.js';

export interface JoinSide {
  /** Pairs of (key in this side's rows, key in the combined row). */
  readonly keys: readonly (readonly [string, string])[];
  /** Combined-row key that receives this side's ROWTIME (`s.ROWTIME`), if any. */
  readonly rowtimeKey?: string;
}

export function copySide(target: Row, side: JoinSide, row: Row | undefined, rowtime: number | null): void {
  for (const [from, to] of side.keys) target[to] = row ? (row[from] ?? null) : null;
  if (side.rowtimeKey) target[side.rowtimeKey] = row ? rowtime : null;
}
