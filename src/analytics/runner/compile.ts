/**
 * An application's code compiled against its configuration: one in-application stream per input and parallelism
 * slot (SOURCE_SQL_STREAM_001 …) with the input schema's columns, one table per reference data source. The API
 * uses it to answer CodeValidationException; the runtime to run.
 */
import { compileApplication, recordDecoder, SqlCompileError, type CompiledApplication, type RecordDecoder } from '../../sql/index.js';
import { inAppStreamNames, type StoredInput, type StoredReference } from '../model/application.js';

export interface CompiledSpec {
  app: CompiledApplication;
  /** Decoder of each input, by InputId. */
  inputDecoders: Map<string, RecordDecoder>;
  /** Decoder of each reference table, by TableName. */
  referenceDecoders: Map<string, RecordDecoder>;
}

export function compileSpec(code: string, inputs: readonly StoredInput[], references: readonly StoredReference[]): CompiledSpec {
  const inputDecoders = new Map<string, RecordDecoder>();
  const streams: { name: string; columns: RecordDecoder['columns'] }[] = [];
  for (const input of inputs) {
    const decoder = recordDecoder(input.InputSchema, `InputSchema of input ${input.InputId}`);
    inputDecoders.set(input.InputId, decoder);
    for (const name of inAppStreamNames(input)) streams.push({ name, columns: decoder.columns });
  }
  const referenceDecoders = new Map<string, RecordDecoder>();
  for (const ref of references) referenceDecoders.set(ref.TableName, recordDecoder(ref.ReferenceSchema, `ReferenceSchema of table ${ref.TableName}`));
  const app = compileApplication(code, {
    inputs: streams,
    tables: [...referenceDecoders].map(([name, d]) => ({ name, columns: d.columns })),
  });
  return { app, inputDecoders, referenceDecoders };
}

/** Checks a schema alone (AddApplicationInput, reference sources): the message of what is wrong, or undefined. */
export function schemaProblem(schema: unknown, what: string): string | undefined {
  try {
    recordDecoder(schema, what);
    return undefined;
  } catch (err) {
    if (err instanceof SqlCompileError) return err.message;
    throw err;
  }
}
