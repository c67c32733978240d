/**
 * Freshet's own Lambda service (src/lambda/), when this build has one: its `invokeFunction(arn, event)`. Loaded
 * lazily so the Firehose service does not depend on it being present.
 */
import type { InvokeFunction } from './transform.js';

type LambdaModule = { invokeFunction?: InvokeFunction };

export function lambdaServiceInvoker(): InvokeFunction {
  let loaded: Promise<LambdaModule | undefined> | undefined;
  return async (arn, event) => {
    // A computed specifier: the module is optional, so the compiler must not insist on it.
    const specifier = ['..', '..', 'lambda', 'index.js'].join('/');
    loaded ??= import(specifier).then(
      (m: LambdaModule) => m,
      () => undefined,
    );
    const mod = await loaded;
    if (!mod?.invokeFunction) throw new Error(`Function not found: ${arn} (no Lambda service in this process)`);
    return mod.invokeFunction(arn, event);
  };
}
