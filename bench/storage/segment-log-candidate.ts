/** Freshet's own engine (CRC-framed segment files, group commit) as a comparison candidate. */
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import type { Candidate } from './candidate.js';

export async function openSegmentLog(dir: string): Promise<Candidate> {
  const engine = createEmbeddedStorage({ dataDir: dir, sync: 'always' });
  await engine.open();
  return {
    name: 'segment-log',
    append: (log, records) => engine.append(log, records),
    read: async (log, from, limit) => (await engine.read(log, from, { limit })).length,
    close: () => engine.close(),
  };
}
