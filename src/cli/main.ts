#!/usr/bin/env node
/**
 * The `freshet` command line. Each command lives in `commands/<name>.ts` and exports `register(program)`; adding
 * one is one line in COMMANDS below. Only the command being run is loaded: `freshet put` never pays for the server
 * or the SQL engine. Help, and anything that names no known command, loads them all so the listing is complete.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';

interface CommandModule {
  register(program: Command): void;
}

/** Top-level command names (and aliases) → their module, in the order `--help` lists them. */
const COMMANDS: [names: string[], load: () => Promise<CommandModule>][] = [
  [['serve'], () => import('./commands/serve.js')],
  [['sql'], () => import('./commands/sql.js')],
  [['streams'], () => import('./commands/streams.js')],
  [['put'], () => import('./commands/put.js')],
  [['tail'], () => import('./commands/tail.js')],
  [['dump'], () => import('./commands/dump.js')],
  [['load'], () => import('./commands/load.js')],
  [['generate'], () => import('./commands/generate.js')],
  [['app'], () => import('./commands/app.js')],
  [['apps'], () => import('./commands/apps.js')],
  [['firehose'], () => import('./commands/firehose.js')],
];

/** The program with the command `argv` names registered, or every command when it names none. */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command();
  program.name('freshet').description('A self-hosted, wire-compatible Amazon Kinesis platform').showHelpAfterError();
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  const chosen = COMMANDS.filter(([names]) => first !== undefined && names.includes(first));
  const modules = await Promise.all((chosen.length > 0 ? chosen : COMMANDS).map(([, load]) => load()));
  for (const m of modules) m.register(program);
  return program;
}

/** Parses `argv` and runs the chosen command; exits non-zero with a one-line message on failure. */
export async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
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
