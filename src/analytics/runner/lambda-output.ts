/**
 * An application output delivered to a Lambda function, with KDA's event
 * `{invocationId, applicationArn, records:[{recordId, lambdaDeliveryRecordMetadata:{retryHint}, data(base64)}]}`
 * and its response `{records:[{recordId, result: Ok | DeliveryFailed}]}`. Records answered DeliveryFailed, left
 * out of the response, or in a batch whose invocation failed are handed back to the sink, which retries them in
 * order at the next flush (retryHint counts the attempts), as KDA retried Lambda outputs.
 */
import { randomUUID } from 'node:crypto';
import type { InvokeLambda } from './lambda-invoker.js';
import type { RecordWriter } from './output-sink.js';

export function lambdaOutputWriter(functionArn: string, applicationArn: string, invoke: InvokeLambda, log: (m: string) => void): RecordWriter {
  // Attempts per record payload, for retryHint (a retried record is the same Uint8Array object).
  const attempts = new WeakMap<Uint8Array, number>();
  return {
    async putRecords(batch) {
      const ids = batch.map(() => randomUUID());
      const event = {
        invocationId: randomUUID(),
        applicationArn,
        records: batch.map((r, i) => ({
          recordId: ids[i],
          lambdaDeliveryRecordMetadata: { retryHint: attempts.get(r.data) ?? 0 },
          data: Buffer.from(r.data).toString('base64'),
        })),
      };
      for (const r of batch) attempts.set(r.data, (attempts.get(r.data) ?? 0) + 1);
      let payload: unknown;
      try {
        const res = await invoke(functionArn, event);
        if (res.functionError) throw new Error(`the function failed (${res.functionError}): ${JSON.stringify(res.payload)}`);
        payload = res.payload;
      } catch (err) {
        log(`Lambda output ${functionArn}: ${(err as Error).message}`);
        return batch.map((_, i) => i);
      }
      const results = (payload as { records?: { recordId?: string; result?: string }[] } | null)?.records;
      const ok = new Set(Array.isArray(results) ? results.filter((r) => r?.result === 'Ok').map((r) => r.recordId) : []);
      const failed = ids.flatMap((id, i) => (ok.has(id) ? [] : [i]));
      if (failed.length) log(`Lambda output ${functionArn}: ${failed.length} of ${batch.length} records were not delivered; retrying`);
      return failed;
    },
    close() {},
  };
}
