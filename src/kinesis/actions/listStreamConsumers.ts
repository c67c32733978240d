/** ListStreamConsumers: a stream's consumers in registration order, MaxResults at a time (default 100). */
import { consumerShape, streamOfArn } from '../consumers/consumer-lookup.js';
import { decodeListToken, encodeListToken } from '../consumers/list-token.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/listStreamConsumers.js';

const DEFAULT_MAX_RESULTS = 100;

export default defineAction(validation, async ({ rt }, data) => {
  const stream = streamOfArn(rt, data.StreamARN);
  const from = data.NextToken !== undefined ? decodeListToken(data.NextToken, stream.arn) : 0;
  const max = data.MaxResults ?? DEFAULT_MAX_RESULTS;
  const page = stream.consumers.slice(from, from + max);
  const out: Record<string, unknown> = { Consumers: page.map((c) => consumerShape(c)) };
  if (from + max < stream.consumers.length) out.NextToken = encodeListToken(stream.arn, from + max);
  return out;
});
