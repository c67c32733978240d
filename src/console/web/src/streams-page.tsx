/** Streams: the list with status and mode, a create form (provisioned shards or on-demand) and delete. */
import { useEffect, useState } from 'preact/hooks';
import { kinesis, listStreams } from './aws.js';
import { useAsync } from './use-async.js';

export function StreamsPage() {
  const streams = useAsync(listStreams);
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'PROVISIONED' | 'ON_DEMAND'>('PROVISIONED');
  const [shards, setShards] = useState(1);
  const [message, setMessage] = useState<string>();

  // Streams pass through CREATING/DELETING: refresh until none is in transition.
  const transitioning = streams.value?.some((s) => s.StreamStatus !== 'ACTIVE');
  useEffect(() => {
    if (!transitioning) return;
    const t = setTimeout(streams.reload, 500);
    return () => clearTimeout(t);
  }, [streams.value]);

  const create = async (e: Event) => {
    e.preventDefault();
    try {
      await kinesis('CreateStream', {
        StreamName: name,
        ...(mode === 'ON_DEMAND' ? { StreamModeDetails: { StreamMode: 'ON_DEMAND' } } : { ShardCount: shards }),
      });
      setMessage(`Creating ${name}…`);
      setName('');
    } catch (err) {
      setMessage((err as Error).message);
    }
    streams.reload();
  };
  const remove = async (StreamName: string) => {
    if (!confirm(`Delete stream ${StreamName} and all its records?`)) return;
    try {
      await kinesis('DeleteStream', { StreamName, EnforceConsumerDeletion: true });
    } catch (err) {
      setMessage((err as Error).message);
    }
    streams.reload();
  };

  return (
    <section>
      <h1>Streams</h1>
      <form class="row" onSubmit={create} id="create-stream">
        <input name="stream-name" placeholder="stream name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <select name="mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as typeof mode)}>
          <option value="PROVISIONED">provisioned</option>
          <option value="ON_DEMAND">on-demand</option>
        </select>
        {mode === 'PROVISIONED' && (
          <label>
            shards <input name="shards" type="number" min={1} value={shards} onInput={(e) => setShards(Number(e.currentTarget.value))} />
          </label>
        )}
        <button type="submit">Create stream</button>
      </form>
      {message && <p class="message">{message}</p>}
      {streams.error && <p class="error">{streams.error}</p>}
      <table id="streams">
        <thead>
          <tr><th>name</th><th>status</th><th>mode</th><th>created</th><th></th></tr>
        </thead>
        <tbody>
          {streams.value?.map((s) => (
            <tr key={s.StreamName} data-stream={s.StreamName}>
              <td><a href={`#/streams/${encodeURIComponent(s.StreamName)}`}>{s.StreamName}</a></td>
              <td class={`status ${s.StreamStatus}`}>{s.StreamStatus}</td>
              <td>{s.StreamModeDetails?.StreamMode ?? ''}</td>
              <td>{new Date(s.StreamCreationTimestamp * 1000).toLocaleString()}</td>
              <td><button class="danger" onClick={() => remove(s.StreamName)}>Delete</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {streams.value?.length === 0 && <p class="empty">No streams yet.</p>}
    </section>
  );
}
