/** DeliveryStreamDescription as DescribeDeliveryStream answers it. */
import type { DeliveryStreamMeta, DestinationMeta } from './types.js';

function destinationDescription(d: DestinationMeta): Record<string, unknown> {
  if (d.kind === 'HttpEndpoint') {
    // The access key is write-only: AWS never echoes it.
    const { EndpointConfiguration, ...rest } = d.description;
    const { AccessKey, ...endpoint } = EndpointConfiguration ?? {};
    void AccessKey;
    return { DestinationId: d.id, HttpEndpointDestinationDescription: { EndpointConfiguration: endpoint, ...rest } };
  }
  // AWS describes an S3 destination both ways, whichever configuration created it.
  const { S3BackupMode, S3BackupDescription, ProcessingConfiguration, DynamicPartitioningConfiguration, FileExtension, CustomTimeZone, ...plain } = d.description;
  return {
    DestinationId: d.id,
    S3DestinationDescription: plain,
    ExtendedS3DestinationDescription: {
      ...plain,
      S3BackupMode: S3BackupMode ?? 'Disabled',
      ...(S3BackupDescription ? { S3BackupDescription } : {}),
      ...(ProcessingConfiguration ? { ProcessingConfiguration } : {}),
      ...(DynamicPartitioningConfiguration ? { DynamicPartitioningConfiguration } : {}),
      ...(FileExtension !== undefined ? { FileExtension } : {}),
      ...(CustomTimeZone !== undefined ? { CustomTimeZone } : {}),
    },
  };
}

export function describeDeliveryStream(meta: DeliveryStreamMeta): Record<string, unknown> {
  return {
    DeliveryStreamName: meta.name,
    DeliveryStreamARN: meta.arn,
    DeliveryStreamStatus: meta.status,
    DeliveryStreamEncryptionConfiguration: { ...meta.encryption },
    DeliveryStreamType: meta.type,
    VersionId: String(meta.versionId),
    CreateTimestamp: new Date(meta.createdMs),
    LastUpdateTimestamp: meta.updatedMs !== undefined ? new Date(meta.updatedMs) : undefined,
    Source: meta.source
      ? {
          KinesisStreamSourceDescription: {
            KinesisStreamARN: meta.source.KinesisStreamARN,
            RoleARN: meta.source.RoleARN,
            DeliveryStartTimestamp: new Date(meta.source.deliveryStartMs),
          },
        }
      : meta.directPut
        ? { DirectPutSourceDescription: { ...meta.directPut } }
        : undefined,
    Destinations: meta.destinations.map(destinationDescription),
    HasMoreDestinations: false,
  };
}
