/**
 * The pages on one machine: the demo users sign in from a list (with the same claims Cognito issues in
 * AWS), the session key is kept in the data folder, and the pages call the platform's API in-process.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Claims } from '#functions/api/claims';
import { createWeb, type PageModule } from '#web/app';
import { Sessions } from '#web/session';
import { demoUsers, type DemoUser } from './auth';
import type { Platform } from './platform';

/** The claims a demo user's Cognito ID token would carry (as LocalSignIn's tokens do). */
export function claimsOf(user: Omit<DemoUser, 'username'>): Claims {
  return {
    sub: user.sub,
    name: user.name,
    email: user.email,
    'cognito:groups': [user.role],
    'custom:organisation': user.organisation,
    ...(user.schoolUrn ? { 'custom:schoolUrn': user.schoolUrn } : {}),
  };
}

/** The session key: kept in the data folder (sessions survive a restart), or made afresh in memory. */
export function sessionKey(dataDir?: string): Uint8Array {
  const file = dataDir ? join(dataDir, 'web-session-key') : undefined;
  if (file && existsSync(file)) return Buffer.from(readFileSync(file, 'utf8'), 'base64');
  const key = randomBytes(32);
  if (file) writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

/** People only: the police case system signs in with client credentials, never through the pages. */
const people = demoUsers.filter((u) => u.role !== 'police');

export function localWeb(platform: Platform, options: { dataDir?: string; modules?: readonly PageModule[] } = {}) {
  return createWeb(
    {
      api: platform.api,
      runtime: platform.runtime,
      sessions: new Sessions({ key: sessionKey(options.dataDir), secure: false }),
      signIn: { kind: 'local', users: people.map((u) => ({ username: u.username, name: u.name, role: u.role, organisation: u.organisation, claims: claimsOf(u) })) },
      local: true,
    },
    options.modules ?? [],
  );
}
