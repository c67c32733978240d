/**
 * Record templates with placeholders for random values, in the spirit of the Kinesis Data Generator (faker.js
 * names): `{{random.number(1,100)}}`, `{{random.arrayElement(["a","b"])}}`, `{{date.now}}`, `{{random.uuid}}`.
 * Arguments are JSON values. A template is compiled once and rendered per record.
 */
import type { Random } from './random.js';

export interface RenderContext {
  random: Random;
  /** 0-based number of the record being generated. */
  index: number;
  now: Date;
}

type Helper = (ctx: RenderContext, args: unknown[]) => string | number | boolean;

const FIRST_NAMES = ['Ana', 'Bo', 'Chen', 'Dara', 'Elif', 'Femi', 'Gus', 'Hana', 'Ivan', 'Joon', 'Kai', 'Lena', 'Mira', 'Nia', 'Omar', 'Pia'];
const LAST_NAMES = ['Silva', 'Jensen', 'Wang', 'Okafor', 'Yilmaz', 'Garcia', 'Novak', 'Sato', 'Kowalski', 'Haddad', 'Berg', 'Moreau'];
const WORDS = ['stream', 'shard', 'record', 'river', 'delta', 'ocean', 'rapid', 'spring', 'flow', 'current', 'tide', 'brook'];

function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${what} must be a number`);
  return v;
}

/** faker.js 4: number(max) | number(min, max) | number({min, max, precision}), bounds included. */
const randomNumber: Helper = ({ random }, args) => {
  let min = 0;
  let max = 99999;
  let precision = 1;
  const [a, b] = args;
  if (a !== null && typeof a === 'object') {
    const o = a as { min?: unknown; max?: unknown; precision?: unknown };
    if (o.min !== undefined) min = num(o.min, 'min');
    if (o.max !== undefined) max = num(o.max, 'max');
    if (o.precision !== undefined) precision = num(o.precision, 'precision');
  } else if (b !== undefined) {
    min = num(a, 'min');
    max = num(b, 'max');
  } else if (a !== undefined) max = num(a, 'max');
  if (max < min) throw new Error(`random.number: max ${max} is below min ${min}`);
  const steps = Math.floor((max - min) / precision);
  const value = min + random.int(0, steps) * precision;
  const decimals = (String(precision).split('.')[1] ?? '').length;
  return Number(value.toFixed(decimals));
};

const HELPERS: Record<string, Helper> = {
  'random.number': randomNumber,
  'random.float': ({ random }, [min = 0, max = 1, decimals = 2]) =>
    Number(random.float(num(min, 'min'), num(max, 'max')).toFixed(num(decimals, 'decimals'))),
  'random.arrayElement': ({ random }, [items]) => {
    if (!Array.isArray(items) || items.length === 0) throw new Error('random.arrayElement needs a non-empty array');
    return String(random.pick(items));
  },
  'random.weightedArrayElement': ({ random }, [spec]) => {
    const { weights, data } = (spec ?? {}) as { weights?: unknown; data?: unknown };
    if (!Array.isArray(weights) || !Array.isArray(data) || weights.length !== data.length || data.length === 0) {
      throw new Error('random.weightedArrayElement needs {"weights": [...], "data": [...]} of the same length');
    }
    const total = weights.reduce((s: number, w) => s + num(w, 'weight'), 0);
    let r = random.next() * total;
    for (let i = 0; i < data.length; i++) if ((r -= weights[i] as number) < 0) return String(data[i]);
    return String(data[data.length - 1]);
  },
  'random.boolean': ({ random }) => random.next() < 0.5,
  'random.uuid': ({ random }) => random.uuid(),
  'random.alphaNumeric': ({ random }, [n = 1]) => random.chars(num(n, 'length'), 'abcdefghijklmnopqrstuvwxyz0123456789'),
  'random.word': ({ random }) => random.pick(WORDS),
  'name.firstName': ({ random }) => random.pick(FIRST_NAMES),
  'name.lastName': ({ random }) => random.pick(LAST_NAMES),
  'internet.ip': ({ random }) => [random.int(1, 254), random.int(0, 255), random.int(0, 255), random.int(1, 254)].join('.'),
  'date.now': ({ now }, [format]) => formatDate(now, format === undefined ? undefined : String(format)),
  'record.index': ({ index }) => index,
};

/** The placeholders a template may use, for help and error messages. */
export const PLACEHOLDERS = Object.keys(HELPERS);

/**
 * `date.now` formats: none → ISO-8601 UTC; "X" epoch seconds; "x" epoch milliseconds; otherwise moment-style
 * tokens YYYY MM DD HH mm ss SSS (UTC).
 */
function formatDate(d: Date, format: string | undefined): string | number {
  if (format === undefined) return d.toISOString();
  if (format === 'X') return Math.floor(d.getTime() / 1000);
  if (format === 'x') return d.getTime();
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const tokens: Record<string, string> = {
    YYYY: String(d.getUTCFullYear()),
    MM: p(d.getUTCMonth() + 1),
    DD: p(d.getUTCDate()),
    HH: p(d.getUTCHours()),
    mm: p(d.getUTCMinutes()),
    ss: p(d.getUTCSeconds()),
    SSS: p(d.getUTCMilliseconds(), 3),
  };
  return format.replace(/YYYY|SSS|MM|DD|HH|mm|ss/g, (t) => tokens[t]!);
}

export type CompiledTemplate = (ctx: RenderContext) => string;

const PLACEHOLDER = /\{\{\s*([\s\S]*?)\s*\}\}/g;

export function compileTemplate(text: string, source = 'template'): CompiledTemplate {
  const parts: (string | ((ctx: RenderContext) => string))[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    parts.push(text.slice(last, m.index));
    parts.push(compilePlaceholder(m[1]!, `${source}: {{${m[1]}}}`));
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return (ctx) => parts.map((p) => (typeof p === 'string' ? p : p(ctx))).join('');
}

function compilePlaceholder(expr: string, where: string): (ctx: RenderContext) => string {
  const m = /^([a-zA-Z]+\.[a-zA-Z]+)\s*(?:\(([\s\S]*)\))?$/.exec(expr.trim());
  const helper = m ? HELPERS[m[1]!] : undefined;
  if (!m || !helper) throw new Error(`${where}: unknown placeholder (known: ${PLACEHOLDERS.join(', ')})`);
  let args: unknown[];
  try {
    args = m[2] === undefined || m[2].trim() === '' ? [] : (JSON.parse(`[${m[2]}]`) as unknown[]);
  } catch {
    throw new Error(`${where}: arguments must be JSON values, e.g. random.arrayElement(["a", "b"])`);
  }
  return (ctx) => {
    try {
      return String(helper(ctx, args));
    } catch (err) {
      throw new Error(`${where}: ${(err as Error).message}`);
    }
  };
}
