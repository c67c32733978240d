/** An application output delivered to a Firehose delivery stream of this Freshet: one Firehose record per row. */
import type { FirehoseLink } from '../../firehose/stream-taps.js';
import type { RecordWriter } from './output-sink.js';

/** Firehose's PutRecordBatch limit. */
const MAX_RECORDS = 500;

export function firehoseOutputWriter(arn: string, link: () => FirehoseLink | undefined, log: (m: string) => void): RecordWriter {
  return {
    async putRecords(batch) {
      const firehose = link();
      let i = 0;
      try {
        if (!firehose) throw new Error('no Firehose service in this process');
        for (; i < batch.length; i += MAX_RECORDS) {
          await firehose.put(arn, batch.slice(i, i + MAX_RECORDS).map((r) => r.data));
        }
        return [];
      } catch (err) {
        log(`Firehose output ${arn}: ${(err as Error).message}`);
        return batch.flatMap((_, j) => (j >= i ? [j] : []));
      }
    },
    close() {},
  };
}
