/**
 * The syntax tree of KDA application code: frozen plain objects tagged by `kind` (the operation-node style), so
 * passes can share and compare subtrees safely. Names are already normalised: unquoted upper-cased, quoted exact.
 */
import type { SourcePosition } from '../errors.js';
import type { SqlType } from '../types.js';

export type Pos = SourcePosition;

/** Deep-freezes a freshly built node (children are frozen when they are built). */
export function node<T extends AnyNode>(n: T): T {
  return Object.freeze(n);
}

export type AnyNode = Expr | Query | FromItem | CursorArg | Statement | Script | WindowSpec | SelectItem | StarItem;

// ---------------------------------------------------------------- expressions

export type Expr =
  | LiteralExpr
  | RefExpr
  | UnaryExpr
  | BinaryExpr
  | IsExpr
  | LikeExpr
  | BetweenExpr
  | InExpr
  | CaseExpr
  | CastExpr
  | CallExpr
  | FloorCeilExpr
  | StepExpr
  | ExtractExpr
  | RowConstructorExpr;

export interface LiteralExpr {
  readonly kind: 'Literal';
  readonly type: SqlType;
  /** In the engine's representation (see types.ts): numbers, Decimal, strings, Uint8Array, booleans, null. */
  readonly value: unknown;
  readonly pos: Pos;
}

/** A possibly qualified name: `price`, `s.ROWTIME`, `t.REC.COLUMN1`. */
export interface RefExpr {
  readonly kind: 'Ref';
  readonly parts: readonly string[];
  readonly pos: Pos;
}

export interface UnaryExpr {
  readonly kind: 'Unary';
  readonly op: '-' | '+' | 'NOT';
  readonly operand: Expr;
  readonly pos: Pos;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '||' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';

export interface BinaryExpr {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly pos: Pos;
}

export interface IsExpr {
  readonly kind: 'Is';
  readonly operand: Expr;
  readonly test: 'NULL' | 'TRUE' | 'FALSE' | 'UNKNOWN';
  readonly negated: boolean;
  readonly pos: Pos;
}

export interface LikeExpr {
  readonly kind: 'Like';
  readonly operand: Expr;
  readonly pattern: Expr;
  readonly escape?: Expr;
  readonly negated: boolean;
  /** SIMILAR TO rather than LIKE. */
  readonly similar: boolean;
  readonly pos: Pos;
}

export interface BetweenExpr {
  readonly kind: 'Between';
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly negated: boolean;
  readonly pos: Pos;
}

export interface InExpr {
  readonly kind: 'In';
  readonly operand: Expr;
  readonly list: readonly Expr[];
  readonly negated: boolean;
  readonly pos: Pos;
}

export interface CaseExpr {
  readonly kind: 'Case';
  /** Present for the simple form `CASE x WHEN v THEN …`. */
  readonly operand?: Expr;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else?: Expr;
  readonly pos: Pos;
}

export interface CastExpr {
  readonly kind: 'Cast';
  readonly operand: Expr;
  readonly type: SqlType;
  readonly pos: Pos;
}

export interface CallExpr {
  readonly kind: 'Call';
  /** Upper-case function name. */
  readonly name: string;
  readonly args: readonly Expr[];
  /** `COUNT(*)`. */
  readonly star: boolean;
  readonly distinct: boolean;
  /** `IGNORE NULLS` / `RESPECT NULLS` (LAG, FIRST_VALUE, LAST_VALUE, NTH_VALUE). */
  readonly nulls?: 'IGNORE' | 'RESPECT';
  /** NTH_VALUE … FROM LAST. */
  readonly fromLast?: boolean;
  /** Analytic use: `OVER w` (a name) or `OVER (…)`. */
  readonly over?: WindowSpec | string;
  /** Niladic forms written without parentheses (CURRENT_ROW_TIMESTAMP, LOCALTIME, …). */
  readonly niladic?: boolean;
  readonly pos: Pos;
}

export type TimeUnit = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND' | 'MILLISECOND';

/** `FLOOR(ts TO MINUTE)` / `CEIL(ts TO HOUR)`; `FLOOR(n)` is a plain Call. */
export interface FloorCeilExpr {
  readonly kind: 'FloorCeil';
  readonly fn: 'FLOOR' | 'CEIL';
  readonly operand: Expr;
  readonly unit: TimeUnit;
  readonly pos: Pos;
}

/** `STEP(x BY width)`. */
export interface StepExpr {
  readonly kind: 'Step';
  readonly operand: Expr;
  readonly width: Expr;
  readonly pos: Pos;
}

export interface ExtractExpr {
  readonly kind: 'Extract';
  readonly unit: TimeUnit;
  readonly operand: Expr;
  readonly pos: Pos;
}

/** `ROW(a, b)` or a parenthesised list; only valid in a few positions (IN lists, VALUES). */
export interface RowConstructorExpr {
  readonly kind: 'RowConstructor';
  readonly items: readonly Expr[];
  readonly pos: Pos;
}

// ---------------------------------------------------------------- windows

export interface WindowFrame {
  readonly unit: 'RANGE' | 'ROWS';
  /** The PRECEDING amount: an interval literal (RANGE), a row count (ROWS); 0 for CURRENT ROW. */
  readonly preceding: Expr | 'CURRENT ROW';
  readonly pos: Pos;
}

export interface WindowSpec {
  readonly kind: 'WindowSpec';
  /** `OVER (w2 …)` refines a named window. */
  readonly base?: string;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame?: WindowFrame;
  readonly pos: Pos;
}

export interface NamedWindow {
  readonly name: string;
  readonly spec: WindowSpec;
}

// ---------------------------------------------------------------- queries

export type Query = SelectQuery | UnionQuery | ValuesQuery;

export interface SelectItem {
  readonly kind: 'SelectItem';
  readonly expr: Expr;
  readonly alias?: string;
  readonly pos: Pos;
}

/** `*` or `alias.*`. */
export interface StarItem {
  readonly kind: 'Star';
  readonly qualifier?: string;
  readonly pos: Pos;
}

export interface OrderItem {
  readonly expr: Expr;
  readonly desc: boolean;
}

export interface SelectQuery {
  readonly kind: 'Select';
  readonly stream: boolean;
  readonly distinct: boolean;
  readonly items: readonly (SelectItem | StarItem)[];
  readonly from?: FromItem;
  readonly where?: Expr;
  readonly groupBy?: readonly Expr[];
  readonly stagger?: { readonly partitionBy: readonly Expr[]; readonly range: Expr; readonly pos: Pos };
  readonly having?: Expr;
  readonly windows: readonly NamedWindow[];
  readonly orderBy?: readonly OrderItem[];
  /** T-sort: `ORDER BY ts WITHIN INTERVAL '…' …` reorders rows within this slack. */
  readonly orderWithin?: Expr;
  readonly pos: Pos;
}

export interface UnionQuery {
  readonly kind: 'Union';
  readonly all: boolean;
  readonly left: Query;
  readonly right: Query;
  /** `… UNION ALL … ORDER BY …`: sorts the whole union. */
  readonly orderBy?: readonly OrderItem[];
  readonly pos: Pos;
}

export interface ValuesQuery {
  readonly kind: 'Values';
  readonly rows: readonly (readonly Expr[])[];
  readonly pos: Pos;
}

export type FromItem = TableRef | SubqueryRef | TableFunctionRef | JoinRef;

export interface TableRef {
  readonly kind: 'TableRef';
  /** `S` or `SCHEMA.S`; the last part is the stream or table name. */
  readonly name: readonly string[];
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
  /** Per-input window of a stream–stream join. */
  readonly over?: WindowSpec | string;
  readonly pos: Pos;
}

export interface SubqueryRef {
  readonly kind: 'Subquery';
  readonly query: Query;
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
  readonly over?: WindowSpec | string;
  readonly pos: Pos;
}

export interface CursorArg {
  readonly kind: 'Cursor';
  readonly query: Query;
  readonly pos: Pos;
}

/** `TABLE(FN(CURSOR(SELECT STREAM …), arg, …))`. */
export interface TableFunctionRef {
  readonly kind: 'TableFunction';
  readonly name: string;
  readonly args: readonly (Expr | CursorArg)[];
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
  readonly pos: Pos;
}

export interface JoinRef {
  readonly kind: 'Join';
  readonly joinType: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';
  readonly left: FromItem;
  readonly right: FromItem;
  readonly on?: Expr;
  readonly pos: Pos;
}

// ---------------------------------------------------------------- statements

export type Statement = CreateStreamStmt | CreatePumpStmt;

export interface ColumnDef {
  readonly name: string;
  readonly type: SqlType;
  readonly pos: Pos;
}

export interface CreateStreamStmt {
  readonly kind: 'CreateStream';
  readonly orReplace: boolean;
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly description?: string;
  readonly pos: Pos;
}

export interface CreatePumpStmt {
  readonly kind: 'CreatePump';
  readonly orReplace: boolean;
  readonly name: string;
  readonly description?: string;
  readonly target: string;
  readonly targetColumns?: readonly string[];
  readonly query: Query;
  readonly pos: Pos;
}

export interface Script {
  readonly kind: 'Script';
  readonly statements: readonly Statement[];
}
