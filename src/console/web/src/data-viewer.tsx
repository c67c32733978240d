/**
 * The data viewer: reads one shard (or every shard) from a position and keeps tailing, showing each record
 * decoded with its partition key, sequence number and arrival time. Shows the newest `MAX_SHOWN` records.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { kinesis, type KinesisRecord, type Shard } from './aws.js';
import { base64ToBytes, render } from './decode.js';

const MAX_SHOWN = 500;
const POLL_MS = 1000;

type Position = 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AT_TIMESTAMP';
interface Shown extends KinesisRecord {
  shardId: string;
}

export function DataViewer({ stream, shards, initialPosition = 'TRIM_HORIZON', autoStart = false }: {
  stream: string;
  shards: Shard[];
  initialPosition?: Position;
  /** Start tailing at once (the analytics page's output rows). */
  autoStart?: boolean;
}) {
  const [shard, setShard] = useState('*');
  const [position, setPosition] = useState<Position>(initialPosition);
  const [at, setAt] = useState('');
  const [hex, setHex] = useState(false);
  const [running, setRunning] = useState(false);
  const [records, setRecords] = useState<Shown[]>([]);
  const [error, setError] = useState<string>();
  const stop = useRef<(() => void) | undefined>(undefined);

  useEffect(() => {
    if (autoStart) void start();
    return () => stop.current?.();
  }, []);

  const start = async (e?: Event) => {
    e?.preventDefault();
    stop.current?.();
    setRecords([]);
    setError(undefined);
    let stopped = false;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    stop.current = () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      setRunning(false);
    };
    setRunning(true);
    const chosen = shard === '*' ? shards : shards.filter((s) => s.ShardId === shard);
    const extra =
      position === 'AT_SEQUENCE_NUMBER' ? { StartingSequenceNumber: at } : position === 'AT_TIMESTAMP' ? { Timestamp: new Date(at).getTime() / 1000 } : {};
    for (const s of chosen) {
      try {
        const { ShardIterator } = await kinesis('GetShardIterator', { StreamName: stream, ShardId: s.ShardId, ShardIteratorType: position, ...extra });
        let iterator: string | undefined = ShardIterator;
        const poll = async () => {
          if (stopped || !iterator) return;
          try {
            const out = await kinesis<{ Records: KinesisRecord[]; NextShardIterator?: string; MillisBehindLatest?: number }>('GetRecords', {
              ShardIterator: iterator,
              Limit: 1000,
            });
            iterator = out.NextShardIterator;
            if (out.Records.length > 0 && !stopped) {
              const got = out.Records.map((r) => ({ ...r, shardId: s.ShardId }));
              setRecords((prev) => [...prev, ...got].sort((a, b) => a.ApproximateArrivalTimestamp - b.ApproximateArrivalTimestamp).slice(-MAX_SHOWN));
            }
            // Behind the tip: read on at once; at the tip: wait for new records.
            const t = setTimeout(poll, out.MillisBehindLatest ? 0 : POLL_MS);
            timers.add(t);
          } catch (err) {
            setError(`${s.ShardId}: ${(err as Error).message}`);
          }
        };
        poll();
      } catch (err) {
        setError(`${s.ShardId}: ${(err as Error).message}`);
      }
    }
  };

  return (
    <div class="panel" id="data-viewer">
      <h2>Data viewer</h2>
      <form class="row" onSubmit={start}>
        <select name="shard" value={shard} onChange={(e) => setShard(e.currentTarget.value)}>
          <option value="*">all shards</option>
          {shards.map((s) => <option key={s.ShardId} value={s.ShardId}>{s.ShardId}</option>)}
        </select>
        <select name="position" value={position} onChange={(e) => setPosition(e.currentTarget.value as Position)}>
          <option value="TRIM_HORIZON">from the oldest record</option>
          <option value="LATEST">new records only</option>
          <option value="AT_SEQUENCE_NUMBER">at sequence number</option>
          <option value="AT_TIMESTAMP">at time</option>
        </select>
        {position === 'AT_SEQUENCE_NUMBER' && <input name="at" placeholder="sequence number" value={at} onInput={(e) => setAt(e.currentTarget.value)} />}
        {position === 'AT_TIMESTAMP' && <input name="at" type="datetime-local" step={1} value={at} onInput={(e) => setAt(e.currentTarget.value)} />}
        <label><input type="checkbox" checked={hex} onChange={(e) => setHex(e.currentTarget.checked)} /> hex</label>
        <button type="submit">{running ? 'Restart' : 'Start tailing'}</button>
        {running && <button type="button" onClick={() => stop.current?.()}>Stop</button>}
      </form>
      {error && <p class="error">{error}</p>}
      <p class="muted" id="record-count">{records.length} record(s){running ? ', tailing…' : ''}</p>
      <ol class="records">
        {records.map((r) => {
          const shown = render(base64ToBytes(r.Data), hex ? 'hex' : 'auto');
          return (
            <li key={r.SequenceNumber} class="record" data-sequence={r.SequenceNumber}>
              <div class="meta">
                <span>key <b class="partition-key">{r.PartitionKey}</b></span>
                <span>seq <code class="sequence-number">{r.SequenceNumber}</code></span>
                <span>{r.shardId}</span>
                <span class="arrival">{new Date(r.ApproximateArrivalTimestamp * 1000).toLocaleTimeString()}</span>
                <span class={`kind ${shown.kind}`}>{shown.kind}</span>
              </div>
              <pre class="data">{shown.text}</pre>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
