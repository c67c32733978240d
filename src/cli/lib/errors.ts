/** Turns SDK, network and usage errors into the one-line reasons the commands exit with. */

/** An error whose message is already fit to print. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'LimitExceededException', 'KMSThrottlingException']);

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
};

export function describeError(err: unknown, where: string): Error {
  if (err instanceof CliError) return err;
  if (!(err instanceof Error)) return new CliError(String(err));
  const code = networkCode(err);
  if (code) {
    const hint = where.startsWith('http://127.0.0.1') || where.startsWith('http://localhost') ? ' (is `freshet serve` running? --endpoint-url picks another endpoint)' : '';
    return new CliError(`cannot reach ${where}: ${NETWORK_CODES[code] ?? code}${hint}`);
  }
  if (err.name === 'TimeoutError' || err.name === 'RequestTimeout') return new CliError(`cannot reach ${where}: timed out`);
  const attempts = (err as { $metadata?: { attempts?: number } }).$metadata?.attempts;
  const message = firstLine(err.message) || err.name;
  if (THROTTLING.has(err.name)) {
    return new CliError(`throttled by ${where}: ${err.name}: ${message}${attempts ? ` (gave up after ${attempts} attempts)` : ''}`);
  }
  if (err.name === 'ResourceNotFoundException') return new CliError(message);
  if ((err as { $fault?: string }).$fault) return new CliError(`${err.name}: ${message}`);
  return new CliError(message);
}

function networkCode(err: Error): string | undefined {
  const seen: unknown[] = [err];
  for (let i = 0; i < seen.length && i < 10; i++) {
    const e = seen[i] as { code?: unknown; errors?: unknown[]; cause?: unknown } | undefined;
    if (!e || typeof e !== 'object') continue;
    if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return e.code;
    if (Array.isArray(e.errors)) seen.push(...e.errors);
    if (e.cause) seen.push(e.cause);
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/** True for errors a writer should retry with backoff (throttling, a flaky network, a 5xx). */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (THROTTLING.has(err.name) || networkCode(err)) return true;
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (err as { $fault?: string }).$fault === 'server' || (status !== undefined && status >= 500);
}
