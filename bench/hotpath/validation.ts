/**
 * CPU time of validating PutRecords (500 × 100 B, JSON) and GetRecords input: the generic framework against the
 * data plane's fast validators (which return the same normalised input), with JSON.parse of the body for scale.
 *
 *   node --import tsx bench/hotpath/validation.ts
 */
import { validateInput } from '../../src/kinesis/validations/framework.js';
import * as getRecords from '../../src/kinesis/validations/getRecords.js';
import * as putRecords from '../../src/kinesis/validations/putRecords.js';

const data = Buffer.alloc(100, 'x').toString('base64');
const body = JSON.stringify({ StreamName: 's', Records: Array.from({ length: 500 }, (_, i) => ({ Data: data, PartitionKey: `pk-${i}` })) });
const get = { ShardIterator: 'A'.repeat(200), Limit: 10000 };

function best(label: string, units: number, fn: () => void): void {
  let min = Infinity;
  for (let r = 0; r < 7; r++) {
    const t = process.cpuUsage();
    for (let i = 0; i < 40; i++) fn();
    const d = process.cpuUsage(t);
    min = Math.min(min, (d.user + d.system) / (40 * units));
  }
  console.log(`${label.padEnd(40)} ${min.toFixed(3)} µs`);
}

const parsed = JSON.parse(body);
best('PutRecords JSON.parse, per record', 500, () => JSON.parse(body));
best('PutRecords framework, per record', 500, () => validateInput(parsed, putRecords.validation, 'json'));
best('PutRecords fast, per record', 500, () => putRecords.fastValidate(parsed, 'json'));
best('GetRecords framework, per call', 1, () => validateInput(get, getRecords.validation, 'json'));
best('GetRecords fast, per call', 1, () => getRecords.fastValidate(get, 'json'));
