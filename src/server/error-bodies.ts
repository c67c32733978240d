/**
 * The bodies AWS sends when a request never reaches an operation: XML for requests it cannot even classify as a
 * JSON-protocol call, and the Coral `{Output, Version}` envelope for the legacy `application/json` content type.
 */

/** `<Type>\n  <Message>…</Message>\n</Type>\n`, or `<Type/>\n` when there is no message. */
export function xmlError(type: string, message?: string): string {
  if (message === undefined) return `<${type}/>\n`;
  return `<${type}>\n  <Message>${message}</Message>\n</${type}>\n`;
}

/** The legacy Coral JSON envelope. */
export function coralError(type: string): string {
  return JSON.stringify({ Output: { __type: `com.amazon.coral.service#${type}` }, Version: '1.0' });
}
