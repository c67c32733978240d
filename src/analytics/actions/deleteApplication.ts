/**
 * DeleteApplication: the request must carry the application's CreateTimestamp (as DescribeApplication gave it),
 * so a stale script cannot delete a newer application of the same name. A running application is stopped first;
 * its checkpoints go with it.
 */
import { AwsError } from '../../server/service.js';
import { inUse } from '../errors.js';
import { defineAction } from '../runtime.js';
import { applicationName } from '../validations/shapes.js';
import { findApp, later } from './common.js';

export default defineAction(
  { types: { ApplicationName: applicationName(), CreateTimestamp: { type: 'Timestamp', notNull: true } } },
  async ({ rt, req }, data) => {
    const name: string = data.ApplicationName;
    await rt.registry.exclusive(req.accountId, req.region, name, async () => {
      const app = findApp(rt, req, name);
      // The wire carries seconds with a fraction that clients round differently: compare whole seconds.
      if (Math.floor((data.CreateTimestamp as Date).getTime() / 1000) !== Math.floor(app.createdMs / 1000)) {
        throw new AwsError('ConcurrentModificationException', `Provided create timestamp does not match the create timestamp of application ${name}.`);
      }
      if (app.status === 'DELETING') throw inUse(`Application ${name} is already being deleted.`);
      app.status = 'DELETING';
      app.wantRunning = false;
      await rt.registry.save(app);
      later(rt, app, async (current) => {
        await rt.supervisor.stop(current);
        await rt.supervisor.checkpoints(current).clear();
        return 'deleted';
      });
    });
    return {};
  },
);
