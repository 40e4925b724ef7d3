/**
 * The pages: one route table (web/pages/), a session cookie, CSRF on every form, and every read and
 * write through the API's own route handlers as the signed-in person (web/api-client.ts).
 *
 * All pages live under one prefix (`/app`), so the JSON API's paths are untouched: `/cases/{id}` is
 * the API, `/app/cases/{id}` the page.
 */
import type { Role } from '#core/identity/actor';
import type { ReadableProcess } from '#core/process/definition';
import { actorFromClaims, type Claims } from '#functions/api/claims';
import { errorKind, logger } from '#functions/observability';
import type { Runtime } from '#functions/runtime';
import { type Catalogue, contractCatalogue } from '#workflows/contracts';
import { type ApiAnswer, type ApiHandler, type ApiRefusal, apiAs, type UserApi } from './api-client';
import { createAssets } from './assets';
import { html, type PostedFile, postedForm, redirect, safeReturnPath, type WebRequest, type WebResponse } from './http';
import { basePages } from './pages/base';
import { corePages } from './pages/index';
import { createRenderer, type Renderer } from './render';
import { csrfMatches, type SessionData, Sessions } from './session';
import { roleText } from './words';

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
  nav?: { text: string; order: number; description?: string };
  handle(ctx: PageContext): Promise<PageResult>;
}

/** A template to render with the layout's data (what ctx.render returns). */
export interface Rendered {
  template: string;
  data: Record<string, unknown>;
  status: number;
}

export type PageResult = Rendered | WebResponse;

export type PageModule = (deps: WebDependencies) => Page[];

function compile(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a, b) => {
    names.push(a ?? b);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${pattern}/?$`), names };
}

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

/**
 * The pages' handler. `extraPages` are more page modules (e.g. the dashboard and administration pages),
 * added to the same table and navigation.
 */
export function createWeb(deps: WebDependencies, modules: readonly PageModule[] = []) {
  const renderer: Renderer = createRenderer();
  const assets = createAssets(PREFIX);
  const catalogue = deps.runtime.catalogue ?? contractCatalogue;
  const pages = [basePages, ...corePages, ...modules]
    .flatMap((m) => m(deps))
    .map((page) => ({ page, ...compile(`${PREFIX}${page.path === '/' ? '/' : page.path}`) }));

  function navFor(user: SignedInUser | undefined, path: string) {
    if (!user) return [];
    return pages
      .filter(
        ({ page }) =>
          page.nav &&
          page.method === 'GET' &&
          (page.access === 'signed-in' || (Array.isArray(page.access) && page.access.includes(user.role))),
      )
      .sort((a, b) => a.page.nav!.order - b.page.nav!.order)
      .map(({ page }) => {
        const href = `${PREFIX}${page.path}`;
        return {
          href,
          text: page.nav!.text,
          description: page.nav!.description ?? '',
          active: path === href || path.startsWith(`${href}/`),
        };
      });
  }

  return async function handle(request: WebRequest): Promise<WebResponse> {
    if (request.path === PREFIX) return redirect(`${PREFIX}/`);
    // The home page is `/app/`; any other path is the same with or without a trailing slash.
    const path = request.path === `${PREFIX}/` ? request.path : request.path.replace(/\/+$/, '');
    if (request.method === 'GET' && path.startsWith(`${PREFIX}/assets/`)) {
      return (
        assets(path.slice(`${PREFIX}/assets/`.length)) ?? {
          status: 404,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: 'Not found',
        }
      );
    }

    const stored = await deps.sessions.read(request.headers.cookie);
    let session: SessionData = stored ?? Sessions.anonymous();
    let changed = !stored;
    const user = userOf(session.claims);
    const cookies = async () =>
      changed ? [session === CLEARED ? deps.sessions.clear() : await deps.sessions.cookie(session)] : [];
    const { form, files } =
      request.method === 'POST'
        ? await postedForm(request)
        : { form: new URLSearchParams(), files: new Map<string, PostedFile[]>() };

    const layout = (data: Record<string, unknown>) => {
      const flash = session.flash;
      if (flash) {
        const { flash: _shown, ...rest } = session;
        session = rest;
        changed = true;
      }
      return {
        prefix: PREFIX,
        user,
        nav: navFor(user, path),
        csrf: session.csrf,
        flash,
        local: deps.local ?? false,
        ...data,
      };
    };
    const renderPage = (template: string, data: Record<string, unknown>, status = 200): Rendered => ({
      template,
      data: layout(data),
      status,
    });
    const finish = async (result: PageResult): Promise<WebResponse> => {
      if ('template' in result)
        return html(result.status, renderer.render(result.template, result.data), await cookies());
      const extra = await cookies();
      return extra.length ? { ...result, cookies: [...(result.cookies ?? []), ...extra] } : result;
    };
    const notFound = () => renderPage('not-found.njk', { title: 'Page not found' }, 404);

    const match = pages.map((p) => ({ ...p, m: p.regex.exec(path) })).filter((p) => p.m);
    if (!match.length) return finish(notFound());
    const found = match.find((p) => p.page.method === request.method);
    if (!found)
      return finish({
        status: 405,
        headers: { allow: match.map((p) => p.page.method).join(', '), 'content-type': 'text/plain; charset=utf-8' },
        body: 'Method not allowed',
      });
    const { page } = found;

    // Every form post carries the session's token: without it nothing runs.
    if (request.method === 'POST' && !csrfMatches(stored, form.get('csrfToken'))) {
      return finish(
        renderPage(
          'problem.njk',
          {
            title: 'Your form could not be sent',
            heading: 'Your form could not be sent',
            body:
              'The page it came from had expired or was not one of ours. Nothing was recorded. ' +
              'Go back, reload the page and try again.',
          },
          403,
        ),
      );
    }

    if (page.access !== 'public' && !user) {
      if (request.method !== 'GET') return finish(redirect(`${PREFIX}/sign-in`));
      const returnTo = safeReturnPath(`${path}${request.query.size ? `?${request.query}` : ''}`, PREFIX);
      return finish(redirect(`${PREFIX}/sign-in${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`));
    }
    if (user && Array.isArray(page.access) && !page.access.includes(user.role)) {
      return finish(
        renderPage(
          'problem.njk',
          {
            title: 'This page is not for your role',
            heading: 'This page is not for your role',
            body: `As ${user.roleText} you do not use this page. The pages you use are in the menu at the top.`,
          },
          403,
        ),
      );
    }

    const params: Record<string, string> = {};
    found.names.forEach((name, i) => {
      try {
        params[name] = decodeURIComponent(found.m![i + 1]!);
      } catch {
        params[name] = '';
      }
    });
    const ctx: PageContext = {
      request,
      params,
      query: request.query,
      form,
      files,
      session,
      user: user!,
      api: user ? apiAs(deps.api, user.claims) : (undefined as never),
      deps,
      catalogue,
      now: () => deps.runtime.clock.now(),
      render: (template, data, status) => renderPage(template, data, status),
      redirect(to, flash) {
        if (flash) {
          session = { ...session, flash };
          changed = true;
        }
        return redirect(to);
      },
      problem(answer) {
        if (answer.status === 404 || answer.status === 400) return notFound();
        if (answer.status === 403)
          return renderPage(
            'problem.njk',
            {
              title: 'You cannot do this',
              heading: 'You cannot do this',
              body: String((answer.body as ApiRefusal | undefined)?.detail ?? 'Your role cannot do this.'),
            },
            403,
          );
        if (answer.status === 503)
          return renderPage(
            'problem.njk',
            {
              title: 'Try again in a moment',
              heading: 'Sorry, the service is busy',
              body: 'Nothing was recorded. Try again in a moment.',
            },
            503,
          );
        return renderPage(
          'problem.njk',
          {
            title: 'Sorry, there is a problem',
            heading: 'Sorry, there is a problem with the service',
            body: 'Nothing was half-recorded. Try again later.',
          },
          500,
        );
      },
      notFound,
      setSession(data) {
        session = data ?? CLEARED;
        changed = true;
      },
    };
    try {
      return await finish(await page.handle(ctx));
    } catch (error) {
      // Where it failed, never what was asked or typed (it may hold personal data).
      logger.error('A page could not be shown', { error: errorKind(error) });
      return finish(
        renderPage(
          'problem.njk',
          {
            title: 'Sorry, there is a problem',
            heading: 'Sorry, there is a problem with the service',
            body: 'Nothing was half-recorded. Try again in a moment.',
          },
          500,
        ),
      );
    }
  };
}

/** The session after sign-out: the cookie is cleared. */
const CLEARED: SessionData = { csrf: '' };

export type WebHandler = ReturnType<typeof createWeb>;
