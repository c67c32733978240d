/** S3's XML in both directions, through fast-xml-parser. */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

/** `{ Root: { ... } }` → an XML document; arrays repeat their element, `undefined` members are left out. */
export function toXml(root: string, body: Record<string, unknown>, namespace = true): string {
  const content = namespace ? { '@_xmlns': S3_NAMESPACE, ...body } : body;
  return DECLARATION + builder.build({ [root]: content });
}

/** Elements that may repeat are always arrays, so one `<Object>` reads like many. */
const REPEATED = new Set(['Object', 'Part']);
const parser = new XMLParser({
  // Keys, ETags and names stay strings ("0012" must not become 12).
  parseTagValue: false,
  ignoreAttributes: true,
  isArray: (name) => REPEATED.has(name),
});

export function parseXml(text: string): Record<string, any> {
  return parser.parse(text) as Record<string, any>;
}
