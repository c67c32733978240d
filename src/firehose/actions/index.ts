/** Every Firehose operation → its action (validation + implementation). */
import type { ActionDefinition } from '../runtime.js';
import createDeliveryStream from './createDeliveryStream.js';
import deleteDeliveryStream from './deleteDeliveryStream.js';
import describeDeliveryStream from './describeDeliveryStream.js';
import listDeliveryStreams from './listDeliveryStreams.js';
import listTagsForDeliveryStream from './listTagsForDeliveryStream.js';
import putRecord from './putRecord.js';
import putRecordBatch from './putRecordBatch.js';
import startDeliveryStreamEncryption from './startDeliveryStreamEncryption.js';
import stopDeliveryStreamEncryption from './stopDeliveryStreamEncryption.js';
import tagDeliveryStream from './tagDeliveryStream.js';
import untagDeliveryStream from './untagDeliveryStream.js';
import updateDestination from './updateDestination.js';

export const ACTIONS: Record<string, ActionDefinition> = {
  CreateDeliveryStream: createDeliveryStream,
  DeleteDeliveryStream: deleteDeliveryStream,
  DescribeDeliveryStream: describeDeliveryStream,
  ListDeliveryStreams: listDeliveryStreams,
  ListTagsForDeliveryStream: listTagsForDeliveryStream,
  PutRecord: putRecord,
  PutRecordBatch: putRecordBatch,
  StartDeliveryStreamEncryption: startDeliveryStreamEncryption,
  StopDeliveryStreamEncryption: stopDeliveryStreamEncryption,
  TagDeliveryStream: tagDeliveryStream,
  UntagDeliveryStream: untagDeliveryStream,
  UpdateDestination: updateDestination,
};
