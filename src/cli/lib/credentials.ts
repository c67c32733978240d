/**
 * Credentials from the usual AWS chain (env, profiles, SSO, process, container, IMDS…). A local endpoint accepts
 * any signature, so when the chain finds nothing there, dummy keys keep a fresh machine working without
 * `aws configure` (and the instance-metadata probe is kept short, since it only times out off EC2).
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

const DUMMY: Credentials = { accessKeyId: 'AKIDFRESHETLOCAL', secretAccessKey: 'freshet-local' };
/** Fetch new credentials this long before the current ones expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export function credentialProvider(profile: string | undefined, local: boolean): () => Promise<Credentials> {
  const chain = defaultProvider({ ...(profile ? { profile } : {}), ...(local ? { timeout: 250, maxRetries: 0 } : {}) });
  let pending: Promise<Credentials> | undefined;
  let current: Credentials | undefined;
  return () => {
    if (current?.expiration && current.expiration.getTime() - Date.now() < REFRESH_MARGIN_MS) {
      current = undefined;
      pending = undefined;
    }
    pending ??= chain().then(
      (c) => (current = c),
      (err: unknown) => {
        if (local) return (current = DUMMY);
        pending = undefined;
        throw new Error(`no AWS credentials found (${oneLine(err)}); configure a profile or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`);
      },
    );
    return pending;
  };
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}
