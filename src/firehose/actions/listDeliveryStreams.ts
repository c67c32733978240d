import { defineAction } from '../runtime.js';
import { DELIVERY_STREAM_NAME } from '../validations/shapes.js';

export default defineAction(
  {
    types: {
      Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 10000 },
      DeliveryStreamType: { type: 'String', enum: ['DirectPut', 'KinesisStreamAsSource', 'MSKAsSource', 'DatabaseAsSource'] },
      ExclusiveStartDeliveryStreamName: DELIVERY_STREAM_NAME,
    },
  },
  async ({ rt, req }, data) => {
    const limit: number = data['Limit'] ?? 10;
    const after: string | undefined = data['ExclusiveStartDeliveryStreamName'];
    const names = rt.registry
      .list(req.accountId, req.region)
      .filter((m) => data['DeliveryStreamType'] === undefined || m.type === data['DeliveryStreamType'])
      .map((m) => m.name)
      .filter((n) => after === undefined || n > after);
    return { DeliveryStreamNames: names.slice(0, limit), HasMoreDeliveryStreams: names.length > limit };
  },
);
