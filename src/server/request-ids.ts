/** The two ids AWS puts on every response: `x-amzn-RequestId` (a UUID) and `x-amz-id-2` (72 random bytes). */
import { randomFillSync, randomUUID } from 'node:crypto';

const ID2_BYTES = 72;
const POOL_IDS = 256;
/** Random bytes fetched in bulk: one call to the CSPRNG per 256 responses instead of one per response. */
const pool = Buffer.allocUnsafe(ID2_BYTES * POOL_IDS);
let next = POOL_IDS;

export function newRequestId(): string {
  return randomUUID();
}

export function newId2(): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const start = next++ * ID2_BYTES;
  return pool.toString('base64', start, start + ID2_BYTES);
}
