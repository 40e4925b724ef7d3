/**
 * The session: read from its encrypted cookie (web/session.ts) before anything else needs it, and written
 * back with whatever answers, if it changed (a fresh anonymous session, a sign-in, a one-off message
 * shown or left for the next page, a sign-out clearing it). Who is signed in comes from its claims.
 */
import { actorFromClaims, type Claims } from '#functions/api/claims';
import type { SignedInUser } from '../pages/page';
import type { Middleware } from '../pipeline';
import { SessionState, type Sessions } from '../session';
import { roleText } from '../words';

/** The person the claims name, as pages use them; nobody for claims of no person (or of the system). */
export function userOf(claims: Claims | undefined): SignedInUser | undefined {
  const actor = actorFromClaims(claims);
  if (actor?.kind !== 'person' || actor.role === 'system') return undefined;
  return {
    claims: claims!,
    userId: actor.userId,
    name: actor.name,
    role: actor.role,
    roleText: roleText(actor.role),
    organisation: actor.organisation,
    ...(actor.schoolUrn ? { schoolUrn: actor.schoolUrn } : {}),
  };
}

export function session(sessions: Sessions): Middleware {
  return async (exchange, next) => {
    exchange.session = new SessionState(await sessions.read(exchange.request.headers.cookie));
    exchange.user = userOf(exchange.session.data.claims);
    const response = await next();
    const cookies = await exchange.session.cookies(sessions);
    return cookies.length ? { ...response, cookies: [...(response.cookies ?? []), ...cookies] } : response;
  };
}
