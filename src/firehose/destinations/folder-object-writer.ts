/**
 * Objects as plain files (the local-folder destination): `<root>/<bucket>/<key>`, written to a temporary name, synced and renamed, so a reader (or a
 * crash) never sees half an object. Keys are S3 keys: `/` makes folders; `..` segments are refused.
 */
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ObjectToWrite, ObjectWriter } from './object-writer.js';

/** With `bucketFolders: false`, objects go straight under `root` (a bucket routed to a plain folder). */
export function folderObjectWriter(root: string, opts: { bucketFolders?: boolean } = {}): ObjectWriter {
  const base = resolve(root);
  return {
    async put(object: ObjectToWrite) {
      const dir = opts.bucketFolders === false ? base : join(base, object.bucket);
      const path = resolve(dir, object.key);
      if (!path.startsWith(dir + sep)) throw new Error(`object key escapes its folder: ${object.key}`);
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${randomUUID()}.tmp`;
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(object.body);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, path);
    },
  };
}
