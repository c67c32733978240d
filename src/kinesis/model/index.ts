/** The Kinesis model: metadata types, shard math, ARNs, sequence numbers and the stream registry. */
export * from './types.js';
export * from './hash-keys.js';
export * from './arns.js';
export * from './sequence-numbers.js';
export * from './keys.js';
export * from './errors.js';
export * from './shards.js';
export { StreamRegistry, newStreamId, type Scope, type StreamRef, type StreamAddress, type RegistryTimings, type UpdateApplier } from './stream-registry.js';
