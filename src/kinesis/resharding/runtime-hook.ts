/** The resharding runtime hook: registers the deferred split/merge/scale changes with the stream registry. */
import type { RuntimeHook } from '../runtime.js';
import { registerReshardingAppliers } from './appliers.js';

export const reshardingHook: RuntimeHook = {
  init(rt) {
    registerReshardingAppliers(rt.registry);
  },
};
