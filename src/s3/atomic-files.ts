/**
 * Writes that readers never see half done: into `<root>/.tmp/` first, then a rename onto the final name (same
 * filesystem, so the rename is atomic). Streams are hashed (MD5 → the ETag) on their way to disk.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { S3Error } from './errors.js';

export interface WrittenFile {
  size: number;
  /** MD5 of the bytes, raw. */
  md5: Buffer;
}

export function tempPath(root: string): string {
  return join(root, '.tmp', randomUUID());
}

/** Streams `body` into a temporary file; the caller renames it into place (or removes it). */
export async function writeTemp(root: string, body: Readable | Uint8Array | string): Promise<WrittenFile & { path: string }> {
  const path = tempPath(root);
  await mkdir(dirname(path), { recursive: true });
  const hash = createHash('md5');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const source = body instanceof Readable ? body : Readable.from([typeof body === 'string' ? Buffer.from(body) : Buffer.from(body)]);
  try {
    await pipeline(source, tap, createWriteStream(path));
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return { path, size, md5: hash.digest() };
}

/**
 * Checks a Content-MD5 (base64) against what was received, removing the temporary file when they differ: S3
 * answers InvalidDigest for a value that is not an MD5 and BadDigest for one that does not match.
 */
export async function checkContentMd5(written: WrittenFile & { path: string }, contentMd5: string | undefined): Promise<void> {
  if (contentMd5 === undefined) return;
  const expected = Buffer.from(contentMd5, 'base64');
  if (expected.length !== 16 || expected.toString('base64') !== contentMd5.trim()) {
    await rm(written.path, { force: true });
    throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': contentMd5 });
  }
  if (!expected.equals(written.md5)) {
    await rm(written.path, { force: true });
    throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
      ExpectedDigest: contentMd5,
      CalculatedDigest: written.md5.toString('base64'),
    });
  }
}

/** Moves a finished temporary file onto `target`, creating its folders. */
export async function moveIntoPlace(temp: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await rename(temp, target);
}

export async function writeJsonAtomically(root: string, target: string, value: unknown): Promise<void> {
  const path = tempPath(root);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(value));
  await moveIntoPlace(path, target);
}
