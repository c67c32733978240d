/**
 * Applications in the storage engine's metadata space (`analytics/applications/<account>/<region>/<name>`), cached
 * in memory. Every change of one application runs under its own lock and is written through before the caller
 * sees it, so the API never reports a state that a restart would lose.
 */
import type { StorageEngine } from '../../storage/engine.js';
import { KeyedLock } from '../../kinesis/model/keyed-lock.js';
import type { StoredApplication } from './application.js';

const PREFIX = 'analytics/applications/';

function keyOf(accountId: string, region: string, name: string): string {
  return `${PREFIX}${accountId}/${region}/${name}`;
}

export class ApplicationRegistry {
  private readonly apps = new Map<string, StoredApplication>();
  private readonly lock = new KeyedLock();

  constructor(private readonly storage: StorageEngine) {}

  async load(): Promise<void> {
    this.apps.clear();
    for (const entry of await this.storage.listMeta<StoredApplication>(PREFIX)) this.apps.set(entry.key, entry.value);
  }

  /** A copy: callers change it and hand it to `save`. */
  get(accountId: string, region: string, name: string): StoredApplication | undefined {
    const app = this.apps.get(keyOf(accountId, region, name));
    return app ? structuredClone(app) : undefined;
  }

  /** Applications of one account and region, by name (AWS lists them in name order). */
  list(accountId: string, region: string): StoredApplication[] {
    const prefix = `${PREFIX}${accountId}/${region}/`;
    return [...this.apps.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([, v]) => structuredClone(v))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  all(): StoredApplication[] {
    return [...this.apps.values()].map((a) => structuredClone(a));
  }

  /** Runs `work` alone for this application (API changes and status transitions of one app never interleave). */
  exclusive<T>(accountId: string, region: string, name: string, work: () => Promise<T>): Promise<T> {
    return this.lock.run(keyOf(accountId, region, name), work);
  }

  async save(app: StoredApplication): Promise<void> {
    const key = keyOf(app.accountId, app.region, app.name);
    await this.storage.putMeta(key, app);
    this.apps.set(key, structuredClone(app));
  }

  async remove(app: StoredApplication): Promise<void> {
    const key = keyOf(app.accountId, app.region, app.name);
    await this.storage.deleteMeta(key);
    this.apps.delete(key);
  }
}
