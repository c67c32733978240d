/** Dashboard: every stream, analytics application and delivery stream with its status. */
import { analytics, firehose, listStreams } from './aws.js';
import { useAsync } from './use-async.js';

export function DashboardPage() {
  const streams = useAsync(listStreams);
  const apps = useAsync(() => analytics('ListApplications', {}).then((r) => r.ApplicationSummaries as { ApplicationName: string; ApplicationStatus: string }[]));
  const deliveries = useAsync(async () => {
    const { DeliveryStreamNames } = await firehose('ListDeliveryStreams', {});
    return Promise.all(
      (DeliveryStreamNames as string[]).map((name) =>
        firehose('DescribeDeliveryStream', { DeliveryStreamName: name }).then((r) => ({ name, status: r.DeliveryStreamDescription.DeliveryStreamStatus as string })),
      ),
    );
  });
  return (
    <section>
      <h1>Dashboard</h1>
      <div class="cards">
        <Card id="dashboard-streams" title="Streams" error={streams.error} rows={streams.value?.map((s) => [s.StreamName, s.StreamStatus, `#/streams/${encodeURIComponent(s.StreamName)}`])} />
        <Card id="dashboard-applications" title="Analytics applications" error={apps.error} rows={apps.value?.map((a) => [a.ApplicationName, a.ApplicationStatus, `#/analytics/${encodeURIComponent(a.ApplicationName)}`])} />
        <Card id="dashboard-delivery-streams" title="Delivery streams" error={deliveries.error} rows={deliveries.value?.map((d) => [d.name, d.status])} />
      </div>
    </section>
  );
}

function Card({ id, title, rows, error }: { id: string; title: string; rows?: (string | undefined)[][]; error?: string }) {
  return (
    <div class="panel card" id={id}>
      <h2>{title} <span class="count">{rows?.length ?? '…'}</span></h2>
      {error && <p class="error">{error}</p>}
      <ul>
        {rows?.map(([name, status, href]) => (
          <li key={name}>
            {href ? <a href={href}>{name}</a> : name} <span class={`status ${status}`}>{status}</span>
          </li>
        ))}
      </ul>
      {rows?.length === 0 && <p class="empty">None.</p>}
    </div>
  );
}
