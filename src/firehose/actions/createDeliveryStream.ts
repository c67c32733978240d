import { randomUUID } from 'node:crypto';
import { checkDestination, describeNew } from '../model/destination-config.js';
import { invalidArgument, limitExceeded, streamAlreadyExists } from '../model/errors.js';
import { deliveryStreamArn, FIRST_DESTINATION_ID, type DeliveryStreamMeta, type DestinationKind } from '../model/types.js';
import { defineAction } from '../runtime.js';
import { DELIVERY_STREAM_NAME, extendedS3Members, httpEndpointMembers, s3Members, TAG, tagProblem } from '../validations/shapes.js';

/** Destinations AWS offers that Freshet does not deliver to: accepted by the parser, refused with a clear message. */
const UNSUPPORTED = [
  'RedshiftDestinationConfiguration',
  'ElasticsearchDestinationConfiguration',
  'AmazonopensearchserviceDestinationConfiguration',
  'SplunkDestinationConfiguration',
  'AmazonOpenSearchServerlessDestinationConfiguration',
  'SnowflakeDestinationConfiguration',
  'IcebergDestinationConfiguration',
];

const SUPPORTED: Array<[string, DestinationKind]> = [
  ['ExtendedS3DestinationConfiguration', 'ExtendedS3'],
  ['S3DestinationConfiguration', 'S3'],
  ['HttpEndpointDestinationConfiguration', 'HttpEndpoint'],
];

/** AWS's per-region quota of delivery streams (current model documentation). */
const MAX_STREAMS = 5000;

export default defineAction(
  {
    types: {
      DeliveryStreamName: { ...DELIVERY_STREAM_NAME, required: true },
      DeliveryStreamType: { type: 'String', enum: ['DirectPut', 'KinesisStreamAsSource', 'MSKAsSource', 'DatabaseAsSource'] },
      DirectPutSourceConfiguration: {
        type: 'Structure',
        children: { ThroughputHintInMBs: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 100 } },
      },
      KinesisStreamSourceConfiguration: {
        type: 'Structure',
        children: {
          KinesisStreamARN: {
            type: 'String',
            notNull: true,
            lengthGreaterThanOrEqual: 1,
            lengthLessThanOrEqual: 512,
            regex: 'arn:.*:kinesis:[a-zA-Z0-9\\-]+:\\d{12}:stream/[a-zA-Z0-9_.-]+',
          },
          RoleARN: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 512, regex: 'arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+' },
        },
      },
      DeliveryStreamEncryptionConfigurationInput: {
        type: 'Structure',
        children: {
          KeyARN: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 512 },
          KeyType: { type: 'String', notNull: true, enum: ['AWS_OWNED_CMK', 'CUSTOMER_MANAGED_CMK'] },
        },
      },
      S3DestinationConfiguration: { type: 'Structure', children: s3Members(true) },
      ExtendedS3DestinationConfiguration: { type: 'Structure', children: extendedS3Members(true) },
      HttpEndpointDestinationConfiguration: { type: 'Structure', children: httpEndpointMembers(true) },
      ...Object.fromEntries(UNSUPPORTED.map((k) => [k, { type: 'Structure' as const, children: {} }])),
      MSKSourceConfiguration: { type: 'Structure', children: {} },
      DatabaseSourceConfiguration: { type: 'Structure', children: {} },
      Tags: { type: 'List', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 50, children: TAG },
    },
    custom: (data) => (data['Tags'] ? tagProblem(data['Tags'], 'tags') : undefined),
  },
  async ({ rt, req }, data) => {
    const type = data['DeliveryStreamType'] ?? 'DirectPut';
    if (type === 'MSKAsSource' || type === 'DatabaseAsSource') throw invalidArgument(`Delivery stream type ${type} is not supported by Freshet.`);
    const given = SUPPORTED.filter(([k]) => data[k] !== undefined);
    const unsupported = UNSUPPORTED.filter((k) => data[k] !== undefined);
    if (given.length + unsupported.length !== 1) {
      throw invalidArgument('Exactly one destination configuration is supported for a Firehose.');
    }
    if (unsupported.length) throw invalidArgument(`${unsupported[0]} is not supported by Freshet: use an S3, HTTP endpoint or local folder destination.`);
    const source = data['KinesisStreamSourceConfiguration'];
    if (type === 'KinesisStreamAsSource' && !source) {
      throw invalidArgument('KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.');
    }
    if (type !== 'DirectPut' && data['DirectPutSourceConfiguration']) {
      throw invalidArgument('DirectPutSourceConfiguration is only allowed when DeliveryStreamType is DirectPut.');
    }
    if (type === 'DirectPut' && source) {
      throw invalidArgument('KinesisStreamSourceConfiguration is only allowed when DeliveryStreamType is KinesisStreamAsSource.');
    }
    const encryption = data['DeliveryStreamEncryptionConfigurationInput'];
    if (encryption && type === 'KinesisStreamAsSource') {
      throw invalidArgument('Server-side encryption is not supported for delivery streams with KinesisStreamAsSource type.');
    }
    if (encryption?.KeyType === 'CUSTOMER_MANAGED_CMK' && !encryption.KeyARN) throw invalidArgument('KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.');
    if (encryption?.KeyType === 'AWS_OWNED_CMK' && encryption.KeyARN) throw invalidArgument('KeyARN must not be specified when KeyType is AWS_OWNED_CMK.');

    const [member, kind] = given[0]!;
    const description = describeNew(kind, data[member]);
    checkDestination(kind, description, rt.allowPlainHttpEndpoints);

    const name: string = data['DeliveryStreamName'];
    if (rt.registry.get(req.accountId, req.region, name)) throw streamAlreadyExists(name, req.accountId);
    if (rt.registry.count(req.accountId, req.region) >= MAX_STREAMS) {
      throw limitExceeded(`You have already consumed your firehose quota of ${MAX_STREAMS} hoses.`);
    }
    const now = rt.now();
    const arn = deliveryStreamArn(req.region, req.accountId, name);
    const meta: DeliveryStreamMeta = {
      id: randomUUID(),
      name,
      arn,
      accountId: req.accountId,
      region: req.region,
      status: 'CREATING',
      transitionAtMs: now + rt.registry.timings.createMs,
      type,
      versionId: 1,
      createdMs: now,
      ...(data['DirectPutSourceConfiguration'] ? { directPut: data['DirectPutSourceConfiguration'] } : {}),
      ...(source ? { source: { KinesisStreamARN: source.KinesisStreamARN, RoleARN: source.RoleARN, deliveryStartMs: now } } : {}),
      encryption: encryption
        ? { KeyType: encryption.KeyType, ...(encryption.KeyARN ? { KeyARN: encryption.KeyARN } : {}), Status: 'ENABLED' }
        : { Status: 'DISABLED' },
      destinations: [{ id: FIRST_DESTINATION_ID, kind, description }],
      tags: data['Tags'] ?? [],
    };
    await rt.registry.save(meta);
    return { DeliveryStreamARN: arn };
  },
);
