/**
 * The runners of the service's applications, one per RUNNING application, keyed like the registry. Start, stop
 * and reload are called by the API actions under the application's lock, so they never race for one app.
 */
import type { StorageEngine } from '../../storage/engine.js';
import type { StartingPosition, StoredApplication } from '../model/application.js';
import { ApplicationRunner, type RunnerOptions } from './application-runner.js';
import { storageCheckpoints } from './checkpoints.js';

export type SupervisorOptions = Omit<RunnerOptions, 'checkpoints'> & { storage: StorageEngine };

const keyOf = (app: Pick<StoredApplication, 'accountId' | 'region' | 'name'>): string => `${app.accountId}/${app.region}/${app.name}`;

export class Supervisor {
  private readonly runners = new Map<string, ApplicationRunner>();

  constructor(private readonly o: SupervisorOptions) {}

  checkpoints(app: Pick<StoredApplication, 'accountId' | 'region' | 'name'>) {
    return storageCheckpoints(this.o.storage, app.accountId, app.region, app.name);
  }

  isRunning(app: StoredApplication): boolean {
    return this.runners.has(keyOf(app));
  }

  async start(app: StoredApplication, positions: Readonly<Record<string, StartingPosition>>): Promise<void> {
    await this.stop(app);
    const runner = new ApplicationRunner(app, { ...this.o, checkpoints: this.checkpoints(app) });
    this.runners.set(keyOf(app), runner);
    try {
      await runner.start(positions);
    } catch (err) {
      this.runners.delete(keyOf(app));
      await runner.stop();
      throw err;
    }
  }

  async stop(app: Pick<StoredApplication, 'accountId' | 'region' | 'name'>): Promise<void> {
    const runner = this.runners.get(keyOf(app));
    if (!runner) return;
    this.runners.delete(keyOf(app));
    await runner.stop();
  }

  /** A configuration change while running: stop where it is and go on from there with the new configuration. */
  async reload(app: StoredApplication): Promise<void> {
    const positions = Object.fromEntries(app.inputs.map((i) => [i.InputId, 'LAST_STOPPED_POINT' as const]));
    await this.start(app, positions);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.runners.keys()].map(async (k) => {
      const r = this.runners.get(k)!;
      this.runners.delete(k);
      await r.stop();
    }));
  }
}
