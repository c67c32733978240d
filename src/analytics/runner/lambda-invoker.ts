/** How the runtime calls a Lambda function (Freshet's Lambda service, in-process). */
export type InvokeLambda = (functionArn: string, event: unknown) => Promise<{ payload: unknown; functionError?: string }>;
