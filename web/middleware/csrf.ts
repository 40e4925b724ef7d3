/**
 * CSRF: every request but a GET carries its session's form token (`csrfToken`, which templates add with
 * `{{ csrfField(csrf) }}`), or it is refused with 403 before anything else runs, the page included. The
 * token is random per session and lives in the encrypted cookie (web/session.ts), so a page on another
 * site can neither read nor forge it; SameSite=Lax is a second wall. The sign-in form is covered by the
 * anonymous session the sign-in page gave it, and signing in makes a new token.
 *
 * The synchronizer-token pattern, by hand in the few lines below, after weighing the well-kept libraries:
 * - csrf-sync (synchronizer token) is written for Express: it reads `req.session` and `req.body` and
 *   throws http-errors into `next`, so it would need a fake request around our session, to compare two
 *   strings this file compares in constant time (and it compares with `===`).
 * - csrf-csrf (signed double-submit cookie) keeps its token in a second cookie signed with a second
 *   secret: that is for servers with no session state, and ours is already an encrypted cookie.
 * - @fastify/csrf (pillarjs `csrf`'s successor) salts a new token per page from a secret in the session,
 *   which guards against BREACH; no answer of ours is compressed (API Gateway's HTTP API and the local
 *   server send pages as they are), so it would add a dependency and a hash for the same check.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Middleware } from '../pipeline';
import { formNotSentPage } from '../problems';
import type { SessionData } from '../session';

/** Does the posted token match the stored session's? (Constant time; no stored session matches nothing.) */
export function tokenMatches(stored: SessionData | undefined, posted: string | null): boolean {
  if (!stored?.csrf || !posted) return false;
  const a = Buffer.from(stored.csrf);
  const b = Buffer.from(posted);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const csrf: Middleware = async (exchange, next) => {
  if (exchange.request.method === 'GET') return next();
  const { form } = await exchange.posted();
  if (tokenMatches(exchange.session.stored, form.get('csrfToken'))) return next();
  return exchange.respond(formNotSentPage(exchange.render));
};
