/** One stream: its description, the shard table, a producer box and the data viewer. */
import { kinesis, listShards } from './aws.js';
import { DataViewer } from './data-viewer.js';
import { Producer } from './producer.js';
import { ShardTable } from './shard-table.js';
import { useAsync } from './use-async.js';

export function StreamPage({ name }: { name: string }) {
  const summary = useAsync(() => kinesis('DescribeStreamSummary', { StreamName: name }).then((r) => r.StreamDescriptionSummary), [name]);
  const shards = useAsync(() => listShards(name), [name]);
  const s = summary.value;
  return (
    <section>
      <p><a href="#/streams">← Streams</a></p>
      <h1>{name}</h1>
      {summary.error && <p class="error">{summary.error}</p>}
      {s && (
        <p class="facts">
          <span>status <b id="stream-status">{s.StreamStatus}</b></span>
          <span>mode <b>{s.StreamModeDetails?.StreamMode}</b></span>
          <span>open shards <b>{s.OpenShardCount}</b></span>
          <span>retention <b>{s.RetentionPeriodHours} h</b></span>
          <span class="arn">{s.StreamARN}</span>
        </p>
      )}
      <h2>Shards <button class="small" onClick={shards.reload}>refresh</button></h2>
      {shards.error && <p class="error">{shards.error}</p>}
      {shards.value && <ShardTable shards={shards.value} />}
      <div class="columns">
        <Producer stream={name} />
        {shards.value && <DataViewer stream={name} shards={shards.value} />}
      </div>
    </section>
  );
}
