/** ARNs of streams and consumers, built and parsed. */

export interface StreamLocator {
  accountId: string;
  region: string;
  streamName: string;
}

export interface ConsumerLocator extends StreamLocator {
  consumerName: string;
  /** Epoch seconds of the consumer's creation, as AWS appends it. */
  consumerCreationSecs: number;
}

export function streamArn(region: string, accountId: string, streamName: string): string {
  return `arn:aws:kinesis:${region}:${accountId}:stream/${streamName}`;
}

export function consumerArn(streamArnValue: string, consumerName: string, creationMs: number): string {
  return `${streamArnValue}/consumer/${consumerName}:${Math.floor(creationMs / 1000)}`;
}

// Partition and region are free-form (aws, aws-cn, aws-us-gov…); the account must be 12 digits.
// The stream part is taken as sent (like AWS's own `\S+` pattern): a malformed name then simply names no stream.
const STREAM_ARN = /^arn:aws[^:]*:kinesis:([^:]*):(\d{12}):stream\/(\S+)$/;
const CONSUMER_ARN = /^arn:aws[^:]*:kinesis:([^:]*):(\d{12}):stream\/([a-zA-Z0-9_.-]{1,128})\/consumer\/([a-zA-Z0-9_.-]{1,128}):(\d+)$/;

/** The stream an ARN names, or undefined when it is not a well-formed stream ARN. */
export function parseStreamArn(arn: string): StreamLocator | undefined {
  const m = STREAM_ARN.exec(arn);
  if (!m) return undefined;
  return { region: m[1]!, accountId: m[2]!, streamName: m[3]! };
}

export function parseConsumerArn(arn: string): ConsumerLocator | undefined {
  const m = CONSUMER_ARN.exec(arn);
  if (!m) return undefined;
  return { region: m[1]!, accountId: m[2]!, streamName: m[3]!, consumerName: m[4]!, consumerCreationSecs: Number(m[5]) };
}
