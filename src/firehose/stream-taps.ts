/**
 * In-process access to delivery streams for other services of this Freshet (Kinesis Analytics): a tap that sees
 * every record accepted by PutRecord/PutRecordBatch after it is durable (an application reading a delivery stream,
 * as KDA's Firehose inputs did), and a writer that puts records into a delivery stream the way PutRecordBatch does
 * (an application's Firehose output). Taps see records from the moment they subscribe; what was put before is not
 * replayed.
 */
import type { DeliveryStreamMeta } from './model/types.js';

export interface DeliveryStreamRecord {
  data: Uint8Array;
  arrivalMs: number;
}

export type TapListener = (records: DeliveryStreamRecord[]) => void;

export interface FirehoseLink {
  /** Calls `listener` with each batch put into the delivery stream `arn`; returns the unsubscribe function. */
  tap(arn: string, listener: TapListener): () => void;
  /** Puts records into the delivery stream `arn` (ResourceNotFound-style Error when it does not exist or is not ACTIVE). */
  put(arn: string, records: Uint8Array[]): Promise<void>;
}

/** `arn:aws:firehose:<region>:<account>:deliverystream/<name>` → its parts, or undefined. */
export function parseDeliveryStreamArn(arn: string): { region: string; accountId: string; name: string } | undefined {
  const m = /^arn:[^:]+:firehose:([^:]+):(\d+):deliverystream\/(.+)$/.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}

export class StreamTaps {
  private readonly listeners = new Map<string, Set<TapListener>>();

  subscribe(arn: string, listener: TapListener): () => void {
    let set = this.listeners.get(arn);
    if (!set) this.listeners.set(arn, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(arn);
    };
  }

  publish(meta: DeliveryStreamMeta, records: Uint8Array[], arrivalMs: number): void {
    const set = this.listeners.get(meta.arn);
    if (!set || !records.length) return;
    const batch = records.map((data) => ({ data, arrivalMs }));
    for (const l of set) l(batch);
  }
}
