/**
 * Freshet's Lambda: functions that are JavaScript handlers (a zip, or a folder on this machine) run in child
 * processes, or HTTP endpoints; the Lambda REST API on the shared port, and `invokeFunction` for other services.
 */
export { createFunctions, functionName, type Functions, type FunctionDefinition, type InvokeResult } from './functions.js';
export { createLambdaEndpoint } from './endpoint.js';
export { LambdaError } from './errors.js';
