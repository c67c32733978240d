/** What PutRecord and PutRecordBatch share: the stream must take direct puts, and the record ids they answer. */
import { randomBytes } from 'node:crypto';
import { invalidArgument, streamNotFound } from '../model/errors.js';
import type { DeliveryStreamMeta } from '../model/types.js';
import type { ActionContext } from '../runtime.js';
import { requireStream } from '../runtime.js';

export function streamForPut(ctx: ActionContext, name: string): DeliveryStreamMeta {
  const meta = requireStream(ctx, name);
  if (meta.type === 'KinesisStreamAsSource') {
    throw invalidArgument('This operation is not permitted on KinesisStreamAsSource delivery stream type.');
  }
  // AWS answers puts to a stream that is not ACTIVE (yet, or any more) as if it did not exist.
  if (meta.status !== 'ACTIVE') throw streamNotFound(name, ctx.req.accountId);
  return meta;
}

/** An opaque id like AWS's (a long base64 token). */
export function newRecordId(): string {
  return randomBytes(168).toString('base64');
}
