/**
 * Analytics: the applications with their status; one application's SQL, inputs and outputs, start and stop, and
 * the live rows of each Kinesis output stream (tailed with the data viewer from new records on).
 */
import { useEffect, useState } from 'preact/hooks';
import { analytics, listShards } from './aws.js';
import { DataViewer } from './data-viewer.js';
import { SqlView } from './sql-view.js';
import { useAsync } from './use-async.js';

interface AppSummary {
  ApplicationName: string;
  ApplicationStatus: string;
}

export function AnalyticsPage({ name }: { name?: string }) {
  const apps = useAsync(() => analytics('ListApplications', {}).then((r) => r.ApplicationSummaries as AppSummary[]));
  if (name) return <ApplicationView name={name} />;
  return (
    <section>
      <h1>Analytics applications</h1>
      {apps.error && <p class="error">{apps.error}</p>}
      <table id="applications">
        <thead><tr><th>name</th><th>status</th></tr></thead>
        <tbody>
          {apps.value?.map((a) => (
            <tr key={a.ApplicationName} data-application={a.ApplicationName}>
              <td><a href={`#/analytics/${encodeURIComponent(a.ApplicationName)}`}>{a.ApplicationName}</a></td>
              <td class={`status ${a.ApplicationStatus}`}>{a.ApplicationStatus}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {apps.value?.length === 0 && <p class="empty">No applications yet.</p>}
    </section>
  );
}

function streamName(arn: string): string {
  return arn.slice(arn.indexOf(':stream/') + ':stream/'.length);
}

function ApplicationView({ name }: { name: string }) {
  const detail = useAsync(() => analytics('DescribeApplication', { ApplicationName: name }).then((r) => r.ApplicationDetail), [name]);
  const [message, setMessage] = useState<string>();
  const d = detail.value;

  // Starting and stopping pass through STARTING/STOPPING: refresh until the application settles.
  useEffect(() => {
    if (!d || !/ING$/.test(d.ApplicationStatus)) return;
    const t = setTimeout(detail.reload, 300);
    return () => clearTimeout(t);
  }, [d]);

  const start = async () => {
    try {
      await analytics('StartApplication', {
        ApplicationName: name,
        InputConfigurations: (d.InputDescriptions ?? []).map((i: { InputId: string }) => ({ Id: i.InputId, InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } })),
      });
      setMessage(undefined);
    } catch (err) {
      setMessage((err as Error).message);
    }
    detail.reload();
  };
  const stop = async () => {
    try {
      await analytics('StopApplication', { ApplicationName: name });
    } catch (err) {
      setMessage((err as Error).message);
    }
    detail.reload();
  };

  const outputs: { Name: string; stream?: string }[] = (d?.OutputDescriptions ?? []).map((o: any) => ({
    Name: o.Name,
    stream: o.KinesisStreamsOutputDescription ? streamName(o.KinesisStreamsOutputDescription.ResourceARN) : undefined,
  }));
  return (
    <section>
      <p><a href="#/analytics">← Applications</a></p>
      <h1>{name}</h1>
      {detail.error && <p class="error">{detail.error}</p>}
      {message && <p class="error">{message}</p>}
      {d && (
        <>
          <div class="row">
            <span>status <b id="application-status" class={`status ${d.ApplicationStatus}`}>{d.ApplicationStatus}</b></span>
            <button onClick={start} disabled={d.ApplicationStatus !== 'READY'} id="start-application">Start</button>
            <button onClick={stop} disabled={d.ApplicationStatus !== 'RUNNING'} id="stop-application">Stop</button>
          </div>
          <p class="facts">
            {(d.InputDescriptions ?? []).map((i: any) => (
              <span key={i.InputId}>input <b>{i.NamePrefix}</b> ← {i.KinesisStreamsInputDescription ? streamName(i.KinesisStreamsInputDescription.ResourceARN) : 'Firehose'}</span>
            ))}
            {outputs.map((o) => <span key={o.Name}>output <b>{o.Name}</b> → {o.stream ?? 'other destination'}</span>)}
          </p>
          <SqlView code={d.ApplicationCode ?? ''} />
          {outputs.filter((o) => o.stream).map((o) => <OutputRows key={o.Name} stream={o.stream!} />)}
        </>
      )}
    </section>
  );
}

function OutputRows({ stream }: { stream: string }) {
  const shards = useAsync(() => listShards(stream), [stream]);
  return (
    <div class="output-rows" data-output-stream={stream}>
      <h2>Rows in {stream}</h2>
      {shards.error && <p class="error">{shards.error}</p>}
      {shards.value && <DataViewer stream={stream} shards={shards.value} initialPosition="LATEST" autoStart />}
    </div>
  );
}
