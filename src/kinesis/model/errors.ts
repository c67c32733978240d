/** The AWS errors every Kinesis action shares, with the exact texts AWS sends. */
import { AwsError } from '../../server/service.js';

export function streamNotFound(streamName: string, accountId: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Stream ${streamName} under account ${accountId} not found.`);
}

export function streamNotActive(streamName: string, accountId: string, status: string): AwsError {
  return new AwsError(
    'ResourceInUseException',
    `Stream ${streamName} under account ${accountId} not ACTIVE, instead in state ${status}`,
  );
}

export function streamAlreadyExists(streamName: string, accountId: string): AwsError {
  return new AwsError('ResourceInUseException', `Stream ${streamName} under account ${accountId} already exists.`);
}

export function shardNotFound(shardId: string, streamName: string, accountId: string): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    `Shard ${shardId} in stream ${streamName} under account ${accountId} does not exist`,
  );
}

export function invalidArgument(message: string): AwsError {
  return new AwsError('InvalidArgumentException', message);
}

export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function limitExceeded(message: string): AwsError {
  return new AwsError('LimitExceededException', message);
}

export function internalFailure(): AwsError {
  return new AwsError('InternalFailure', undefined, 500);
}

export function shardLimitExceeded(
  accountId: string,
  region: string,
  current: number,
  limit: number,
  additional: number,
): AwsError {
  return limitExceeded(
    `This request would exceed the shard limit for the account ${accountId} in ${region}. ` +
      `Current shard count for the account: ${current}. Limit: ${limit}. ` +
      `Number of additional shards that would have resulted from this request: ${additional}. ` +
      'Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) ' +
      'for current limits and how to request higher limits.',
  );
}
