/**
 * S3 custom prefixes: parsing, the rules AWS enforces at CreateDeliveryStream/UpdateDestination, and evaluation.
 *
 * Expressions are `!{namespace:value}` with the namespaces `timestamp` (a DateTimeFormatter pattern),
 * `firehose` (`random-string`, `error-output-type`), `partitionKeyFromQuery` and `partitionKeyFromLambda`.
 * A Prefix without expressions gets the default `yyyy/MM/dd/HH/` appended as is (no slash added); an
 * ErrorOutputPrefix without expressions gets `<error-output-type>/yyyy/MM/dd/HH/` appended (AWS's documentation
 * is inconsistent on that layout; this is the one Freshet uses).
 */
import { randomInt } from 'node:crypto';
import { formatTimestamp, unsupportedLetters } from './timestamp-format.js';

export type PrefixPart = { text: string } | { ns: string; value: string };

const EXPRESSION = /^!\{([A-Za-z]+):([^}]*)\}/;
const NAMESPACES = new Set(['timestamp', 'firehose', 'partitionKeyFromQuery', 'partitionKeyFromLambda']);

/** Splits a prefix into text and expressions; throws a message when `!{` does not start a valid expression. */
export function parsePrefix(prefix: string): PrefixPart[] {
  const parts: PrefixPart[] = [];
  let text = '';
  let i = 0;
  while (i < prefix.length) {
    if (prefix.startsWith('!{', i)) {
      const m = EXPRESSION.exec(prefix.slice(i));
      if (!m || !NAMESPACES.has(m[1]!)) throw new Error(`Invalid expression at position ${i} of prefix '${prefix}': expected !{namespace:value} with namespace timestamp, firehose, partitionKeyFromQuery or partitionKeyFromLambda.`);
      if (text) parts.push({ text });
      text = '';
      parts.push({ ns: m[1]!, value: m[2]! });
      i += m[0].length;
    } else {
      text += prefix[i];
      i++;
    }
  }
  if (text) parts.push({ text });
  return parts;
}

const hasExpressions = (parts: PrefixPart[]): boolean => parts.some((p) => 'ns' in p);

/** AWS's rules for Prefix/ErrorOutputPrefix; returns the InvalidArgumentException message of the first broken one. */
export function prefixProblem(prefix: string | undefined, errorPrefix: string | undefined, dynamicPartitioning: boolean): string | undefined {
  let parts: PrefixPart[];
  let errorParts: PrefixPart[];
  try {
    parts = parsePrefix(prefix ?? '');
    errorParts = parsePrefix(errorPrefix ?? '');
  } catch (err) {
    return (err as Error).message;
  }
  for (const [which, list] of [['Prefix', parts], ['ErrorOutputPrefix', errorParts]] as const) {
    for (const p of list) {
      if (!('ns' in p)) continue;
      if (p.ns === 'timestamp') {
        const bad = unsupportedLetters(p.value);
        if (!p.value || bad.length) return `${which} has an invalid timestamp pattern '${p.value}'.`;
      } else if (p.ns === 'firehose') {
        if (p.value !== 'random-string' && p.value !== 'error-output-type') return `${which} has an unknown firehose expression '${p.value}'; use random-string or error-output-type.`;
        if (p.value === 'error-output-type' && which === 'Prefix') return 'The expression !{firehose:error-output-type} is not allowed in Prefix.';
      } else {
        if (which === 'ErrorOutputPrefix') return `The expression !{${p.ns}:${p.value}} is not allowed in ErrorOutputPrefix.`;
        if (!dynamicPartitioning) return `Dynamic partitioning must be enabled to use !{${p.ns}:${p.value}} in Prefix.`;
        if (!p.value) return `Prefix has an empty partition key in !{${p.ns}:}.`;
      }
    }
  }
  if (hasExpressions(parts) && !errorPrefix) return 'ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.';
  if (dynamicPartitioning && !errorPrefix) return 'ErrorOutputPrefix cannot be null or empty when dynamic partitioning is enabled.';
  if (dynamicPartitioning && !parts.some((p) => 'ns' in p && p.ns.startsWith('partitionKeyFrom'))) {
    return 'Prefix must contain at least one !{partitionKeyFromQuery:…} or !{partitionKeyFromLambda:…} expression when dynamic partitioning is enabled.';
  }
  if (hasExpressions(errorParts) && !errorParts.some((p) => 'ns' in p && p.ns === 'firehose' && p.value === 'error-output-type')) {
    return 'ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions.';
  }
  return undefined;
}

const RANDOM_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function randomString(): string {
  let s = '';
  for (let i = 0; i < 11; i++) s += RANDOM_CHARS[randomInt(RANDOM_CHARS.length)];
  return s;
}

export interface PrefixValues {
  /** Approximate arrival of the oldest record of the object. */
  timestamp: Date;
  partitionKeys?: { query?: Record<string, string>; lambda?: Record<string, string> };
  errorOutputType?: string;
}

const DEFAULT_TIME = 'yyyy/MM/dd/HH/';

function evaluate(parts: PrefixPart[], v: PrefixValues): string {
  let out = '';
  for (const p of parts) {
    if (!('ns' in p)) out += p.text;
    else if (p.ns === 'timestamp') out += formatTimestamp(p.value, v.timestamp);
    else if (p.ns === 'firehose') out += p.value === 'random-string' ? randomString() : (v.errorOutputType ?? '');
    else if (p.ns === 'partitionKeyFromQuery') out += v.partitionKeys?.query?.[p.value] ?? '';
    else out += v.partitionKeys?.lambda?.[p.value] ?? '';
  }
  return out;
}

/** The evaluated Prefix for an object of delivered records. */
export function evaluatePrefix(prefix: string | undefined, v: PrefixValues): string {
  const parts = parsePrefix(prefix ?? '');
  return hasExpressions(parts) ? evaluate(parts, v) : (prefix ?? '') + formatTimestamp(DEFAULT_TIME, v.timestamp);
}

/** The evaluated ErrorOutputPrefix for records that failed with `errorOutputType` (e.g. processing-failed). */
export function evaluateErrorPrefix(errorPrefix: string | undefined, v: PrefixValues & { errorOutputType: string }): string {
  const parts = parsePrefix(errorPrefix ?? '');
  return hasExpressions(parts) ? evaluate(parts, v) : `${errorPrefix ?? ''}${v.errorOutputType}/${formatTimestamp(DEFAULT_TIME, v.timestamp)}`;
}

/** The keys a Prefix needs from dynamic partitioning. */
export function partitionKeyNames(prefix: string | undefined): { query: string[]; lambda: string[] } {
  const parts = parsePrefix(prefix ?? '');
  const names = { query: [] as string[], lambda: [] as string[] };
  for (const p of parts) {
    if ('ns' in p && p.ns === 'partitionKeyFromQuery') names.query.push(p.value);
    if ('ns' in p && p.ns === 'partitionKeyFromLambda') names.lambda.push(p.value);
  }
  return names;
}
