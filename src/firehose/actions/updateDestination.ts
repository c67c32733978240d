import { checkDestination, describeNew, mergeUpdate } from '../model/destination-config.js';
import { concurrentModification, invalidArgument, resourceInUse } from '../model/errors.js';
import type { DestinationKind } from '../model/types.js';
import { defineAction, requireStream } from '../runtime.js';
import { DELIVERY_STREAM_NAME, extendedS3Members, httpEndpointMembers, s3Members } from '../validations/shapes.js';

const UPDATES: Array<[string, DestinationKind]> = [
  ['ExtendedS3DestinationUpdate', 'ExtendedS3'],
  ['S3DestinationUpdate', 'S3'],
  ['HttpEndpointDestinationUpdate', 'HttpEndpoint'],
];

const sameFamily = (a: DestinationKind, b: DestinationKind): boolean => a === b || (a !== 'HttpEndpoint' && b !== 'HttpEndpoint');

export default defineAction(
  {
    types: {
      DeliveryStreamName: { ...DELIVERY_STREAM_NAME, required: true },
      CurrentDeliveryStreamVersionId: { type: 'String', required: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 50, regex: '[0-9]+' },
      DestinationId: { type: 'String', required: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 100, regex: '[a-zA-Z0-9-]+' },
      S3DestinationUpdate: { type: 'Structure', children: s3Members(false) },
      ExtendedS3DestinationUpdate: { type: 'Structure', children: extendedS3Members(false) },
      HttpEndpointDestinationUpdate: { type: 'Structure', children: httpEndpointMembers(false) },
    },
  },
  async (ctx, data) => {
    const meta = requireStream(ctx, data['DeliveryStreamName']);
    if (meta.status !== 'ACTIVE') {
      throw resourceInUse(`Cannot update firehose: ${meta.name} when it is in ${meta.status} status`);
    }
    const given = UPDATES.filter(([k]) => data[k] !== undefined);
    if (given.length !== 1) throw invalidArgument('Exactly one destination update must be specified.');
    if (String(meta.versionId) !== String(Number(data['CurrentDeliveryStreamVersionId']))) {
      throw concurrentModification(
        `Cannot update firehose: ${meta.name} since the current version id: ${meta.versionId} and specified version id: ${data['CurrentDeliveryStreamVersionId']} do not match`,
      );
    }
    const destination = meta.destinations.find((d) => d.id === data['DestinationId']);
    if (!destination) throw invalidArgument(`Destination Id ${data['DestinationId']} not found`);
    const [member, kind] = given[0]!;
    const update = data[member];
    let description: Record<string, any>;
    if (sameFamily(destination.kind, kind)) {
      const merged = mergeUpdate(kind, destination.description, update);
      // Moving from the older S3 configuration to the extended one keeps the S3 members.
      description = kind === 'ExtendedS3' ? describeNew('ExtendedS3', merged) : merged;
    } else {
      // Another destination type replaces the configuration: it must be complete.
      if (kind === 'HttpEndpoint' && (!update.EndpointConfiguration || !update.S3Update?.BucketARN)) {
        throw invalidArgument('EndpointConfiguration and S3Update are required when changing the destination type to HttpEndpoint.');
      }
      if (kind !== 'HttpEndpoint' && (!update.BucketARN || !update.RoleARN)) {
        throw invalidArgument('RoleARN and BucketARN are required when changing the destination type to S3.');
      }
      description = describeNew(kind, kind === 'HttpEndpoint' ? { ...update, S3Configuration: update.S3Update } : update);
    }
    const dynamicBefore = destination.description['DynamicPartitioningConfiguration']?.Enabled === true;
    const dynamicAfter = description['DynamicPartitioningConfiguration']?.Enabled === true;
    if (dynamicBefore !== dynamicAfter) {
      throw invalidArgument('Dynamic partitioning can only be enabled when the delivery stream is created, and cannot be disabled.');
    }
    checkDestination(kind, description, ctx.rt.allowPlainHttpEndpoints);
    destination.kind = kind === 'S3' && destination.kind === 'ExtendedS3' ? 'ExtendedS3' : kind;
    destination.description = description;
    meta.versionId += 1;
    meta.updatedMs = ctx.rt.now();
    await ctx.rt.registry.save(meta, true);
    return {};
  },
);
