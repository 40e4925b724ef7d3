/**
 * The secret behind councils' child keys on one machine (core/identity/child-key.ts): made once per data
 * folder (`child-key-secret`, readable by its owner only) and kept, as the sign-in's signing key is, so
 * a child's cases stay linked across restarts. `RIGHTTIME_CHILD_KEY_SECRET` gives a fixed one instead (a
 * shared development key); without a data folder (tests in memory) a fixed key that says it is none.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const IN_MEMORY_CHILD_KEY_SECRET = 'local-child-key-not-secret';

export function childKeySecretFor(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fixed = env.RIGHTTIME_CHILD_KEY_SECRET;
  if (fixed) return fixed;
  if (!dataDir) return IN_MEMORY_CHILD_KEY_SECRET;
  const file = join(dataDir, 'child-key-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
