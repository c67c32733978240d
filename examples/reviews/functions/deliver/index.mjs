// A Lambda output of the application (KDA's contract): every record's data is appended, as a line, to the file
// named by OUTPUT_FILE (the notebook's functions pushed the values to CloudWatch metrics and SNS instead).
import { appendFileSync } from 'node:fs';

export const handler = async (event) => {
  const lines = event.records.map((r) => Buffer.from(r.data, 'base64').toString('utf8').replace(/\n$/, '') + '\n');
  appendFileSync(process.env.OUTPUT_FILE, lines.join(''));
  return { records: event.records.map((r) => ({ recordId: r.recordId, result: 'Ok' })) };
};
