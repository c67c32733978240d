/**
 * The kinesisanalytics errors with AWS's `__type`s and HTTP 400. No recording of these messages survives the
 * service; they follow its documented meaning and its style (the name, the account, the state, a closing period).
 */
import { AwsError } from '../server/service.js';

export const notFound = (name: string, accountId: string): AwsError =>
  new AwsError('ResourceNotFoundException', `Application ${name} is not found in account ${accountId}.`);

export const alreadyExists = (name: string, accountId: string): AwsError =>
  new AwsError('ResourceInUseException', `Application ${name} already exists in account ${accountId}.`);

export const versionMismatch = (given: number, current: number): AwsError =>
  new AwsError(
    'ConcurrentModificationException',
    `Provided application version id (${given}) is not the current application version id (${current}).`,
  );

export const inUse = (message: string): AwsError => new AwsError('ResourceInUseException', message);
export const invalidArgument = (message: string): AwsError => new AwsError('InvalidArgumentException', message);
export const invalidConfiguration = (message: string): AwsError => new AwsError('InvalidApplicationConfigurationException', message);
export const codeValidation = (message: string): AwsError => new AwsError('CodeValidationException', message);
export const limitExceeded = (message: string): AwsError => new AwsError('LimitExceededException', message);
export const tooManyTags = (message: string): AwsError => new AwsError('TooManyTagsException', message);
/** With the records sampled, as AWS sends them in the exception (RawInputRecords, ProcessedInputRecords). */
export const unableToDetectSchema = (message: string, raw: string[] = [], processed: string[] = raw): AwsError =>
  new AwsError('UnableToDetectSchemaException', message, 400, 'message', { RawInputRecords: raw, ProcessedInputRecords: processed });

/** An InputId, OutputId, ReferenceId or CloudWatchLoggingOptionId the application does not have. */
export const partNotFound = (kind: string, id: string, app: string): AwsError =>
  new AwsError('ResourceNotFoundException', `${kind} id ${id} is not found in application ${app}.`);
