/** Shards with their state, hash-key ranges, parents and sequence ranges. */
import type { Shard } from './aws.js';

export function ShardTable({ shards }: { shards: Shard[] }) {
  return (
    <table id="shards" class="mono">
      <thead>
        <tr><th>shard</th><th>state</th><th>hash keys</th><th>parents</th><th>sequence numbers</th></tr>
      </thead>
      <tbody>
        {shards.map((s) => {
          const closed = s.SequenceNumberRange.EndingSequenceNumber !== undefined;
          return (
            <tr key={s.ShardId} data-shard={s.ShardId}>
              <td>{s.ShardId}</td>
              <td class={closed ? 'closed' : 'open'}>{closed ? 'closed' : 'open'}</td>
              <td title={`${s.HashKeyRange.StartingHashKey} – ${s.HashKeyRange.EndingHashKey}`}>
                {short(s.HashKeyRange.StartingHashKey)} – {short(s.HashKeyRange.EndingHashKey)}
              </td>
              <td>{[s.ParentShardId, s.AdjacentParentShardId].filter(Boolean).join(', ') || '—'}</td>
              <td title={`${s.SequenceNumberRange.StartingSequenceNumber} – ${s.SequenceNumberRange.EndingSequenceNumber ?? ''}`}>
                {short(s.SequenceNumberRange.StartingSequenceNumber)} – {s.SequenceNumberRange.EndingSequenceNumber ? short(s.SequenceNumberRange.EndingSequenceNumber) : '…'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Hash keys and sequence numbers are up to 56 digits: the table shows the ends, the tooltip the whole number. */
function short(n: string): string {
  return n.length <= 16 ? n : `${n.slice(0, 6)}…${n.slice(-6)}`;
}
