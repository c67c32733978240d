/** Firehose's error shapes, with the message wording AWS uses. All are HTTP 400. */
import { AwsError } from '../../server/service.js';

export function streamNotFound(name: string, accountId: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Firehose ${name} under account ${accountId} not found.`);
}

export function streamAlreadyExists(name: string, accountId: string): AwsError {
  return new AwsError('ResourceInUseException', `Firehose ${name} under accountId ${accountId} already exists`);
}

export function resourceInUse(message: string): AwsError {
  return new AwsError('ResourceInUseException', message);
}

export function invalidArgument(message: string): AwsError {
  return new AwsError('InvalidArgumentException', message);
}

export function concurrentModification(message: string): AwsError {
  return new AwsError('ConcurrentModificationException', message);
}

export function limitExceeded(message: string): AwsError {
  return new AwsError('LimitExceededException', message);
}
