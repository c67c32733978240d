/**
 * The contract between the transport (`src/server/`) and each AWS service (`src/kinesis/`, later
 * `src/analytics/`, `src/firehose/`).
 *
 * The transport receives `POST /` with `X-Amz-Target: <targetPrefix>.<Operation>`, decodes the body (JSON 1.1 or
 * CBOR 1.1) into plain JS values and calls the service's `handle`. Decoded input keeps the wire's shapes: with JSON
 * a blob is a base64 string, with CBOR a Uint8Array (a Buffer); a timestamp is, with JSON, a number of epoch seconds
 * (or whatever string the client sent), with CBOR a `Date` when the client used tag 1 (AWS's tag 1 carries epoch
 * milliseconds; the transport converts it correctly) or a plain number of epoch milliseconds when untagged — the
 * service's validation normalises them (`ctx.protocol` says which rules apply).
 *
 * Output goes the other way: the service returns plain objects in which blobs are `Uint8Array`/`Buffer` and
 * timestamps are `Date`; the transport encodes them for the request's protocol (JSON: base64 / epoch seconds with
 * a millisecond fraction; CBOR: byte string / tag 1 with integer milliseconds). `undefined` members are omitted.
 */

export type WireProtocol = 'json' | 'cbor';

export interface RequestContext {
  /** 12-digit account id (default 000000000000; from the access key when configured). */
  accountId: string;
  /** Region from the SigV4 credential scope, else the server default (us-east-1). */
  region: string;
  requestId: string;
  protocol: WireProtocol;
  /** HTTP version of the connection, for services that stream. */
  httpVersion: '1.1' | '2';
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** An error as AWS returns it: `__type`, message and HTTP status. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string | undefined,
    readonly status = 400,
    /** Some Coral errors (SerializationException) spell the member `Message`. */
    readonly messageKey: 'message' | 'Message' = 'message',
    /** Further members of the error shape (UnableToDetectSchemaException's RawInputRecords…), sent beside the message. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message ?? '');
    this.name = type;
  }
  /** Whether a message should be sent at all (some AWS errors carry none). */
  get hasMessage(): boolean {
    return this.message !== '';
  }
}

/** One message of an AWS event stream (application/vnd.amazon.eventstream). */
export type EventStreamMessage =
  | { kind: 'event'; eventType: string; payload: Record<string, unknown> }
  | { kind: 'exception'; exceptionType: string; payload: Record<string, unknown> };

/**
 * A streaming result (SubscribeToShard): the transport answers 200 with the event-stream content type and writes
 * each message the iterator yields, encoded with the request's protocol; it stops the iterator (return()) when the
 * client disconnects.
 */
export interface EventStreamResult {
  eventStream: AsyncIterable<EventStreamMessage>;
}

export type ActionResult = Record<string, unknown> | EventStreamResult;

export function isEventStreamResult(r: ActionResult): r is EventStreamResult {
  return typeof (r as EventStreamResult).eventStream === 'object' && (r as EventStreamResult).eventStream !== null;
}

export interface AwsJsonService {
  /** e.g. `Kinesis_20131202`. */
  targetPrefix: string;
  /** SigV4 signing name, e.g. `kinesis`. */
  signingName: string;
  /** Operation names this service answers; anything else is UnknownOperationException. */
  operations: ReadonlySet<string>;
  /** Runs one operation. Throws AwsError for AWS-shaped failures; anything else becomes a 500 InternalFailure. */
  handle(operation: string, input: unknown, ctx: RequestContext): Promise<ActionResult>;
}
