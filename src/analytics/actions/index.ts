/** Every kinesisanalytics (2015-08-14) operation → its action. All 20 of botocore's model are here. */
import type { ActionDefinition } from '../runtime.js';
import addApplicationCloudWatchLoggingOption from './addApplicationCloudWatchLoggingOption.js';
import addApplicationInput from './addApplicationInput.js';
import addApplicationInputProcessingConfiguration from './addApplicationInputProcessingConfiguration.js';
import addApplicationOutput from './addApplicationOutput.js';
import addApplicationReferenceDataSource from './addApplicationReferenceDataSource.js';
import createApplication from './createApplication.js';
import deleteApplication from './deleteApplication.js';
import deleteApplicationCloudWatchLoggingOption from './deleteApplicationCloudWatchLoggingOption.js';
import deleteApplicationInputProcessingConfiguration from './deleteApplicationInputProcessingConfiguration.js';
import deleteApplicationOutput from './deleteApplicationOutput.js';
import deleteApplicationReferenceDataSource from './deleteApplicationReferenceDataSource.js';
import describeApplication from './describeApplication.js';
import discoverInputSchema from './discoverInputSchema.js';
import listApplications from './listApplications.js';
import listTagsForResource from './listTagsForResource.js';
import startApplication from './startApplication.js';
import stopApplication from './stopApplication.js';
import tagResource from './tagResource.js';
import untagResource from './untagResource.js';
import updateApplication from './updateApplication.js';

export const ACTIONS: Record<string, ActionDefinition> = {
  AddApplicationCloudWatchLoggingOption: addApplicationCloudWatchLoggingOption,
  AddApplicationInput: addApplicationInput,
  AddApplicationInputProcessingConfiguration: addApplicationInputProcessingConfiguration,
  AddApplicationOutput: addApplicationOutput,
  AddApplicationReferenceDataSource: addApplicationReferenceDataSource,
  CreateApplication: createApplication,
  DeleteApplication: deleteApplication,
  DeleteApplicationCloudWatchLoggingOption: deleteApplicationCloudWatchLoggingOption,
  DeleteApplicationInputProcessingConfiguration: deleteApplicationInputProcessingConfiguration,
  DeleteApplicationOutput: deleteApplicationOutput,
  DeleteApplicationReferenceDataSource: deleteApplicationReferenceDataSource,
  DescribeApplication: describeApplication,
  DiscoverInputSchema: discoverInputSchema,
  ListApplications: listApplications,
  ListTagsForResource: listTagsForResource,
  StartApplication: startApplication,
  StopApplication: stopApplication,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateApplication: updateApplication,
};
