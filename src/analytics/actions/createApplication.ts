/** CreateApplication: a READY application at version 1 with at most one input, three outputs, and valid code. */
import { alreadyExists, limitExceeded } from '../errors.js';
import { applicationArn, nextPartId, type StoredApplication, type StoredInput, type StoredOutput } from '../model/application.js';
import { summary } from '../model/describe.js';
import { defineAction } from '../runtime.js';
import { applicationName, cloudWatchLoggingOption, input, output, tags } from '../validations/shapes.js';
import { checkInput, checkOutput, MAX_INPUTS, MAX_OUTPUTS, validateCode } from './common.js';
import { mergeTags } from './tag-rules.js';

export default defineAction(
  {
    types: {
      ApplicationName: applicationName(),
      ApplicationDescription: { type: 'String', lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 1024 },
      Inputs: { type: 'List', children: input(false) },
      Outputs: { type: 'List', children: output(false) },
      CloudWatchLoggingOptions: { type: 'List', children: cloudWatchLoggingOption(false) },
      ApplicationCode: { type: 'String', lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 102400 },
      Tags: tags(),
    },
  },
  async ({ rt, req }, data) => {
    const { accountId, region } = req;
    const name: string = data.ApplicationName;
    const arn = applicationArn(region, accountId, name);
    const inputs: Omit<StoredInput, 'InputId'>[] = data.Inputs ?? [];
    const outputs: Omit<StoredOutput, 'OutputId'>[] = data.Outputs ?? [];
    if (inputs.length > MAX_INPUTS) throw limitExceeded(`Application ${name} can have at most ${MAX_INPUTS} input(s).`);
    if (outputs.length > MAX_OUTPUTS) throw limitExceeded(`Application ${name} can have at most ${MAX_OUTPUTS} outputs.`);
    inputs.forEach(checkInput);
    outputs.forEach(checkOutput);
    const tagList = data.Tags ? mergeTags([], data.Tags, arn) : [];
    const now = rt.now();
    const app: StoredApplication = {
      accountId,
      region,
      name,
      arn,
      ...(data.ApplicationDescription !== undefined ? { description: data.ApplicationDescription } : {}),
      status: 'READY',
      createdMs: now,
      updatedMs: now,
      versionId: 1,
      code: data.ApplicationCode ?? '',
      inputs: [],
      outputs: [],
      references: [],
      logging: [],
      tags: tagList,
      wantRunning: false,
    };
    for (const i of inputs) app.inputs.push({ ...i, InputId: nextPartId(1, app.inputs.map((x) => x.InputId)) });
    for (const o of outputs) app.outputs.push({ ...o, OutputId: nextPartId(1, app.outputs.map((x) => x.OutputId)) });
    for (const l of data.CloudWatchLoggingOptions ?? []) {
      app.logging.push({ ...l, CloudWatchLoggingOptionId: nextPartId(1, app.logging.map((x) => x.CloudWatchLoggingOptionId)) });
    }
    validateCode(app);
    await rt.registry.exclusive(accountId, region, name, async () => {
      if (rt.registry.get(accountId, region, name)) throw alreadyExists(name, accountId);
      await rt.registry.save(app);
    });
    return { ApplicationSummary: summary(app) };
  },
);
