/** SplitShard, MergeShards and UpdateShardCount work on provisioned streams only; on-demand streams scale themselves. */
import { validationError } from '../model/errors.js';
import type { StreamMeta } from '../model/types.js';

export function requireProvisioned(stream: StreamMeta, operation: string): void {
  if (stream.mode === 'ON_DEMAND') {
    throw validationError(
      `${operation} is not supported for stream ${stream.name} under account ${stream.accountId} because it is in ON_DEMAND capacity mode.`,
    );
  }
}
