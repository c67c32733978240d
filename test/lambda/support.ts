/** Shared pieces of the function tests: zips built in memory and a Firehose-style transform handler. */
import AdmZip from 'adm-zip';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { TEST_CREDENTIALS, TEST_REGION } from '../helpers/freshet.js';

export function zipOf(files: Record<string, string>): Buffer {
  const zip = new AdmZip();
  for (const [name, content] of Object.entries(files)) zip.addFile(name, Buffer.from(content));
  return zip.toBuffer();
}

/**
 * The Firehose data-transformation contract: every record comes back with its recordId, a result and base64 data.
 * Upper-cases the data, drops records whose text is "drop", logs how many it saw, and fails on "boom".
 */
export const TRANSFORM_HANDLER = `
exports.handler = async (event, context) => {
  console.log('transforming', event.records.length, 'records for', context.functionName);
  return {
    records: event.records.map((r) => {
      const text = Buffer.from(r.data, 'base64').toString('utf8');
      if (text === 'boom') throw new TypeError('cannot transform boom');
      if (text === 'drop') return { recordId: r.recordId, result: 'Dropped', data: r.data };
      return { recordId: r.recordId, result: 'Ok', data: Buffer.from(text.toUpperCase()).toString('base64') };
    }),
  };
};
`;

export function firehoseEvent(texts: string[]) {
  return {
    invocationId: 'invocation-1',
    deliveryStreamArn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/demo',
    region: 'us-east-1',
    records: texts.map((t, i) => ({ recordId: `record-${i}`, approximateArrivalTimestamp: 1_700_000_000_000, data: Buffer.from(t).toString('base64') })),
  };
}

export function decodeRecords(payload: { records: Array<{ recordId: string; result: string; data: string }> }) {
  return payload.records.map((r) => ({ recordId: r.recordId, result: r.result, text: Buffer.from(r.data, 'base64').toString('utf8') }));
}

export function lambdaClient(endpoint: string): LambdaClient {
  return new LambdaClient({ endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

export const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
