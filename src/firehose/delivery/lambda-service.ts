/**
 * Transforms through Freshet's Lambda service (src/lambda/): a handler error (the `functionError` answer) is an
 * invocation failure, retried like a timeout and then reported with the function's own error message.
 */
import type { Functions } from '../../lambda/index.js';
import type { InvokeFunction } from './transform.js';

export function lambdaServiceInvoker(functions?: Pick<Functions, 'invokeFunction'>): InvokeFunction {
  return async (arn, event) => {
    if (!functions) throw new Error(`Function not found: ${arn} (no Lambda service in this process)`);
    const res = await functions.invokeFunction(arn, event);
    if (res.functionError) {
      const payload = res.payload as { errorMessage?: unknown } | undefined;
      throw new Error(typeof payload?.errorMessage === 'string' ? payload.errorMessage : `The function failed (${res.functionError}).`);
    }
    return res.payload;
  };
}
