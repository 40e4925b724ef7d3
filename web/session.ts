/**
 * The session: one HTTP-only cookie holding who is signed in (the same claims the API's authorizer
 * hands the API) and the form token, encrypted and authenticated with a key only the server holds
 * (JWE, `dir` + A256GCM, by `jose`). A cookie that does not decrypt, or has expired, is no session.
 *
 * Every session has a random form token (CSRF: web/middleware/csrf.ts checks it on every POST). It lives
 * in the encrypted cookie, so a page on another site can neither read nor forge it.
 */
import { randomBytes } from 'node:crypto';
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

/**
 * The session as one request goes: what its cookie held, what it holds now, and whether the cookie must
 * be written again. No cookie (or one that does not decrypt) is a fresh anonymous session with its own
 * form token, written with the answer.
 */
export class SessionState {
  private current: SessionData;
  private changed: boolean;
  private ended = false;

  /** `stored`: what the request's cookie held (undefined: none, tampered or expired). */
  constructor(readonly stored: SessionData | undefined) {
    this.current = stored ?? Sessions.anonymous();
    this.changed = !stored;
  }

  get data(): SessionData {
    return this.current;
  }

  /** Replace the session (sign-in); undefined ends it (sign-out: the cookie is cleared). */
  replace(data: SessionData | undefined): void {
    this.current = data ?? { csrf: '' };
    this.ended = !data;
    this.changed = true;
  }

  /** A one-off message for the next page (e.g. "Recorded"); an ended session keeps none. */
  flash(message: string): void {
    if (this.ended) return;
    this.current = { ...this.current, flash: message };
    this.changed = true;
  }

  /** The one-off message, if there is one: shown once, so it leaves the session now. */
  takeFlash(): string | undefined {
    const { flash, ...rest } = this.current;
    if (!flash) return undefined;
    this.current = rest;
    this.changed = true;
    return flash;
  }

  /** The Set-Cookie values the answer carries: none when nothing changed. */
  async cookies(sessions: Sessions): Promise<string[]> {
    if (!this.changed) return [];
    return [this.ended ? sessions.clear() : await sessions.cookie(this.current)];
  }
}
