/**
 * Request validation the way AWS's Coral front end does it (messages recorded from AWS by kinesalite):
 *
 * 1. type checks, member by member in the table's order → `SerializationException` with `Message` naming the Java
 *    class that could not be converted ("class java.lang.Boolean can not be converted to an String"…); unknown
 *    members and nulls are dropped; blobs and timestamps are normalised for the request's protocol (JSON: base64
 *    string / epoch seconds; CBOR: bytes / `Date` or epoch ms) into `Buffer` and `Date`;
 * 2. `required` members → "The paramater '…' is required but was not present in the request" (sic, AWS's typo);
 * 3. constraints → one `ValidationException` listing up to 10 failures:
 *    "N validation error(s) detected: Value '…' at '…' failed to satisfy constraint: …; …";
 * 4. the action's `custom` check, whose message becomes a `ValidationException` of its own.
 */
import { AwsError, type WireProtocol } from '../../server/service.js';

export type FieldType =
  | 'Boolean'
  | 'Short'
  | 'Integer'
  | 'Long'
  | 'Double'
  | 'String'
  | 'Blob'
  | 'Timestamp'
  | 'List'
  | 'Map'
  | 'Structure';

export interface FieldSpec {
  type: FieldType;
  /** Missing → "The paramater … is required" before any other constraint. */
  required?: boolean;
  /** Missing → "Value null at '…' failed to satisfy constraint: Member must not be null". */
  notNull?: boolean;
  /** Like notNull, but only when the named sibling member is missing too (StreamName unless StreamARN). */
  notNullUnless?: string;
  greaterThanOrEqual?: number;
  lessThanOrEqual?: number;
  regex?: string;
  lengthGreaterThanOrEqual?: number;
  lengthLessThanOrEqual?: number;
  enum?: readonly string[];
  /** Every list member's length within [min, max]. */
  childLengths?: readonly [number, number];
  childKeyLengths?: readonly [number, number];
  childValueLengths?: readonly [number, number];
  /** How list/map members are printed in messages (AWS prints object members by their Java toString). */
  memberStr?: string;
  /** List/Map: the member spec; Structure: the member table. */
  children?: FieldSpec | FieldTable;
}

export type FieldTable = Record<string, FieldSpec>;

export interface ActionValidation {
  types: FieldTable;
  /** Runs after the constraints pass; a returned string is sent as a ValidationException message. */
  custom?: (data: Record<string, any>) => string | undefined;
}

export function serializationError(message: string): AwsError {
  return new AwsError('SerializationException', message, 400, 'Message');
}

function validationException(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function toLowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);

/** Runs all steps and returns the normalised input (Buffers for blobs, Dates for timestamps). */
export function validateInput(input: unknown, validation: ActionValidation, protocol: WireProtocol): Record<string, any> {
  const raw = isPlainObject(input) ? input : {};
  const data = checkTypes(raw, validation.types, protocol);
  checkValidations(data, validation.types, validation.custom);
  return data;
}

// ---- 1. types -----------------------------------------------------------------------------------------------

export function checkTypes(data: Record<string, unknown>, types: FieldTable, protocol: WireProtocol): Record<string, any> {
  const out: Record<string, any> = {};
  for (const key of Object.keys(types)) {
    const val = checkType(data[key], types[key]!, protocol);
    if (val !== undefined && val !== null) out[key] = val;
  }
  return out;
}

const BIG_NUMBER = 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber';
const LIST_NOT_EXPECTED = 'Start of list found where not expected';
const MAP_NOT_EXPECTED = 'Start of structure or map found where not expected.';

function objectError(val: unknown): AwsError {
  return serializationError(Array.isArray(val) ? LIST_NOT_EXPECTED : MAP_NOT_EXPECTED);
}

function checkType(val: unknown, spec: FieldSpec, protocol: WireProtocol): unknown {
  if (val === null || val === undefined) return null;
  const type = spec.type;
  switch (type) {
    case 'Boolean':
      switch (typeof val) {
        case 'number':
          throw serializationError(`${BIG_NUMBER} can not be converted to an Boolean`);
        case 'string':
          // AWS upper-cases the offending text in this one message.
          throw serializationError(`'${val.toUpperCase()}' can not be converted to an Boolean`);
        case 'object':
          throw objectError(val);
      }
      return val;
    case 'Short':
    case 'Integer':
    case 'Long':
    case 'Double': {
      let n = val;
      switch (typeof val) {
        case 'boolean':
          throw serializationError(`class java.lang.Boolean can not be converted to an ${type}`);
        case 'number':
          if (type !== 'Double') n = Math.floor(val);
          if (type === 'Short') n = Math.min(n as number, 32767);
          if (type === 'Integer') n = Math.min(n as number, 2147483647);
          break;
        case 'bigint':
          n = type === 'Double' || type === 'Long' ? Number(val) : Math.min(Number(val), type === 'Short' ? 32767 : 2147483647);
          break;
        case 'string':
          throw serializationError(`class java.lang.String can not be converted to an ${type}`);
        case 'object':
          throw objectError(val);
      }
      return n;
    }
    case 'String':
      switch (typeof val) {
        case 'boolean':
          throw serializationError('class java.lang.Boolean can not be converted to an String');
        case 'number':
        case 'bigint':
          throw serializationError(`${BIG_NUMBER} can not be converted to an String`);
        case 'object':
          throw objectError(val);
      }
      return val;
    case 'Blob':
      return checkBlob(val);
    case 'Timestamp':
      return checkTimestamp(val, protocol);
    case 'List':
      switch (typeof val) {
        case 'boolean':
        case 'number':
        case 'bigint':
        case 'string':
          throw serializationError('Expected list or null');
      }
      if (!Array.isArray(val)) throw serializationError(MAP_NOT_EXPECTED);
      return val.map((child) => checkType(child, spec.children as FieldSpec, protocol));
    case 'Map': {
      switch (typeof val) {
        case 'boolean':
        case 'number':
        case 'bigint':
        case 'string':
          throw serializationError('Expected map or null');
      }
      if (Array.isArray(val)) throw serializationError(LIST_NOT_EXPECTED);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(val as Record<string, unknown>)) out[k] = checkType(v, spec.children as FieldSpec, protocol);
      return out;
    }
    case 'Structure':
      switch (typeof val) {
        case 'boolean':
        case 'number':
        case 'bigint':
        case 'string':
          throw serializationError('Expected null');
      }
      if (Array.isArray(val)) throw serializationError(LIST_NOT_EXPECTED);
      return checkTypes(val as Record<string, unknown>, spec.children as FieldTable, protocol);
  }
}

function checkBlob(val: unknown): Buffer {
  switch (typeof val) {
    case 'boolean':
      throw serializationError('class java.lang.Boolean can not be converted to a Blob');
    case 'number':
    case 'bigint':
      throw serializationError(`${BIG_NUMBER} can not be converted to a Blob`);
    case 'object':
      // CBOR carries blobs as byte strings.
      if (val instanceof Uint8Array) return Buffer.isBuffer(val) ? val : Buffer.from(val.buffer, val.byteOffset, val.byteLength);
      throw objectError(val);
  }
  const s = val as string;
  if (s.length % 4) {
    throw serializationError(
      `'${s}' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: ${s.length}`,
    );
  }
  const bad = /[^a-zA-Z0-9+/=]|=[^=]/.exec(s);
  if (bad) throw serializationError(`'${s}' can not be converted to a Blob: Invalid Base64 character: '${bad[0][0]}'`);
  const bytes = Buffer.from(s, 'base64');
  if (bytes.toString('base64') !== s) {
    // Sic: AWS's message misspells "detected".
    throw serializationError(`'${s}' can not be converted to a Blob: Invalid last non-pad Base64 character dectected`);
  }
  return bytes;
}

function checkTimestamp(val: unknown, protocol: WireProtocol): Date {
  if (val instanceof Date) return val;
  switch (typeof val) {
    case 'boolean':
      throw serializationError('class java.lang.Boolean can not be converted to milliseconds since epoch');
    case 'string':
      throw serializationError('class java.lang.String can not be converted to milliseconds since epoch');
    case 'object':
      throw objectError(val);
    case 'bigint':
      return new Date(protocol === 'cbor' ? Number(val) : Number(val) * 1000);
  }
  // JSON: epoch seconds with a fraction; CBOR untagged: epoch milliseconds.
  const n = val as number;
  return new Date(protocol === 'cbor' ? n : Math.round(n * 1000));
}

// ---- 2–4. constraints ----------------------------------------------------------------------------------------

type Check = (spec: FieldSpec, data: any) => string | undefined;

// Patterns are few and fixed: compile each once (validation runs on every data-plane request).
const compiled = new Map<string, RegExp>();
function anchored(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, re);
  }
  return re;
}

function lengthOf(data: unknown): number {
  if (typeof data === 'string' || Array.isArray(data)) return data.length;
  if (data instanceof Uint8Array) return data.length;
  if (typeof data === 'object' && data !== null) return Object.keys(data).length;
  return 0;
}

const CHECKS: Record<string, Check> = {
  greaterThanOrEqual: (s, d) => (d >= s.greaterThanOrEqual! ? undefined : `Member must have value greater than or equal to ${s.greaterThanOrEqual}`),
  lessThanOrEqual: (s, d) => (d <= s.lessThanOrEqual! ? undefined : `Member must have value less than or equal to ${s.lessThanOrEqual}`),
  regex: (s, d) => (anchored(s.regex!).test(d) ? undefined : `Member must satisfy regular expression pattern: ${s.regex}`),
  lengthGreaterThanOrEqual: (s, d) =>
    lengthOf(d) >= s.lengthGreaterThanOrEqual! ? undefined : `Member must have length greater than or equal to ${s.lengthGreaterThanOrEqual}`,
  lengthLessThanOrEqual: (s, d) =>
    lengthOf(d) <= s.lengthLessThanOrEqual! ? undefined : `Member must have length less than or equal to ${s.lengthLessThanOrEqual}`,
  enum: (s, d) => (s.enum!.includes(d) ? undefined : `Member must satisfy enum value set: [${s.enum!.join(', ')}]`),
  childLengths: (s, d: string[]) => {
    const [min, max] = s.childLengths!;
    return d.every((x) => x.length >= min && x.length <= max)
      ? undefined
      : `Member must satisfy constraint: [Member must have length less than or equal to ${max}, Member must have length greater than or equal to ${min}]`;
  },
  childKeyLengths: (s, d: Record<string, string>) => {
    const [min, max] = s.childKeyLengths!;
    return Object.keys(d).every((x) => x.length >= min && x.length <= max)
      ? undefined
      : `Map keys must satisfy constraint: [Member must have length less than or equal to ${max}, Member must have length greater than or equal to ${min}]`;
  },
  childValueLengths: (s, d: Record<string, string>) => {
    const [min, max] = s.childValueLengths!;
    return Object.values(d).every((x) => x.length >= min && x.length <= max)
      ? undefined
      : `Map value must satisfy constraint: [Member must have length less than or equal to ${max}, Member must have length greater than or equal to ${min}]`;
  },
};

const MAX_ERRORS = 10;

export function checkValidations(
  data: Record<string, any>,
  types: FieldTable,
  custom?: (data: Record<string, any>) => string | undefined,
): void {
  for (const [attr, spec] of Object.entries(types)) {
    if (spec.required && data[attr] == null) {
      throw validationException(`The paramater '${toLowerFirst(attr)}' is required but was not present in the request`);
    }
  }
  const errors: string[] = [];
  checkMembers(data, types, '', errors);
  if (errors.length) {
    throw validationException(
      `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`,
    );
  }
  const msg = custom?.(data);
  if (msg) throw validationException(msg);
}

function checkMembers(data: Record<string, any>, types: FieldTable, parent: string, errors: string[]): void {
  for (const [attr, spec] of Object.entries(types)) checkMember(attr, data[attr], spec, parent, errors, data);
}

function checkMember(
  attr: string,
  value: any,
  spec: FieldSpec,
  parent: string,
  errors: string[],
  siblings: Record<string, any>,
): void {
  const path = `${parent ? parent + '.' : ''}${toLowerFirst(attr)}`;
  // Constraints are checked in the order the spec lists them: the tables encode AWS's order.
  for (const name of Object.keys(spec)) {
    if (errors.length >= MAX_ERRORS) return;
    if (name === 'notNull') {
      if (spec.notNull && value == null) push(errors, path, value, spec, 'Member must not be null');
      continue;
    }
    if (name === 'notNullUnless') {
      if (value == null && siblings[spec.notNullUnless!] == null) push(errors, path, value, spec, 'Member must not be null');
      continue;
    }
    if (value == null) continue;
    if (name === 'children') {
      if (spec.type === 'List') {
        (value as unknown[]).forEach((item, i) => checkMember('member', item, spec.children as FieldSpec, `${path}.${i + 1}`, errors, {}));
      } else if (spec.type === 'Map') {
        // AWS reports map members in reverse insertion order.
        for (const k of Object.keys(value).reverse()) checkMember('member', value[k], spec.children as FieldSpec, `${path}.${k}`, errors, {});
      } else {
        checkMembers(value, spec.children as FieldTable, path, errors);
      }
      continue;
    }
    const check = CHECKS[name];
    if (!check) continue;
    const failure = check(spec, value);
    if (failure) push(errors, path, value, spec, failure);
  }
}

function push(errors: string[], path: string, value: unknown, spec: FieldSpec, msg: string): void {
  let shown = valueStr(value, spec);
  if (shown !== 'null') shown = `'${shown}'`;
  // The member path names the leaf as `member` inside lists and maps.
  errors.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${msg}`);
}

function valueStr(data: any, spec: FieldSpec): string {
  if (data == null) return 'null';
  switch (spec.type) {
    case 'Blob': {
      const length = (data as Uint8Array).length;
      return `java.nio.HeapByteBuffer[pos=0 lim=${length} cap=${length}]`;
    }
    case 'List':
      return `[${(data as unknown[]).map((item) => spec.memberStr ?? item).join(', ')}]`;
    case 'Map':
      return `{${Object.keys(data).map((k) => `${k}=${spec.memberStr ?? data[k]}`).join(', ')}}`;
    case 'Timestamp':
      return String(data instanceof Date ? data.toString() : data);
    default:
      return typeof data === 'object' ? JSON.stringify(data) : String(data);
  }
}
