#!/usr/bin/env node
/**
 * The `freshet` command line. Each command lives in `commands/<name>.ts` and exports `register(program)`; adding
 * one is one import and one call below.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { register as registerServe } from './commands/serve.js';
import { register as registerSql } from './commands/sql.js';
import { register as registerStreams } from './commands/streams.js';
import { register as registerPut } from './commands/put.js';
import { register as registerTail } from './commands/tail.js';
import { register as registerDump } from './commands/dump.js';
import { register as registerLoad } from './commands/load.js';
import { register as registerGenerate } from './commands/generate.js';
import { register as registerApp } from './commands/app.js';

export function buildProgram(): Command {
  const program = new Command();
  program.name('freshet').description('A self-hosted, wire-compatible Amazon Kinesis platform').showHelpAfterError();
  registerServe(program);
  registerSql(program);
  registerStreams(program);
  registerPut(program);
  registerTail(program);
  registerDump(program);
  registerLoad(program);
  registerGenerate(program);
  registerApp(program);
  return program;
}

/** Parses `argv` and runs the chosen command; exits non-zero with a one-line message on failure. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    console.error(`freshet: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Run when executed directly (node dist/cli/main.js, or tsx src/cli/main.ts); bin/freshet.js calls main() itself.
if (isMain()) void main(process.argv);
