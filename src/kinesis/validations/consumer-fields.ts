/** Member specs of the consumer APIs (botocore's model). */
import type { FieldSpec } from './framework.js';

export const consumerNameField = (required = false): FieldSpec => ({
  type: 'String',
  ...(required ? { notNull: true } : {}),
  regex: '[a-zA-Z0-9_.-]+',
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: 128,
});

export const consumerArnField = (required = false): FieldSpec => ({
  type: 'String',
  ...(required ? { notNull: true } : {}),
  regex: '^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+',
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: 2048,
});
