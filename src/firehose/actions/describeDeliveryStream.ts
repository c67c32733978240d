import { describeDeliveryStream } from '../model/describe.js';
import { defineAction, requireStream } from '../runtime.js';
import { DELIVERY_STREAM_NAME } from '../validations/shapes.js';

export default defineAction(
  {
    types: {
      DeliveryStreamName: { ...DELIVERY_STREAM_NAME, required: true },
      Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 10000 },
      ExclusiveStartDestinationId: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 100, regex: '[a-zA-Z0-9-]+' },
    },
  },
  async (ctx, data) => {
    const meta = requireStream(ctx, data['DeliveryStreamName']);
    const description = describeDeliveryStream(meta);
    // One destination per stream: starting after it leaves none.
    if (data['ExclusiveStartDestinationId'] !== undefined) {
      const destinations = description['Destinations'] as Array<{ DestinationId: string }>;
      const at = destinations.findIndex((d) => d.DestinationId === data['ExclusiveStartDestinationId']);
      description['Destinations'] = at === -1 ? destinations : destinations.slice(at + 1);
    }
    return { DeliveryStreamDescription: description };
  },
);
