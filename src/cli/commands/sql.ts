/**
 * `freshet sql run APP.sql --input S=records.jsonl --input-schema S=schema.json …`: runs a Kinesis Data Analytics
 * SQL application offline over recorded input and prints what its streams emit.
 */
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { SqlCompileError } from '../../sql/errors.js';
import { recordDecoder } from '../../sql/io/source-schema.js';
import { compileApplication } from '../../sql/plan/compile-application.js';
import { describePlan } from '../../sql/plan/plan-node.js';
import { runOffline, toCsv, toJsonLines, toTables, type OfflineInput, type OfflineReference } from '../../sql/runner/offline-run.js';

interface RunFlags {
  input: string[];
  inputSchema: string[];
  reference: string[];
  referenceSchema: string[];
  output: string[];
  format: 'jsonl' | 'table' | 'csv';
  evaluator: 'codegen' | 'interpreter';
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `NAME=path` pairs of a repeatable option, by name. */
function pairs(values: string[], flag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new Error(`${flag} expects NAME=FILE, got '${v}'`);
    const name = v.slice(0, eq);
    if (out.has(name)) throw new Error(`${flag} ${name} given twice`);
    out.set(name, v.slice(eq + 1));
  }
  return out;
}

async function readJson(path: string, what: string): Promise<unknown> {
  const text = await readText(path, what);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${what} ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** A schema file may hold the SourceSchema itself or an object wrapping it as InputSchema / ReferenceSchema. */
function unwrap(schema: unknown, key: string): unknown {
  if (schema && typeof schema === 'object' && key in schema) return (schema as Record<string, unknown>)[key];
  return schema;
}

export async function runCommand(appFile: string, flags: RunFlags): Promise<string> {
  const sql = await readText(appFile, 'application code');
  const inputFiles = pairs(flags.input, '--input');
  const inputSchemas = pairs(flags.inputSchema, '--input-schema');
  for (const name of inputFiles.keys()) if (!inputSchemas.has(name)) throw new Error(`--input ${name} needs --input-schema ${name}=schema.json`);
  const inputs: OfflineInput[] = [];
  for (const [stream, schemaPath] of inputSchemas) {
    const file = inputFiles.get(stream);
    const lines = file ? (await readText(file, 'input')).split('\n') : [];
    inputs.push({ stream, schema: unwrap(await readJson(schemaPath, 'input schema'), 'InputSchema'), lines, source: file ?? stream });
  }
  const refFiles = pairs(flags.reference, '--reference');
  const refSchemas = pairs(flags.referenceSchema, '--reference-schema');
  const references: OfflineReference[] = [];
  for (const [table, file] of refFiles) {
    const schemaPath = refSchemas.get(table);
    if (!schemaPath) throw new Error(`--reference ${table} needs --reference-schema ${table}=schema.json`);
    references.push({ table, schema: unwrap(await readJson(schemaPath, 'reference schema'), 'ReferenceSchema'), content: await readFile(file) });
  }
  for (const table of refSchemas.keys()) if (!refFiles.has(table)) throw new Error(`--reference-schema ${table} needs --reference ${table}=file`);
  let records;
  try {
    records = runOffline({
      sql,
      inputs,
      references,
      ...(flags.output.length ? { outputs: flags.output } : {}),
      evaluator: flags.evaluator,
    });
  } catch (err) {
    throw located(appFile, err);
  }
  return flags.format === 'table' ? toTables(records) : flags.format === 'csv' ? toCsv(records) : toJsonLines(records);
}

/** Positions SQL errors at the file, with a hint for undeclared objects; other errors pass through. */
function located(appFile: string, err: unknown): unknown {
  if (!(err instanceof SqlCompileError)) return err;
  // An unknown object is usually an input or reference table the command line did not declare.
  const hint = /^Object '[^']+' not found$/.test(err.reason)
    ? ' (declare input streams with --input-schema NAME=schema.json, reference tables with --reference and --reference-schema)'
    : '';
  return new Error(err.position ? `${appFile}:${err.position.line}:${err.position.column}: ${err.reason}${hint}` : err.message);
}

/** `freshet sql check`: validates application code against the schemas and prints each pump's plan. */
export async function checkCommand(appFile: string, flags: Pick<RunFlags, 'inputSchema' | 'referenceSchema'>): Promise<string> {
  const sql = await readText(appFile, 'application code');
  const inputs = [];
  for (const [name, path] of pairs(flags.inputSchema, '--input-schema')) {
    inputs.push({ name, columns: recordDecoder(unwrap(await readJson(path, 'input schema'), 'InputSchema'), `InputSchema of ${name}`).columns });
  }
  const tables = [];
  for (const [name, path] of pairs(flags.referenceSchema, '--reference-schema')) {
    tables.push({ name, columns: recordDecoder(unwrap(await readJson(path, 'reference schema'), 'ReferenceSchema'), `ReferenceSchema of ${name}`).columns });
  }
  let app;
  try {
    app = compileApplication(sql, { inputs, tables });
  } catch (err) {
    throw located(appFile, err);
  }
  const pumps = app.pumps.map((p) => `PUMP ${p.name} → ${p.target}\n${describePlan(p.plan, '  ')}`);
  return `${appFile}: valid (${app.pumps.length} pump${app.pumps.length === 1 ? '' : 's'})\n${pumps.join('\n')}\n`;
}

export function register(program: Command): void {
  const sql = program.command('sql').description('Kinesis Data Analytics SQL applications');
  sql
    .command('run')
    .description('Run application code offline over recorded input (a virtual clock driven by the records\' arrival times)')
    .argument('<app.sql>', 'the application code')
    .option('--input <STREAM=records.jsonl>', 'records of an input stream, one {"arrival", "data"} object per line (repeatable)', collect, [])
    .option('--input-schema <STREAM=schema.json>', 'the InputSchema of an input stream (repeatable)', collect, [])
    .option('--reference <TABLE=file>', 'a reference data file (repeatable)', collect, [])
    .option('--reference-schema <TABLE=schema.json>', 'the ReferenceSchema of a reference table (repeatable)', collect, [])
    .option('--output <STREAM>', 'report only these streams, plus error_stream (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'how rows are printed').choices(['jsonl', 'table', 'csv']).default('jsonl'))
    .addOption(new Option('--evaluator <kind>', 'expression evaluator').choices(['codegen', 'interpreter']).default('codegen'))
    .action(async (appFile: string, flags: RunFlags) => {
      process.stdout.write(await runCommand(appFile, flags));
    });
  sql
    .command('check')
    .description('Validate application code (as CreateApplication would) and print the plan of each pump')
    .argument('<app.sql>', 'the application code')
    .option('--input-schema <STREAM=schema.json>', 'the InputSchema of an input stream (repeatable)', collect, [])
    .option('--reference-schema <TABLE=schema.json>', 'the ReferenceSchema of a reference table (repeatable)', collect, [])
    .action(async (appFile: string, flags: Pick<RunFlags, 'inputSchema' | 'referenceSchema'>) => {
      process.stdout.write(await checkCommand(appFile, flags));
    });
}
