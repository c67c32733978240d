/** GetRecords' input, in AWS's error order (kinesalite's recorded table, plus the newer StreamARN). */
import type { WireProtocol } from '../../server/service.js';
import { FAIL, isPlainObject, optionalStreamArn, requiredString } from '../records/valid-input.js';
import { streamArnField } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: {
    Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 10000 },
    ShardIterator: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 512 },
    StreamARN: streamArnField(),
  },
};

/** The framework's result for a valid request, computed directly; undefined when anything is off. */
export function fastValidate(input: unknown, _protocol: WireProtocol): Record<string, any> | undefined {
  if (!isPlainObject(input)) return undefined;
  const out: Record<string, any> = {};
  const limit = input.Limit;
  if (limit !== undefined && limit !== null) {
    // As the framework converts an Integer: rounded down, capped at Java's Integer.MAX_VALUE.
    if (typeof limit !== 'number') return undefined;
    const n = Math.min(Math.floor(limit), 2147483647);
    if (!(n >= 1 && n <= 10000)) return undefined;
    out.Limit = n;
  }
  const iterator = requiredString(input.ShardIterator, 1, 512);
  const arn = optionalStreamArn(input.StreamARN);
  if (iterator === FAIL || arn === FAIL) return undefined;
  out.ShardIterator = iterator;
  if (arn !== undefined) out.StreamARN = arn;
  return out;
}
