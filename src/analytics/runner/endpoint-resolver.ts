/**
 * Which way an application reaches the stream an ARN names. A stream this Freshet serves (same account, region
 * and name), or any stream of the server's default account, is used in-process; anything else goes through `@aws-sdk/client-kinesis` with the region from the ARN
 * and endpoint and credentials from the usual AWS configuration (AWS_ENDPOINT_URL_KINESIS, profiles…), unless
 * the application carries a `freshet:kinesis-endpoint` tag naming an endpoint of its own.
 */
import { credentialProvider } from '../../cli/lib/credentials.js';
import { isLocalEndpoint } from '../../cli/lib/endpoint.js';
import { parseStreamArn } from '../../kinesis/model/arns.js';
import type { KinesisService } from '../../kinesis/service.js';
import type { Tag } from '../model/application.js';
import { inProcessEndpoint, sdkEndpoint, type StreamEndpoint } from './stream-endpoint.js';

export const ENDPOINT_TAG = 'freshet:kinesis-endpoint';

export type EndpointResolver = (arn: string, tags: readonly Tag[]) => StreamEndpoint;

export function serviceEndpointResolver(kinesis: KinesisService | undefined): EndpointResolver {
  return (arn, tags) => {
    const endpoint = tags.find((t) => t.Key === ENDPOINT_TAG)?.Value;
    const locator = parseStreamArn(arn);
    // This Freshet's streams, and any stream of its own account (one created later, or a typo answered here).
    const local =
      kinesis && locator && (locator.accountId === kinesis.runtime.options.defaultAccountId || kinesis.runtime.registry.find(locator.accountId, locator.region, locator.streamName));
    if (!endpoint && kinesis && locator && local) {
      return inProcessEndpoint(kinesis, arn, locator.accountId, locator.region);
    }
    // A local endpoint accepts any signature: without configured credentials, dummy keys do (as in the CLI).
    const configured = endpoint ?? process.env['AWS_ENDPOINT_URL_KINESIS'] ?? process.env['AWS_ENDPOINT_URL'];
    return sdkEndpoint(arn, {
      ...(locator ? { region: locator.region } : {}),
      ...(endpoint ? { endpoint } : {}),
      credentials: credentialProvider(undefined, isLocalEndpoint(configured)),
      maxAttempts: 3,
    });
  };
}
