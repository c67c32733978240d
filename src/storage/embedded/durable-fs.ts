/** Small synchronous file-system steps that make creations, renames and replacements survive a crash. */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** fsyncs a directory so that entries created, renamed or removed in it are durable. */
export function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes all of `buf` at `offset` (pwrite may write less than asked). */
export function writeFully(fd: number, buf: Uint8Array, offset: number): void {
  let done = 0;
  while (done < buf.length) {
    done += writeSync(fd, buf, done, buf.length - done, offset + done);
  }
}

/** Replaces `path` atomically with `content`: write a temporary file, fsync it, rename it over, fsync the folder. */
export function replaceFileDurably(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeFully(fd, typeof content === 'string' ? Buffer.from(content) : content, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncDir(dirname(path));
}
