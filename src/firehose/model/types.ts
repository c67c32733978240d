/**
 * A delivery stream as Freshet stores it (metadata key `firehose/streams/<account>/<region>/<name>`). Destination
 * configurations are kept as AWS describes them (the `…DestinationDescription` shapes), so DescribeDeliveryStream
 * echoes them and the delivery side reads the same members.
 */
export type DeliveryStreamStatus = 'CREATING' | 'ACTIVE' | 'DELETING';
export type DeliveryStreamType = 'DirectPut' | 'KinesisStreamAsSource';

/** Which description member a destination is answered in. */
export type DestinationKind = 'ExtendedS3' | 'S3' | 'HttpEndpoint';

export interface DestinationMeta {
  /** `destinationId-000000000001` */
  id: string;
  kind: DestinationKind;
  /** The `<kind>DestinationDescription` members. */
  description: Record<string, any>;
}

export interface EncryptionMeta {
  KeyType?: string;
  KeyARN?: string;
  Status: 'ENABLED' | 'ENABLING' | 'DISABLED' | 'DISABLING';
}

export interface DeliveryStreamMeta {
  /** Unique per incarnation: names the record log, so a re-created stream never sees old records. */
  id: string;
  name: string;
  arn: string;
  accountId: string;
  region: string;
  status: DeliveryStreamStatus;
  /** When the current transition (CREATING, DELETING, encryption) completes, epoch ms. */
  transitionAtMs?: number;
  type: DeliveryStreamType;
  /** Starts at 1; +1 on every UpdateDestination. Part of S3 object names. */
  versionId: number;
  createdMs: number;
  updatedMs?: number;
  source?: { KinesisStreamARN: string; RoleARN: string; deliveryStartMs: number };
  /** DirectPutSourceConfiguration, echoed as DirectPutSourceDescription. */
  directPut?: { ThroughputHintInMBs?: number };
  encryption: EncryptionMeta;
  destinations: DestinationMeta[];
  tags: Array<{ Key: string; Value?: string }>;
}

export const FIRST_DESTINATION_ID = 'destinationId-000000000001';

export function deliveryStreamArn(region: string, accountId: string, name: string): string {
  return `arn:aws:firehose:${region}:${accountId}:deliverystream/${name}`;
}
