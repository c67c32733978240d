/**
 * StartApplication: READY → STARTING → RUNNING. Each input starts at the position its InputConfiguration names
 * (NOW, TRIM_HORIZON or LAST_STOPPED_POINT), which DescribeApplication then reports.
 */
import { inUse, invalidArgument, invalidConfiguration } from '../errors.js';
import type { StartingPosition } from '../model/application.js';
import { defineAction } from '../runtime.js';
import { applicationName, partId, startingPositionConfiguration } from '../validations/shapes.js';
import { findApp, later } from './common.js';

export default defineAction(
  {
    types: {
      ApplicationName: applicationName(),
      InputConfigurations: {
        type: 'List',
        notNull: true,
        children: { type: 'Structure', children: { Id: partId(), InputStartingPositionConfiguration: startingPositionConfiguration(true) } },
      },
    },
  },
  async ({ rt, req }, data) => {
    const name: string = data.ApplicationName;
    await rt.registry.exclusive(req.accountId, req.region, name, async () => {
      const app = findApp(rt, req, name);
      if (app.status !== 'READY') throw inUse(`Application ${name} is in ${app.status} state. Only an application in READY state can be started.`);
      if (app.inputs.length === 0) throw invalidConfiguration(`Application ${name} has no input. Add an input before starting it.`);
      const configs: { Id: string; InputStartingPositionConfiguration: { InputStartingPosition?: StartingPosition } }[] = data.InputConfigurations;
      const positions: Record<string, StartingPosition> = {};
      for (const c of configs) {
        const input = app.inputs.find((i) => i.InputId === c.Id);
        if (!input) throw invalidArgument(`Input id ${c.Id} does not exist in application ${name}.`);
        positions[c.Id] = c.InputStartingPositionConfiguration.InputStartingPosition ?? 'NOW';
      }
      for (const input of app.inputs) {
        if (!positions[input.InputId]) throw invalidArgument(`Input configuration for input id ${input.InputId} is missing.`);
        input.InputStartingPositionConfiguration = { InputStartingPosition: positions[input.InputId]! };
      }
      app.status = 'STARTING';
      app.wantRunning = true;
      await rt.registry.save(app);
      later(rt, app, async (current) => {
        try {
          await rt.supervisor.start(current, positions);
          current.status = 'RUNNING';
        } catch (err) {
          console.error(`kinesisanalytics: application ${current.name} could not start:`, (err as Error).message);
          current.status = 'READY';
          current.wantRunning = false;
        }
      });
    });
    return {};
  },
);
