/** Records on their way from the delivery stream's log to a destination. */
export interface FlowRecord {
  data: Buffer;
  /** When Firehose (or the source Kinesis stream) accepted it, epoch ms. */
  arrivalMs: number;
  /** Dynamic partitioning keys from MetadataExtraction (`query`) and the transform's metadata (`lambda`). */
  partitionKeys?: { query?: Record<string, string>; lambda?: Record<string, string> };
}

/** A record that could not be delivered: written as JSON under the ErrorOutputPrefix. */
export interface FailedRecord {
  rawData: Buffer;
  arrivalMs: number;
  /** `processing-failed`, `http-endpoint-failed`… (the `!{firehose:error-output-type}` value). */
  errorOutputType: string;
  errorCode: string;
  errorMessage: string;
  attemptsMade: number;
  attemptEndingMs: number;
  lambdaArn?: string;
}

export interface ProcessedBatch {
  records: FlowRecord[];
  failed: FailedRecord[];
}

/** One failed record as the JSON line AWS writes for it. */
export function failedRecordJson(f: FailedRecord): string {
  return JSON.stringify({
    attemptsMade: f.attemptsMade,
    arrivalTimestamp: f.arrivalMs,
    errorCode: f.errorCode,
    errorMessage: f.errorMessage,
    attemptEndingTimestamp: f.attemptEndingMs,
    rawData: f.rawData.toString('base64'),
    ...(f.lambdaArn ? { lambdaArn: f.lambdaArn } : {}),
  });
}
