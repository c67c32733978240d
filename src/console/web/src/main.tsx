/** The console's shell: a navigation bar and hash routes (#/dashboard, #/streams, #/streams/NAME, #/monitoring, #/analytics, #/analytics/NAME). */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { AnalyticsPage } from './analytics-page.js';
import { DashboardPage } from './dashboard-page.js';
import { MonitoringPage } from './monitoring-page.js';
import { StreamPage } from './stream-page.js';
import { StreamsPage } from './streams-page.js';

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

function App() {
  const parts = useHash().replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const section = parts[0] || 'dashboard';
  let page;
  if (section === 'streams' && parts[1]) page = <StreamPage key={parts[1]} name={parts[1]} />;
  else if (section === 'streams') page = <StreamsPage />;
  else if (section === 'monitoring') page = <MonitoringPage />;
  else if (section === 'analytics') page = <AnalyticsPage key={parts[1]} name={parts[1]} />;
  else page = <DashboardPage />;
  const link = (id: string, label: string) => (
    <a href={`#/${id}`} class={section === id ? 'active' : ''}>
      {label}
    </a>
  );
  return (
    <>
      <header>
        <strong>Freshet</strong>
        <nav>
          {link('dashboard', 'Dashboard')}
          {link('streams', 'Streams')}
          {link('monitoring', 'Monitoring')}
          {link('analytics', 'Analytics')}
        </nav>
      </header>
      <main>{page}</main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
