/**
 * Multipart uploads: `<root>/.uploads/<uploadId>/` holds `upload.json` (bucket, key, headers) and one file per
 * part with its `<n>.json` (ETag, size). Completing concatenates the chosen parts into one object whose ETag is S3's:
 * the MD5 of the parts' binary MD5s, then `-<number of parts>`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { checkContentMd5, moveIntoPlace, tempPath, writeJsonAtomically, writeTemp } from './atomic-files.js';
import { invalidArgument, noSuchUpload, S3Error } from './errors.js';
import type { BucketInfo, ObjectHeaders, ObjectInfo, PutBody } from './object-store.js';

/** Every part but the last must be at least this big (S3's rule). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const MAX_PART_NUMBER = 10_000;

export interface PartInfo {
  partNumber: number;
  etag: string;
  size: number;
  lastModified: Date;
  checksums?: Record<string, string>;
}

export interface UploadInfo {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: Date;
  headers: ObjectHeaders;
}

export interface MultipartUploads {
  create(bucket: string, key: string, headers?: ObjectHeaders): Promise<UploadInfo>;
  /** `checksums` may be a function, called once the body is read (aws-chunked trailers come last). */
  uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
    body: PutBody,
    checksums?: Record<string, string> | (() => Record<string, string> | undefined),
    contentMd5?: string,
  ): Promise<PartInfo>;
  /** Parts as the client chose them: ascending part numbers, ETags as UploadPart returned them. */
  complete(bucket: string, key: string, uploadId: string, parts: ReadonlyArray<{ partNumber: number; etag: string }>): Promise<ObjectInfo>;
  abort(bucket: string, key: string, uploadId: string): Promise<void>;
  listParts(bucket: string, key: string, uploadId: string): Promise<{ upload: UploadInfo; parts: PartInfo[] }>;
  list(bucket: string): Promise<UploadInfo[]>;
  /** Drops every upload into a bucket (when the bucket goes). */
  abortAll(bucket: string): Promise<void>;
}

interface StoreHooks {
  headBucket(bucket: string): Promise<BucketInfo>;
  checkKey(key: string): void;
  commit(bucket: string, key: string, temp: string, meta: ObjectHeaders & { etag: string; size: number; partsCount: number }): Promise<ObjectInfo>;
}

const unquote = (etag: string): string => etag.trim().replace(/^"|"$/g, '');

export function createMultipartUploads(root: string, hooks: StoreHooks): MultipartUploads {
  const uploadsDir = join(root, '.uploads');
  const uploadDir = (id: string): string => join(uploadsDir, id.replace(/[^A-Za-z0-9_-]/g, '_'));

  async function load(bucket: string, key: string, uploadId: string): Promise<UploadInfo> {
    await hooks.headBucket(bucket);
    let saved: UploadInfo;
    try {
      saved = JSON.parse(await readFile(join(uploadDir(uploadId), 'upload.json'), 'utf8')) as UploadInfo;
    } catch {
      throw noSuchUpload(uploadId);
    }
    if (saved.bucket !== bucket || saved.key !== key) throw noSuchUpload(uploadId);
    return { ...saved, initiated: new Date(saved.initiated) };
  }

  async function parts(uploadId: string): Promise<PartInfo[]> {
    const dir = uploadDir(uploadId);
    const names = (await readdir(dir)).filter((n) => /^\d+\.json$/.test(n));
    const all = await Promise.all(
      names.map(async (n) => {
        const p = JSON.parse(await readFile(join(dir, n), 'utf8')) as PartInfo;
        return { ...p, lastModified: new Date(p.lastModified) };
      }),
    );
    return all.sort((a, b) => a.partNumber - b.partNumber);
  }

  const uploads: MultipartUploads = {
    async create(bucket, key, headers = {}) {
      await hooks.headBucket(bucket);
      hooks.checkKey(key);
      const upload: UploadInfo = { uploadId: randomBytes(24).toString('base64url'), bucket, key, initiated: new Date(), headers };
      await mkdir(uploadDir(upload.uploadId), { recursive: true });
      await writeJsonAtomically(root, join(uploadDir(upload.uploadId), 'upload.json'), upload);
      return upload;
    },
    async uploadPart(bucket, key, uploadId, partNumber, body, checksums, contentMd5) {
      await load(bucket, key, uploadId);
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
        throw invalidArgument(`Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`, 'partNumber', String(partNumber));
      }
      const written = await writeTemp(root, body);
      await checkContentMd5(written, contentMd5);
      const dir = uploadDir(uploadId);
      await moveIntoPlace(written.path, join(dir, String(partNumber)));
      const part: PartInfo = {
        partNumber,
        etag: `"${written.md5.toString('hex')}"`,
        size: written.size,
        lastModified: new Date(),
        checksums: typeof checksums === 'function' ? checksums() : checksums,
      };
      await writeJsonAtomically(root, join(dir, `${partNumber}.json`), part);
      return part;
    },
    async complete(bucket, key, uploadId, chosen) {
      const upload = await load(bucket, key, uploadId);
      if (chosen.length === 0) {
        throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
      }
      const stored = new Map((await parts(uploadId)).map((p) => [p.partNumber, p]));
      const used: PartInfo[] = [];
      for (const [i, c] of chosen.entries()) {
        if (i > 0 && c.partNumber <= chosen[i - 1]!.partNumber) {
          throw new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400, { UploadId: uploadId });
        }
        const part = stored.get(c.partNumber);
        if (!part || unquote(part.etag) !== unquote(c.etag)) {
          throw new S3Error(
            'InvalidPart',
            'One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.',
            400,
            { UploadId: uploadId, PartNumber: String(c.partNumber), ETag: c.etag },
          );
        }
        used.push(part);
      }
      for (const [i, p] of used.entries()) {
        if (i < used.length - 1 && p.size < MIN_PART_BYTES) {
          throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400, {
            ProposedSize: String(p.size),
            MinSizeAllowed: String(MIN_PART_BYTES),
            PartNumber: String(p.partNumber),
            ETag: p.etag,
          });
        }
      }
      const temp = tempPath(root);
      await mkdir(join(root, '.tmp'), { recursive: true });
      const out = createWriteStream(temp);
      try {
        for (const p of used) await pipeline(createReadStream(join(uploadDir(uploadId), String(p.partNumber))), out, { end: false });
        out.end();
        await new Promise<void>((resolve, reject) => (out.writableFinished ? resolve() : out.once('finish', resolve).once('error', reject)));
      } catch (err) {
        out.destroy();
        await rm(temp, { force: true });
        throw err;
      }
      const md5s = Buffer.concat(used.map((p) => Buffer.from(unquote(p.etag), 'hex')));
      const etag = `"${createHash('md5').update(md5s).digest('hex')}-${used.length}"`;
      const size = (await stat(temp)).size;
      const info = await hooks.commit(bucket, key, temp, { ...upload.headers, checksums: undefined, etag, size, partsCount: used.length });
      await rm(uploadDir(uploadId), { recursive: true, force: true });
      return info;
    },
    async abort(bucket, key, uploadId) {
      await load(bucket, key, uploadId);
      await rm(uploadDir(uploadId), { recursive: true, force: true });
    },
    async listParts(bucket, key, uploadId) {
      const upload = await load(bucket, key, uploadId);
      return { upload, parts: await parts(uploadId) };
    },
    async list(bucket) {
      let ids: string[];
      try {
        ids = await readdir(uploadsDir);
      } catch {
        return [];
      }
      const all = await Promise.all(
        ids.map(async (id) => {
          try {
            const u = JSON.parse(await readFile(join(uploadsDir, id, 'upload.json'), 'utf8')) as UploadInfo;
            return u.bucket === bucket ? { ...u, initiated: new Date(u.initiated) } : undefined;
          } catch {
            return undefined;
          }
        }),
      );
      return all.filter((u): u is UploadInfo => u !== undefined);
    },
    async abortAll(bucket) {
      for (const u of await uploads.list(bucket)) await rm(uploadDir(u.uploadId), { recursive: true, force: true });
    },
  };
  return uploads;
}
