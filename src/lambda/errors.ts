/**
 * Lambda's REST JSON errors: the type travels in the `X-Amzn-ErrorType` header, the body is
 * `{"Type":"User","message":"…"}` (Type "Service" for Lambda's own failures).
 */
export class LambdaError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const functionNotFound = (arn: string): LambdaError => new LambdaError('ResourceNotFoundException', `Function not found: ${arn}`, 404);

export const invalidParameter = (message: string): LambdaError => new LambdaError('InvalidParameterValueException', message, 400);
