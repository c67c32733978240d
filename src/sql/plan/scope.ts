/**
 * Name resolution for one query level: the sources of its FROM clause, with KDA's rules (names are compared
 * exactly, after unquoted names were upper-cased by the lexer). A missing name that differs only in case gets a
 * hint, since that is the commonest mistake with KDA's implicitly quoted schema columns ("heartRate").
 */
import { SqlCompileError, type SourcePosition } from '../errors.js';
import type { SqlType } from '../types.js';
import type { BExpr } from './bound-expr.js';

export interface ScopeColumn {
  readonly name: string;
  readonly type: SqlType;
  /** Where the value sits in the rows this query level reads. */
  readonly key: string;
  /** System columns (APPROXIMATE_ARRIVAL_TIME) resolve by name but are not part of `*`. */
  readonly hidden?: boolean;
}

export interface ScopeSource {
  /** Names that qualify this source: its alias, or its stream/table name when it has none. */
  readonly names: readonly string[];
  readonly columns: readonly ScopeColumn[];
  /** How to read this source's ROWTIME (`s.ROWTIME`); undefined for tables. */
  readonly rowtime?: BExpr;
}

const TIMESTAMP: SqlType = Object.freeze({ name: 'TIMESTAMP', nullable: false });

export class Scope {
  constructor(readonly sources: readonly ScopeSource[]) {}

  resolve(parts: readonly string[], pos: SourcePosition): BExpr {
    if (parts.length === 1 && parts[0] === 'ROWTIME') return { k: 'rowtime', type: TIMESTAMP };
    // alias.column[.field…]
    if (parts.length >= 2) {
      const source = this.sources.find((s) => s.names.includes(parts[0]!));
      if (source) {
        const col = parts[1]!;
        let e: BExpr;
        if (col === 'ROWTIME' && source.rowtime) e = source.rowtime;
        else {
          const c = source.columns.find((x) => x.name === col);
          if (!c) throw notFound(`Column '${col}' not found in table '${parts[0]}'`, col, source.columns, pos);
          e = { k: 'field', type: c.type, key: c.key };
        }
        return this.fields(e, parts.slice(2), pos);
      }
    }
    // column[.field…]
    const name = parts[0]!;
    const hits: ScopeColumn[] = [];
    for (const s of this.sources) for (const c of s.columns) if (c.name === name) hits.push(c);
    if (hits.length > 1) throw new SqlCompileError(`Column '${name}' is ambiguous`, pos);
    if (hits.length === 0) {
      if (parts.length >= 2) {
        const tables = this.sources.flatMap((s) => s.names);
        const near = tables.find((t) => t.toUpperCase() === parts[0]!.toUpperCase());
        throw new SqlCompileError(
          `Table '${parts[0]}' not found${near ? `; did you mean "${near}"? (unquoted names are upper-cased)` : ''}`,
          pos,
        );
      }
      throw notFound(`Column '${name}' not found in any table`, name, this.sources.flatMap((s) => s.columns), pos);
    }
    const c = hits[0]!;
    return this.fields({ k: 'field', type: c.type, key: c.key }, parts.slice(1), pos);
  }

  /** ROW-typed values (log parser results) are read with further dotted names: `t.REC.COLUMN1`. */
  private fields(e: BExpr, rest: readonly string[], pos: SourcePosition): BExpr {
    let out = e;
    for (const f of rest) {
      const fields = out.type.fields;
      const field = fields?.find((x) => x.name === f) ?? fields?.find((x) => x.name.toUpperCase() === f.toUpperCase());
      if (!field) throw new SqlCompileError(`Unknown field '${f}'`, pos);
      out = { k: 'strict', type: field.type, fn: 'member', args: [out], extra: [field.name] };
    }
    return out;
  }

  /** The columns `*` or `alias.*` stands for. */
  star(qualifier: string | undefined, pos: SourcePosition): ScopeColumn[] {
    const sources = qualifier === undefined ? this.sources : this.sources.filter((s) => s.names.includes(qualifier));
    if (sources.length === 0) throw new SqlCompileError(`Table '${qualifier}' not found`, pos);
    return sources.flatMap((s) => s.columns.filter((c) => !c.hidden));
  }
}

function notFound(message: string, name: string, columns: readonly ScopeColumn[], pos: SourcePosition): SqlCompileError {
  const near = columns.find((c) => c.name !== name && c.name.toUpperCase() === name.toUpperCase());
  return new SqlCompileError(near ? `${message}; did you mean "${near.name}"? (unquoted names are upper-cased)` : message, pos);
}
