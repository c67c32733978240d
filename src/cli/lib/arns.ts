/** ARNs the service commands pass along: a stream's real ARN from the endpoint, a role ARN in the same account. */
import { DescribeStreamSummaryCommand, type KinesisClient } from '@aws-sdk/client-kinesis';

/** The stream's ARN as the endpoint reports it (right account and partition, and a clear error if it is missing). */
export async function streamArn(kinesis: KinesisClient, name: string): Promise<string> {
  if (name.startsWith('arn:')) return name;
  const s = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
  return s.StreamDescriptionSummary!.StreamARN!;
}

/** `--role-arn` when given; else a role named `freshet` in the resource's account (Freshet does not check roles). */
export function roleArnFor(resourceArn: string, flag: string | undefined): string {
  if (flag) return flag;
  const [, partition, , , account] = resourceArn.split(':');
  return `arn:${partition ?? 'aws'}:iam::${account || '000000000000'}:role/freshet`;
}
