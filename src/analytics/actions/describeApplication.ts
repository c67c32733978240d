/** DescribeApplication: the whole configuration, status and version. */
import { detail } from '../model/describe.js';
import { defineAction } from '../runtime.js';
import { applicationName } from '../validations/shapes.js';
import { findApp } from './common.js';

export default defineAction({ types: { ApplicationName: applicationName() } }, async ({ rt, req }, data) => ({
  ApplicationDetail: detail(findApp(rt, req, data.ApplicationName)),
}));
