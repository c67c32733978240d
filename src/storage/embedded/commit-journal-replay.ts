/**
 * Replays what commit-journal generations are left (a crash came before their checkpoint) into the segment files,
 * before the logs are recovered: every whole, checksummed entry is written again at its offset, so acknowledged
 * bytes that a machine crash kept out of a segment file are back. Entries for logs since deleted (folder gone or
 * another incarnation) or segments since trimmed (file gone) are skipped. Rewriting bytes that are already there
 * changes nothing, so replaying twice is harmless; the generations are deleted afterwards, durably, before any new
 * append.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { journalFileName, journalGenerations } from './commit-journal.js';
import { syncDir, writeFully } from './durable-fs.js';
import { readLogIdentity } from './log-identity.js';
import { segmentFileName } from './segment.js';

/** Returns how many entries were replayed. */
export function replayCommitJournal(journalDir: string, logsDir: string): number {
  const generations = journalGenerations(journalDir);
  if (generations.length === 0) return 0;
  const ids = new Map<string, string | undefined>();
  const touched = new Map<string, number>();
  let replayed = 0;
  try {
    for (const g of generations) {
      const buf = readFileSync(join(journalDir, journalFileName(g)));
      let off = 0;
      while (off + 8 <= buf.length) {
        const end = off + 8 + buf.readUInt32LE(off);
        if (end > buf.length || end - off < 8 + 19) break;
        if (crc32(buf.subarray(off + 8, end)) !== buf.readUInt32LE(off + 4)) break;
        let p = off + 8;
        const folderEnd = p + 2 + buf.readUInt16LE(p);
        const folder = buf.toString('utf8', p + 2, folderEnd);
        const idEnd = folderEnd + 1 + buf.readUInt8(folderEnd);
        const logId = buf.toString('utf8', folderEnd + 1, idEnd);
        const base = buf.readDoubleLE(idEnd);
        const offset = buf.readDoubleLE(idEnd + 8);
        p = idEnd + 16;
        off = end;

        if (!ids.has(folder)) ids.set(folder, readLogIdentity(join(logsDir, folder))?.id);
        if (ids.get(folder) !== logId) continue;
        const path = join(logsDir, folder, segmentFileName(base));
        let fd = touched.get(path);
        if (fd === undefined) {
          if (!existsSync(path)) continue;
          fd = openSync(path, 'r+');
          touched.set(path, fd);
        }
        // Entries of one segment come in offset order, so there is never a hole to fill; if there were, the
        // segment's own recovery decides.
        if (offset > fstatSync(fd).size) continue;
        writeFully(fd, buf.subarray(p, end), offset);
        replayed++;
      }
    }
    for (const fd of touched.values()) fsyncSync(fd);
  } finally {
    for (const fd of touched.values()) closeSync(fd);
  }
  for (const g of generations) unlinkSync(join(journalDir, journalFileName(g)));
  syncDir(journalDir);
  return replayed;
}
