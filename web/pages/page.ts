/**
 * What a page is, and what it is given: the types every page module, the pipeline (web/middleware/) and
 * createWeb (web/app.ts) share. Types and one constant only, importing nothing of the pipeline, so pages
 * and the pipeline never import each other (`npm run layers` refuses any cycle inside web/, type-only
 * ones included).
 */
import type { Role } from '#core/identity/actor';
import type { Catalogue } from '#core/process/catalogue';
import type { ReadableProcess } from '#core/process/definition';
import type { Claims } from '#functions/api/claims';
import type { Runtime } from '#functions/runtime';
import type { ApiAnswer, ApiHandler, UserApi } from '../api-client';
import type { PostedFile, WebRequest, WebResponse } from '../http';
import type { SessionData, Sessions } from '../session';

/** Every page lives under this prefix, so the JSON API's paths are untouched (`/cases/{id}` is the API). */
export const PREFIX = '/app';

/** How people sign in: demo users on one machine, Cognito's hosted sign-in (code flow with PKCE) in AWS. */
export type SignInMethod =
  | { kind: 'local'; users: readonly LocalUser[] }
  | {
      kind: 'cognito';
      domain: string;
      clientId: string;
      redirectUri: string;
      logoutUri: string;
      verifyIdToken(token: string): Promise<Claims | undefined>;
      fetch?: typeof fetch;
    };

/** A demo user on the local sign-in page, with the claims Cognito would issue for them. */
export interface LocalUser {
  username: string;
  name: string;
  role: Role;
  organisation: string;
  /** Their organisation by its name, as the sign-in page shows it. */
  organisationName?: string;
  claims: Claims;
}

export interface WebDependencies {
  /** The API's own handler (createApi), called in-process as the signed-in person. */
  api: ApiHandler;
  runtime: Pick<Runtime, 'partnership' | 'workingDays' | 'clock'> & { catalogue?: Catalogue<ReadableProcess> };
  sessions: Sessions;
  signIn: SignInMethod;
  /** Links on the local pages only (the clock and the inbox). */
  local?: boolean;
}

/** The signed-in person, as pages use it. */
export interface SignedInUser {
  claims: Claims;
  userId: string;
  name: string;
  role: Role;
  roleText: string;
  organisation: string;
  schoolUrn?: string;
}

export interface PageContext {
  request: WebRequest;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The posted form (empty for GET). */
  form: URLSearchParams;
  /** The files of a posted multipart form, by field name, with their bytes as sent (empty for GET). */
  files: Map<string, PostedFile[]>;
  session: SessionData;
  /** Present on every page that is not public. */
  user: SignedInUser;
  /** The API as the signed-in person. */
  api: UserApi;
  deps: WebDependencies;
  catalogue: Catalogue<ReadableProcess>;
  now(): Date;
  /** Render a template with the layout's data (who is signed in, navigation, form token, message). */
  render(template: string, data: Record<string, unknown>, status?: number): Rendered;
  /** 303 to another page, with an optional one-off message shown there. */
  redirect(to: string, flash?: string): WebResponse;
  /** The page for an API answer that is not a success: 404, 403, 503, anything else. */
  problem(answer: ApiAnswer): Rendered;
  notFound(): Rendered;
  /** Replace the session (sign-in, sign-out). */
  setSession(data: SessionData | undefined): void;
}

/** One page: its path (`/cases/{caseId}` under the prefix), who may open it, and whether it is in the navigation. */
export interface Page {
  method: 'GET' | 'POST';
  path: string;
  /**
   * 'public': no sign-in needed. Otherwise signed in; roles listed here only decide the navigation and a
   * friendly refusal: the API decides what anyone may see or do.
   */
  access: 'public' | 'signed-in' | readonly Role[];
  nav?: {
    text: string;
    order: number;
    description?: string;
    /**
     * The menu entries this page gives a person instead of one (e.g. each process they may start), by path
     * under the prefix; none: not in their menu.
     */
    entriesFor?(user: SignedInUser): readonly MenuEntry[];
  };
  handle(ctx: PageContext): Promise<PageResult>;
}

/** One entry of a person's menu that a page makes for them. */
export interface MenuEntry {
  path: string;
  text: string;
  description?: string;
}

/** A template to render with the layout's data (what ctx.render returns). */
export interface Rendered {
  template: string;
  data: Record<string, unknown>;
  status: number;
}

export type PageResult = Rendered | WebResponse;

export type PageModule = (deps: WebDependencies) => Page[];
