/**
 * The session: one HTTP-only cookie holding who is signed in (the same claims the API's authorizer
 * hands the API) and the form token, encrypted and authenticated with a key only the server holds
 * (JWE, `dir` + A256GCM, by `jose`). A cookie that does not decrypt, or has expired, is no session.
 *
 * CSRF: every session has a random token; every form carries it in a hidden field and a POST whose
 * token does not match its session's is refused (403) before anything else runs. The token lives in
 * the encrypted cookie, so a page on another site can neither read nor forge it; SameSite=Lax adds a
 * second wall. A sign-in form is protected the same way by the anonymous session the page gave it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies, serialize } from 'cookie';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { Claims } from '#functions/api/claims';

export interface SessionData {
  /** The form token for this session. */
  csrf: string;
  /** The signed-in person's claims (absent before sign-in). */
  claims?: Claims;
  /** A one-off message for the next page (e.g. "Recorded"). */
  flash?: string;
  /** During Cognito sign-in: the PKCE verifier, the state and where to go after. */
  pending?: { verifier: string; state: string; returnTo: string };
}

export interface SessionOptions {
  /** 32 bytes: the A256GCM key. */
  key: Uint8Array;
  /** Over HTTPS (AWS): the cookie is Secure and gets the __Host- prefix (no Domain, Path=/). */
  secure: boolean;
  /** How long a session lasts, in real seconds (default 8 hours): not the platform's controllable clock. */
  maxAgeSeconds?: number;
}

export class Sessions {
  readonly cookieName: string;
  private readonly maxAge: number;

  constructor(private readonly options: SessionOptions) {
    if (options.key.length !== 32) throw new Error('The session key must be 32 bytes');
    this.cookieName = options.secure ? '__Host-righttime-session' : 'righttime-session';
    this.maxAge = options.maxAgeSeconds ?? 8 * 3600;
  }

  static newToken(): string {
    return randomBytes(24).toString('base64url');
  }

  /** A fresh anonymous session (a form token, nobody signed in). */
  static anonymous(): SessionData {
    return { csrf: Sessions.newToken() };
  }

  /** The session the request's cookie holds, or undefined (none, tampered, expired). */
  async read(cookieHeader: string | undefined): Promise<SessionData | undefined> {
    const value = cookieHeader ? parseCookies(cookieHeader)[this.cookieName] : undefined;
    if (!value) return undefined;
    try {
      const { payload } = await jwtDecrypt(value, this.options.key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      const data = payload.session as SessionData | undefined;
      return data && typeof data.csrf === 'string' ? data : undefined;
    } catch {
      return undefined;
    }
  }

  /** The Set-Cookie value carrying this session. */
  async cookie(data: SessionData): Promise<string> {
    const token = await new EncryptJWT({ session: data })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${this.maxAge}s`)
      .encrypt(this.options.key);
    return serialize(this.cookieName, token, {
      httpOnly: true,
      secure: this.options.secure,
      sameSite: 'lax',
      path: '/',
      maxAge: this.maxAge,
    });
  }

  /** The Set-Cookie value that ends the session. */
  clear(): string {
    return serialize(this.cookieName, '', {
      httpOnly: true,
      secure: this.options.secure,
      sameSite: 'lax',
      path: '/',
      maxAge: 0,
    });
  }
}

/** Does the posted form token match the session's? (Constant time.) */
export function csrfMatches(session: SessionData | undefined, posted: string | null): boolean {
  if (!session || !posted) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(posted);
  return a.length === b.length && timingSafeEqual(a, b);
}
