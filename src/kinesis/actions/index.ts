/**
 * Every implemented Kinesis operation → its action (validation + implementation), and the hooks of modules that
 * run background work. An operation missing here answers UnknownOperationException, as AWS does for names it
 * does not know. Each action file default-exports `defineAction(validation, run)`.
 */
import type { ActionDefinition, RuntimeHook } from '../runtime.js';
import type { KinesisOperation } from '../operations.js';

// Control plane
import addTagsToStream from './addTagsToStream.js';
import createStream from './createStream.js';
import decreaseStreamRetentionPeriod from './decreaseStreamRetentionPeriod.js';
import deleteResourcePolicy from './deleteResourcePolicy.js';
import deleteStream from './deleteStream.js';
import describeAccountSettings from './describeAccountSettings.js';
import describeLimits from './describeLimits.js';
import describeStream from './describeStream.js';
import describeStreamSummary from './describeStreamSummary.js';
import disableEnhancedMonitoring from './disableEnhancedMonitoring.js';
import enableEnhancedMonitoring from './enableEnhancedMonitoring.js';
import getResourcePolicy from './getResourcePolicy.js';
import increaseStreamRetentionPeriod from './increaseStreamRetentionPeriod.js';
import listShards from './listShards.js';
import listStreams from './listStreams.js';
import listTagsForResource from './listTagsForResource.js';
import listTagsForStream from './listTagsForStream.js';
import putResourcePolicy from './putResourcePolicy.js';
import removeTagsFromStream from './removeTagsFromStream.js';
import startStreamEncryption from './startStreamEncryption.js';
import stopStreamEncryption from './stopStreamEncryption.js';
import tagResource from './tagResource.js';
import untagResource from './untagResource.js';
import updateAccountSettings from './updateAccountSettings.js';
import updateMaxRecordSize from './updateMaxRecordSize.js';
import updateStreamMode from './updateStreamMode.js';
import updateStreamWarmThroughput from './updateStreamWarmThroughput.js';

// Data plane
import deregisterStreamConsumer from './deregisterStreamConsumer.js';
import describeStreamConsumer from './describeStreamConsumer.js';
import getRecords from './getRecords.js';
import getShardIterator from './getShardIterator.js';
import listStreamConsumers from './listStreamConsumers.js';
import mergeShards from './mergeShards.js';
import putRecord from './putRecord.js';
import putRecords from './putRecords.js';
import registerStreamConsumer from './registerStreamConsumer.js';
import splitShard from './splitShard.js';
import subscribeToShard from './subscribeToShard.js';
import updateShardCount from './updateShardCount.js';
import { reshardingHook } from '../resharding/runtime-hook.js';

export const ACTIONS: Partial<Record<KinesisOperation, ActionDefinition>> = {
  AddTagsToStream: addTagsToStream,
  CreateStream: createStream,
  DecreaseStreamRetentionPeriod: decreaseStreamRetentionPeriod,
  DeleteResourcePolicy: deleteResourcePolicy,
  DeleteStream: deleteStream,
  DeregisterStreamConsumer: deregisterStreamConsumer,
  DescribeAccountSettings: describeAccountSettings,
  DescribeLimits: describeLimits,
  DescribeStream: describeStream,
  DescribeStreamConsumer: describeStreamConsumer,
  DescribeStreamSummary: describeStreamSummary,
  DisableEnhancedMonitoring: disableEnhancedMonitoring,
  EnableEnhancedMonitoring: enableEnhancedMonitoring,
  GetRecords: getRecords,
  GetResourcePolicy: getResourcePolicy,
  GetShardIterator: getShardIterator,
  IncreaseStreamRetentionPeriod: increaseStreamRetentionPeriod,
  ListShards: listShards,
  ListStreamConsumers: listStreamConsumers,
  ListStreams: listStreams,
  ListTagsForResource: listTagsForResource,
  ListTagsForStream: listTagsForStream,
  MergeShards: mergeShards,
  PutRecord: putRecord,
  PutRecords: putRecords,
  PutResourcePolicy: putResourcePolicy,
  RegisterStreamConsumer: registerStreamConsumer,
  RemoveTagsFromStream: removeTagsFromStream,
  SplitShard: splitShard,
  StartStreamEncryption: startStreamEncryption,
  StopStreamEncryption: stopStreamEncryption,
  SubscribeToShard: subscribeToShard,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateAccountSettings: updateAccountSettings,
  UpdateMaxRecordSize: updateMaxRecordSize,
  UpdateShardCount: updateShardCount,
  UpdateStreamMode: updateStreamMode,
  UpdateStreamWarmThroughput: updateStreamWarmThroughput,
};

/** Modules with background work or deferred-update appliers (see RuntimeHook). */
export const RUNTIME_HOOKS: RuntimeHook[] = [reshardingHook];
