/**
 * Signing in and out, the home page and the accessibility statement.
 *
 *   GET  /app/                 home: what this person can do
 *   GET  /app/sign-in          local: the demo users by role; AWS: off to Cognito's hosted sign-in (PKCE)
 *   POST /app/sign-in          local: sign in as the chosen demo user
 *   GET  /app/auth/callback    AWS: Cognito sends the person back here with a code
 *   POST /app/sign-out
 */
import { createHash, randomBytes } from 'node:crypto';
import { redirect, safeReturnPath } from '../http';
import { Sessions } from '../session';
import { roleText } from '../words';
import { type Page, type PageContext, type PageModule, PREFIX, type WebDependencies } from './page';
import { CASE_LIST_ROLES } from './your-cases';

const base64url = (bytes: Buffer) => bytes.toString('base64url');
const upperFirst = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** Where to go after sign-in: the page asked for, or home. */
const returnPathOf = (value: string | null) => safeReturnPath(value, PREFIX) ?? `${PREFIX}/`;

function localSignIn(deps: WebDependencies): Page[] {
  if (deps.signIn.kind !== 'local') return [];
  const users = deps.signIn.users;
  const page = (ctx: PageContext, error?: string) => {
    const groups = new Map<string, (typeof users)[number][]>();
    for (const u of users) groups.set(u.role, [...(groups.get(u.role) ?? []), u]);
    const items = users.map((u) => ({
      value: u.username,
      text: u.name,
      hint: { text: `${upperFirst(roleText(u.role))}, ${u.organisationName ?? u.organisation}` },
    }));
    return ctx.render(
      'sign-in.njk',
      {
        title: 'Sign in',
        items,
        returnTo: ctx.query.get('returnTo') ?? ctx.form.get('returnTo') ?? '',
        ...(error ? { errors: { list: [{ text: error, href: '#username' }] }, usernameError: { text: error } } : {}),
      },
      error ? 400 : 200,
    );
  };
  return [
    { method: 'GET', path: '/sign-in', access: 'public', handle: async (ctx) => page(ctx) },
    {
      method: 'POST',
      path: '/sign-in',
      access: 'public',
      async handle(ctx) {
        const user = users.find((u) => u.username === ctx.form.get('username'));
        if (!user) return page(ctx, 'Select who you are signing in as');
        // A new form token at sign-in: a token seen before signing in is worth nothing after it.
        ctx.setSession({ csrf: Sessions.newToken(), claims: user.claims });
        return redirect(returnPathOf(ctx.form.get('returnTo')));
      },
    },
  ];
}

function cognitoSignIn(deps: WebDependencies): Page[] {
  const signIn = deps.signIn;
  if (signIn.kind !== 'cognito') return [];
  const doFetch = signIn.fetch ?? fetch;
  return [
    {
      method: 'GET',
      path: '/sign-in',
      access: 'public',
      async handle(ctx) {
        // Authorisation code flow with PKCE (RFC 7636): the verifier stays in the encrypted session.
        const verifier = base64url(randomBytes(32));
        const state = base64url(randomBytes(16));
        const challenge = base64url(createHash('sha256').update(verifier).digest());
        ctx.setSession({
          csrf: ctx.session.csrf,
          pending: { verifier, state, returnTo: returnPathOf(ctx.query.get('returnTo')) },
        });
        const url = new URL('/oauth2/authorize', signIn.domain);
        url.search = new URLSearchParams({
          response_type: 'code',
          client_id: signIn.clientId,
          redirect_uri: signIn.redirectUri,
          scope: 'openid email profile',
          state,
          code_challenge: challenge,
          code_challenge_method: 'S256',
        }).toString();
        return redirect(url.toString());
      },
    },
    {
      method: 'GET',
      path: '/auth/callback',
      access: 'public',
      async handle(ctx) {
        const pending = ctx.session.pending;
        const code = ctx.query.get('code');
        const failed = () =>
          ctx.render(
            'problem.njk',
            {
              title: 'Sign-in did not finish',
              heading: 'Sign-in did not finish',
              body: 'Please sign in again.',
              action: { href: `${PREFIX}/sign-in`, text: 'Sign in' },
            },
            400,
          );
        if (!pending || !code || ctx.query.get('state') !== pending.state) return failed();
        const answer = await doFetch(new URL('/oauth2/token', signIn.domain), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: signIn.clientId,
            code,
            redirect_uri: signIn.redirectUri,
            code_verifier: pending.verifier,
          }).toString(),
        });
        if (!answer.ok) return failed();
        const tokens = (await answer.json()) as { id_token?: string };
        const claims = tokens.id_token ? await signIn.verifyIdToken(tokens.id_token) : undefined;
        if (!claims) return failed();
        ctx.setSession({ csrf: Sessions.newToken(), claims });
        return redirect(pending.returnTo);
      },
    },
  ];
}

/** The most clocks the home page counts in one read; beyond it, "200 or more". */
const COUNTED = 200;

interface WorkLine {
  count: string;
  text: string;
  href: string;
  tone: 'overdue' | 'soon' | 'all';
}

const many = (n: number, capped: boolean) => (capped ? `${COUNTED} or more` : String(n));

/**
 * A person's work in counts, each linking to the list it counts: their worklist's clocks overdue, due soon
 * and in all (one read of `GET /my/clocks`, audited once), and a school's notifications to acknowledge.
 * Nothing for someone with no list (their menu says what they can do).
 */
async function workOf(ctx: PageContext): Promise<WorkLine[]> {
  const lines: WorkLine[] = [];
  if ((CASE_LIST_ROLES as readonly string[]).includes(ctx.user.role)) {
    const answer = await ctx.api.get<{ clocks: { state: string }[]; next: string | null }>('/my/clocks', {
      limit: String(COUNTED),
    });
    if (answer.status === 200) {
      const capped = !!answer.body.next;
      const count = (state: string) => answer.body.clocks.filter((c) => c.state === state).length;
      const cases = `${PREFIX}/cases`;
      lines.push(
        { count: many(count('overdue'), capped), text: 'overdue', href: `${cases}?state=overdue`, tone: 'overdue' },
        { count: many(count('dueSoon'), capped), text: 'due soon', href: `${cases}?state=dueSoon`, tone: 'soon' },
        {
          count: many(answer.body.clocks.length, capped),
          text: `clock${answer.body.clocks.length === 1 && !capped ? '' : 's'} running in all`,
          href: cases,
          tone: 'all',
        },
      );
    }
  }
  if (ctx.user.role === 'school-key-adult' && ctx.user.schoolUrn) {
    const answer = await ctx.api.get<{ notifications: { status?: string; state?: string }[] }>(
      `/schools/${encodeURIComponent(ctx.user.schoolUrn)}/notifications`,
    );
    if (answer.status === 200) {
      const open = answer.body.notifications.filter((n) => n.status !== 'acknowledged' && n.status !== 'closed');
      const school = `${PREFIX}/school`;
      lines.push(
        {
          count: String(open.filter((n) => n.state === 'overdue').length),
          text: 'past their deadline',
          href: school,
          tone: 'overdue',
        },
        {
          count: String(open.length),
          text: `notification${open.length === 1 ? '' : 's'} to acknowledge`,
          href: school,
          tone: 'all',
        },
      );
    }
  }
  return lines;
}

export const basePages: PageModule = (deps) => [
  ...localSignIn(deps),
  ...cognitoSignIn(deps),
  {
    method: 'POST',
    path: '/sign-out',
    access: 'public',
    async handle(ctx) {
      ctx.setSession(undefined);
      if (deps.signIn.kind === 'cognito') {
        const url = new URL('/logout', deps.signIn.domain);
        url.search = new URLSearchParams({
          client_id: deps.signIn.clientId,
          logout_uri: deps.signIn.logoutUri,
        }).toString();
        return redirect(url.toString());
      }
      return redirect(`${PREFIX}/signed-out`);
    },
  },
  {
    method: 'GET',
    path: '/signed-out',
    access: 'public',
    handle: async (ctx) => ctx.render('signed-out.njk', { title: 'You have signed out' }),
  },
  {
    method: 'GET',
    path: '/accessibility',
    access: 'public',
    handle: async (ctx) => ctx.render('accessibility.njk', { title: 'Accessibility' }),
  },
  {
    method: 'GET',
    path: '/',
    access: 'public',
    async handle(ctx) {
      // The signed-in person's pages are the navigation's (each page says who it
      // is for): listed with their descriptions, after a summary of their work.
      return ctx.render('home.njk', { title: 'RightTime', work: ctx.user ? await workOf(ctx) : [] });
    },
  },
];
