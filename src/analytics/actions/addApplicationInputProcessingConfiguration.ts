/** AddApplicationInputProcessingConfiguration: a preprocessing Lambda on one input (configuration only). */
import { invalidArgument, partNotFound } from '../errors.js';
import { defineAction } from '../runtime.js';
import { inputProcessingConfiguration, partId, versioned } from '../validations/shapes.js';
import { changeApplication } from './common.js';

export default defineAction(
  { types: versioned({ InputId: partId(), InputProcessingConfiguration: inputProcessingConfiguration(true) }) },
  async (ctx, data) => {
    await changeApplication(ctx, data.ApplicationName, data.CurrentApplicationVersionId, (app) => {
      const input = app.inputs.find((i) => i.InputId === data.InputId);
      if (!input) throw partNotFound('Input', data.InputId, app.name);
      if (input.InputProcessingConfiguration) throw invalidArgument(`Input ${data.InputId} already has an input processing configuration.`);
      input.InputProcessingConfiguration = data.InputProcessingConfiguration;
    });
    return {};
  },
);
