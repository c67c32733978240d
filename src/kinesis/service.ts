import type { AwsJsonService } from '../server/service.js';
import type { KinesisOptions } from './options.js';

export interface KinesisService extends AwsJsonService {
  /** Loads state from storage and starts background work (state transitions, retention trimming). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createKinesisService(_options: KinesisOptions): KinesisService {
  throw new Error('kinesis service: not built yet');
}
