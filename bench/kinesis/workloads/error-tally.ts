/** Counts failures of a phase and keeps the first few messages, so a run with errors says what went wrong. */
export class ErrorTally {
  count = 0;
  readonly samples: string[] = [];

  add(message: string, n = 1): void {
    this.count += n;
    if (this.samples.length < 3 && !this.samples.includes(message)) this.samples.push(message);
  }

  addResponse(status: number, body: Buffer): void {
    this.add(`HTTP ${status}: ${body.toString('utf8', 0, 160)}`);
  }
}
