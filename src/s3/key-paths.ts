/**
 * Where an object lives on disk: `<bucket folder>/<key>`, one folder per `/` of the key, so any tool sees the
 * objects as plain files. The few key segments a filesystem cannot hold are escaped reversibly: an empty segment
 * (`a//b`, or the trailing one of a folder marker `a/`) is `%`, `.` and `..` are `%2E` and `%2E%2E`, and a literal
 * `%` is `%25`.
 */
import { join } from 'node:path';

function encodeSegment(segment: string): string {
  if (segment === '') return '%';
  if (segment === '.') return '%2E';
  if (segment === '..') return '%2E%2E';
  return segment.replaceAll('%', '%25');
}

function decodeSegment(segment: string): string {
  if (segment === '%') return '';
  return segment.replace(/%(25|2E)/g, (_m, code: string) => (code === '25' ? '%' : '.'));
}

/** The relative path of a key inside its bucket folder. */
export function keyToPath(key: string): string {
  return join(...key.split('/').map(encodeSegment));
}

/** The key a relative path (segments separated by `/`) stands for. */
export function pathToKey(relativePath: string): string {
  return relativePath.split('/').map(decodeSegment).join('/');
}

/** The folder a listing with this prefix has to walk: the prefix's complete segments. */
export function prefixFolder(prefix: string): string {
  const slash = prefix.lastIndexOf('/');
  return slash === -1 ? '' : keyToPath(prefix.slice(0, slash));
}
