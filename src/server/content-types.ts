/** The content types AWS JSON services accept (and echo back). */
export const AMZ_JSON = 'application/x-amz-json-1.1';
export const AMZ_CBOR = 'application/x-amz-cbor-1.1';
/** Pre-1.1 Coral JSON: AWS answers it with a `{Output, Version}` envelope and never runs the operation. */
export const LEGACY_JSON = 'application/json';
export const EVENT_STREAM = 'application/vnd.amazon.eventstream';

/** `application/x-amz-json-1.1; charset=utf-8` → `application/x-amz-json-1.1`. */
export function mediaType(header: string | undefined): string {
  if (!header) return '';
  const semi = header.indexOf(';');
  return (semi === -1 ? header : header.slice(0, semi)).trim();
}
