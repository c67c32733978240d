/** Input records one per line, from arguments, a file or stdin, with the line number for messages. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface InputLine {
  text: string;
  /** "line 3 of in.txt", "argument 2", "line 7 of stdin". */
  where: string;
}

export async function* inputLines(args: string[], file: string | undefined, stdin: Readable = process.stdin): AsyncGenerator<InputLine> {
  if (args.length > 0) {
    let n = 0;
    for (const a of args) yield { text: a, where: `argument ${++n}` };
    return;
  }
  const source = file && file !== '-' ? createReadStream(file) : stdin;
  const name = file && file !== '-' ? file : 'stdin';
  yield* linesOf(source, name);
}

export async function* linesOf(source: Readable, name: string): AsyncGenerator<InputLine> {
  const rl = createInterface({ input: source, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of rl) {
      n++;
      if (line.trim() === '') continue;
      yield { text: line, where: `line ${n} of ${name}` };
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${name}: ${code ?? (err as Error).message}`);
  }
}
