/**
 * The pages on one machine: the demo users sign in from a list (with the same claims Cognito issues in
 * AWS), the session key is kept in the data folder, and the pages call the platform's API in-process.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Claims } from '#functions/api/claims';
import { createWeb } from '#web/app';
import type { PageContext, PageModule } from '#web/pages/page';
import { Sessions } from '#web/session';
import { type DemoUser, demoUsers } from './auth';
import { advanceSchema, advanceTarget } from './clock-moves';
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

/** People only: case systems (police, a council's) sign in with client credentials, never through the pages. */
const people = demoUsers.filter((u) => u.role !== 'police' && u.role !== 'case-system');

const UNITS = [
  { value: 'minutes', text: 'Minutes' },
  { value: 'hours', text: 'Hours' },
  { value: 'days', text: 'Days' },
  { value: 'workingDays', text: 'Working days' },
] as const;

/**
 * A message's text with its link to the pages picked out: on this machine the link opens the page here
 * (its path, whatever port the message's address names), through sign-in for someone not signed in.
 */
export function withLink(body: string): { text: string; link?: { href: string; text: string }; after: string } {
  const found = /https?:\/\/[^\s]+/.exec(body);
  if (!found) return { text: body, after: '' };
  const url = new URL(found[0].replace(/[.,;:)]+$/, ''));
  const shown = url.toString();
  return {
    text: body.slice(0, found.index),
    link: { href: url.pathname.startsWith('/app/') ? `${url.pathname}${url.search}` : shown, text: shown },
    after: body.slice(found.index + shown.length),
  };
}

/** Only the local runtime's administrator moves its clock and reads its inbox (every email sent). */
export const LOCAL_ADMINISTRATOR = ['partnership-administrator'] as const;

/**
 * The page for this machine only: the controllable clock (move it forward; timers fire at their
 * instants) and the local inbox (what RightTime would email: case codes and links, no personal data).
 *
 *   GET  /app/local            the clock and the inbox (?caseCode= to filter)
 *   POST /app/local/clock      move the clock forward
 */
export function localPages(platform: Platform): PageModule {
  const show = (
    ctx: PageContext,
    errors?: { text: string; href: string }[],
    form: { amount?: string; unit?: string } = {},
  ) => {
    const caseCode = (ctx.query.get('caseCode') ?? '').trim();
    const messages = platform.inbox
      .find(caseCode ? { caseCode } : {})
      .slice(-50)
      .reverse()
      .map((m) => ({ ...m, body: withLink(m.body) }));
    return ctx.render(
      'local.njk',
      {
        title: 'This machine: clock and inbox',
        now: platform.clock.now().toISOString(),
        messages,
        caseCode,
        units: UNITS.map((u) => ({ ...u, checked: u.value === (form.unit ?? 'workingDays') })),
        amount: form.amount ?? '',
        ...(errors ? { errors: { list: errors } } : {}),
      },
      errors ? 400 : 200,
    );
  };
  return () => [
    {
      method: 'GET',
      path: '/local',
      access: LOCAL_ADMINISTRATOR,
      nav: {
        text: 'This machine',
        order: 90,
        description: 'Move the local clock forward, and read the messages RightTime would send.',
      },
      handle: async (ctx) => {
        await platform.settle();
        return show(ctx);
      },
    },
    {
      method: 'POST',
      path: '/local/clock',
      access: LOCAL_ADMINISTRATOR,
      async handle(ctx) {
        const amount = (ctx.form.get('amount') ?? '').trim();
        const unit = ctx.form.get('unit') ?? '';
        const parsed = advanceSchema.safeParse({ advance: { [unit]: /^\d+$/.test(amount) ? Number(amount) : NaN } });
        if (!UNITS.some((u) => u.value === unit))
          return show(ctx, [{ text: 'Select how to move the clock', href: '#unit' }], { amount, unit });
        if (!parsed.success)
          return show(ctx, [{ text: 'Enter how far to move the clock, as a whole number from 1', href: '#amount' }], {
            amount,
            unit,
          });
        const target = advanceTarget(platform, parsed.data);
        const { fired, delivered } = await platform.advanceTo(target);
        return ctx.redirect(
          `/app/local`,
          `The clock moved forward: ${fired} timer${fired === 1 ? '' : 's'} fired, ` +
            `${delivered} message${delivered === 1 ? '' : 's'} delivered.`,
        );
      },
    },
  ];
}

export function localWeb(platform: Platform, options: { dataDir?: string; modules?: readonly PageModule[] } = {}) {
  return createWeb(
    {
      api: platform.api,
      runtime: platform.runtime,
      sessions: new Sessions({ key: sessionKey(options.dataDir), secure: false }),
      signIn: {
        kind: 'local',
        users: people.map((u) => ({
          username: u.username,
          name: u.name,
          role: u.role,
          organisation: u.organisation,
          organisationName:
            platform.runtime.partnership.organisations.find((o) => o.id === u.organisation)?.name ??
            u.organisationName ??
            u.organisation,
          claims: claimsOf(u),
        })),
      },
      local: true,
    },
    [...(options.modules ?? []), localPages(platform)],
  );
}
