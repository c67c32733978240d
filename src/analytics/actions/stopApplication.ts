/** StopApplication: RUNNING → STOPPING → READY; the input positions are saved for LAST_STOPPED_POINT. */
import { inUse } from '../errors.js';
import { defineAction } from '../runtime.js';
import { applicationName } from '../validations/shapes.js';
import { findApp, later } from './common.js';

export default defineAction({ types: { ApplicationName: applicationName() } }, async ({ rt, req }, data) => {
  const name: string = data.ApplicationName;
  await rt.registry.exclusive(req.accountId, req.region, name, async () => {
    const app = findApp(rt, req, name);
    if (app.status === 'READY' || app.status === 'STOPPING') return; // already stopped or stopping: nothing to do
    if (app.status !== 'RUNNING') throw inUse(`Application ${name} is in ${app.status} state. Only an application in RUNNING state can be stopped.`);
    app.status = 'STOPPING';
    app.wantRunning = false;
    await rt.registry.save(app);
    later(rt, app, async (current) => {
      await rt.supervisor.stop(current);
      current.status = 'READY';
    });
  });
  return {};
});
