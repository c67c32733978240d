/** The application an ARN names, for the tagging actions (tags change no version: they are not configuration). */
import { AwsError } from '../../server/service.js';
import { parseApplicationArn, type StoredApplication } from '../model/application.js';
import type { ActionContext } from '../runtime.js';

export async function appByArn(
  { rt, req }: ActionContext,
  arn: string,
  work: (app: StoredApplication) => Promise<void | 'unchanged'>,
): Promise<void> {
  const loc = parseApplicationArn(arn);
  const missing = (): AwsError => new AwsError('ResourceNotFoundException', `Resource ${arn} is not found.`);
  if (!loc || loc.accountId !== req.accountId || loc.region !== req.region) throw missing();
  await rt.registry.exclusive(loc.accountId, loc.region, loc.name, async () => {
    const app = rt.registry.get(loc.accountId, loc.region, loc.name);
    if (!app) throw missing();
    if ((await work(app)) !== 'unchanged') await rt.registry.save(app);
  });
}
