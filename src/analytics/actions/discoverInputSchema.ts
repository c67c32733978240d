/**
 * DiscoverInputSchema: a schema inferred from a sample of a stream (ResourceARN + InputStartingPositionConfiguration)
 * or of a file (S3Configuration, served by the reference-data fetchers), with the sample's raw, processed and
 * parsed records.
 */
import { AwsError } from '../../server/service.js';
import { inferSchema } from '../discovery/infer-schema.js';
import { sampleStream } from '../discovery/sample-stream.js';
import { invalidArgument, unableToDetectSchema } from '../errors.js';
import { fetchReference } from '../runner/reference-data.js';
import { preprocess } from '../runner/lambda-preprocessor.js';
import { defineAction, type AnalyticsRuntime } from '../runtime.js';
import { inputProcessingConfiguration, resourceArn, roleArn, s3ReferenceDataSource, startingPositionConfiguration } from '../validations/shapes.js';

const s3Configuration = () => {
  const spec = s3ReferenceDataSource();
  const children = spec.children as Record<string, any>;
  return { type: 'Structure' as const, children: { RoleARN: roleArn(), BucketARN: children['BucketARN'], FileKey: children['FileKey'] } };
};

/** The samples as the InputLambdaProcessor returns them (KDA discovered the schema of processed records). */
async function processSamples(rt: AnalyticsRuntime, data: Record<string, any>, samples: Uint8Array[], raw: string[]): Promise<string[]> {
  const functionArn: string | undefined = data.InputProcessingConfiguration?.InputLambdaProcessor?.ResourceARN;
  if (!functionArn || !rt.invoke) return raw;
  const result = await preprocess(samples.map((s) => ({ data: s, arrivalMs: rt.now() })), {
    functionArn,
    applicationArn: '',
    streamArn: data.ResourceARN ?? '',
    invoke: rt.invoke,
    maxAttempts: 1,
    onAttemptFailed: () => undefined,
  });
  return result.ok.map((r) => Buffer.from(r.data).toString('utf8'));
}

export default defineAction(
  {
    types: {
      ResourceARN: resourceArn(false),
      RoleARN: roleArn(false),
      InputStartingPositionConfiguration: startingPositionConfiguration(),
      S3Configuration: s3Configuration(),
      InputProcessingConfiguration: inputProcessingConfiguration(),
    },
  },
  async ({ rt }, data) => {
    let samples: Uint8Array[];
    if (data.ResourceARN) {
      if (!data.RoleARN) throw invalidArgument('RoleARN is required when ResourceARN is specified.');
      if (!data.InputStartingPositionConfiguration?.InputStartingPosition) {
        throw invalidArgument('InputStartingPositionConfiguration is required when ResourceARN is specified.');
      }
      const endpoint = rt.resolve(data.ResourceARN, []);
      try {
        samples = await sampleStream(endpoint, data.InputStartingPositionConfiguration.InputStartingPosition, rt.now(), rt.discoverWaitMs);
      } catch (err) {
        if ((err instanceof AwsError ? err.type : (err as Error).name) === 'ResourceNotFoundException') throw invalidArgument(`Stream ${data.ResourceARN} does not exist.`);
        if (err instanceof AwsError) throw err;
        // An unreachable endpoint, refused credentials…: the source cannot be read.
        throw invalidArgument(`Unable to read from ${data.ResourceARN}: ${(err as Error).message}`);
      } finally {
        endpoint.close();
      }
    } else if (data.S3Configuration) {
      let content: Uint8Array;
      try {
        content = await fetchReference(rt.fetchers, data.S3Configuration);
      } catch (err) {
        throw invalidArgument((err as Error).message);
      }
      samples = Buffer.from(content).toString('utf8').split(/(?<=\n)/).filter((l) => l.trim() !== '').slice(0, 100).map((l) => Buffer.from(l, 'utf8'));
    } else {
      throw invalidArgument('Either ResourceARN and RoleARN, or S3Configuration, must be specified.');
    }
    const raw = samples.map((s) => Buffer.from(s).toString('utf8'));
    if (!raw.length) throw unableToDetectSchema('No data was found in the source to discover a schema from.');
    const processed = await processSamples(rt, data, samples, raw);
    const inferred = processed.length ? inferSchema(processed) : undefined;
    if (!inferred) throw unableToDetectSchema('Unable to determine the format of the records: they are neither JSON objects nor delimited text.', raw, processed);
    return { InputSchema: inferred.schema, ParsedInputRecords: inferred.parsed, ProcessedInputRecords: processed, RawInputRecords: raw };
  },
);
