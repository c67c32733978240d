/**
 * A function's code, as CreateFunction/UpdateFunctionCode give it:
 *  - `ZipFile` (bytes) or `S3Bucket`/`S3Key` (a zip in the embedded S3): unpacked into the function's folder;
 *  - `ImageUri: "file:///abs/folder"`: a folder on this machine, used in place (edits show up on the next cold
 *    start, or at once after UpdateFunctionCode);
 *  - `ImageUri: "http://…"` (or https): an HTTP endpoint that receives each event as a JSON POST and answers
 *    with the result.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import type { ObjectStore } from '../s3/object-store.js';
import { invalidParameter, LambdaError } from './errors.js';

export type CodeSource =
  | { kind: 'zip'; folder: string }
  | { kind: 'folder'; folder: string }
  | { kind: 'url'; url: string };

export interface CodeInput {
  ZipFile?: string | Uint8Array;
  S3Bucket?: string;
  S3Key?: string;
  ImageUri?: string;
}

export interface PreparedCode {
  source: CodeSource;
  codeSize: number;
  /** base64 SHA-256 of the package (of the URI for folders and URLs). */
  codeSha256: string;
}

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('base64');

/** Unpacks a zip into `folder` (replacing what was there), refusing entries that would land outside it. */
async function unpack(zip: Buffer, folder: string, root: string): Promise<void> {
  let archive: AdmZip;
  try {
    archive = new AdmZip(zip);
    archive.getEntries();
  } catch {
    throw invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');
  }
  for (const entry of archive.getEntries()) {
    const target = normalize(join(folder, entry.entryName));
    if (!target.startsWith(folder + sep)) throw invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');
  }
  const staging = join(root, '.tmp', `${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await mkdir(staging, { recursive: true });
  archive.extractAllTo(staging, true);
  // As in Lambda, a .js handler is CommonJS unless the package says otherwise; without this, a package.json above
  // the data folder (a project with "type": "module") would decide instead.
  if (!existsSync(join(staging, 'package.json'))) await writeFile(join(staging, 'package.json'), '{"type":"commonjs"}\n');
  await rm(folder, { recursive: true, force: true });
  await mkdir(join(folder, '..'), { recursive: true });
  await rename(staging, folder);
}

export async function prepareCode(code: CodeInput | undefined, folder: string, root: string, objects?: ObjectStore): Promise<PreparedCode> {
  if (!code || typeof code !== 'object') throw invalidParameter('Code is required');
  if (code.ImageUri !== undefined) {
    const uri = code.ImageUri;
    if (/^https?:\/\//.test(uri)) return { source: { kind: 'url', url: uri }, codeSize: 0, codeSha256: sha256(uri) };
    const path = uri.startsWith('file://') ? fileURLToPath(uri) : uri;
    if (!isAbsolute(path)) throw invalidParameter('ImageUri must be an http(s) URL or a file:// URL (or absolute path) of a folder with the handler module');
    const s = await stat(path).catch(() => undefined);
    if (!s?.isDirectory()) throw invalidParameter(`Source folder ${path} does not exist`);
    return { source: { kind: 'folder', folder: path }, codeSize: 0, codeSha256: sha256(path) };
  }
  let zip: Buffer;
  if (code.ZipFile !== undefined) {
    zip = typeof code.ZipFile === 'string' ? Buffer.from(code.ZipFile, 'base64') : Buffer.from(code.ZipFile);
  } else if (code.S3Bucket && code.S3Key) {
    if (!objects) throw invalidParameter('S3 code locations need the embedded S3 store');
    try {
      zip = (await objects.getObject(code.S3Bucket, code.S3Key)).body;
    } catch {
      throw new LambdaError(
        'InvalidParameterValueException',
        `Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.`,
        400,
      );
    }
  } else {
    throw invalidParameter('Please provide a source for function code.');
  }
  await unpack(zip, folder, root);
  return { source: { kind: 'zip', folder }, codeSize: zip.length, codeSha256: sha256(zip) };
}
