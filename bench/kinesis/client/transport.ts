/** The benchmark's view of a connection pool: send one Kinesis JSON 1.1 request, get the status and raw body. */
export interface RawResponse {
  status: number;
  body: Buffer;
}

export interface KinesisTransport {
  readonly protocol: 'HTTP/1.1' | 'h2c';
  /** Rejects only on transport failures; HTTP errors come back as a status. */
  send(operation: string, body: Buffer | string): Promise<RawResponse>;
  close(): Promise<void>;
}
