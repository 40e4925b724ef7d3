import { describe, expect, it } from 'vitest';
import { drawn, reached, requestOf, VIEW } from '#test/web/support/exchange';
import { exchangeFor } from '../pipeline';
import { Sessions } from '../session';
import { session, userOf } from './session';

const sessions = new Sessions({ key: new Uint8Array(32).fill(7), secure: false });
const sam = {
  sub: 'u-sam',
  name: 'Sam Okafor',
  email: 'sam@example.gov.uk',
  'cognito:groups': ['lead-practitioner'],
  'custom:organisation': 'riverside-council',
};
const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;

describe('the session step', () => {
  it('gives a request with no cookie a fresh anonymous session, written with the answer', async () => {
    const exchange = exchangeFor(requestOf(), VIEW);
    const answer = await session(sessions)(exchange, reached());
    expect(exchange.user).toBeUndefined();
    expect(exchange.session.stored).toBeUndefined();
    expect(exchange.session.data.csrf).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(answer.cookies).toHaveLength(1);
    const written = await sessions.read(cookieOf(answer.cookies![0]!));
    expect(written?.csrf).toBe(exchange.session.data.csrf);
  });

  it('reads who is signed in from the cookie, and writes nothing back when nothing changed', async () => {
    const cookie = cookieOf(await sessions.cookie({ csrf: 'token-1', claims: sam }));
    const exchange = exchangeFor(requestOf({ headers: { cookie } }), VIEW);
    const answer = await session(sessions)(exchange, reached());
    expect(exchange.user).toMatchObject({ userId: 'u-sam', role: 'lead-practitioner', roleText: 'lead practitioner' });
    expect(exchange.session.stored?.csrf).toBe('token-1');
    expect(answer.cookies).toBeUndefined();
  });

  it('takes a tampered cookie for no session at all', async () => {
    const cookie = cookieOf(await sessions.cookie({ csrf: 'token-1', claims: sam }));
    const tampered = `${cookie.slice(0, -4)}AAAA`;
    const exchange = exchangeFor(requestOf({ headers: { cookie: tampered } }), VIEW);
    await session(sessions)(exchange, reached());
    expect(exchange.user).toBeUndefined();
    expect(exchange.session.stored).toBeUndefined();
  });

  it('writes a message left for the next page, and once shown takes it out of the session', async () => {
    const cookie = cookieOf(await sessions.cookie({ csrf: 'token-1', claims: sam }));
    const leaving = exchangeFor(requestOf({ headers: { cookie } }), VIEW);
    const left = await session(sessions)(leaving, async () => {
      leaving.session.flash('Recorded: the appointment.');
      return { status: 303, headers: { location: '/app/cases' }, body: '' };
    });
    const next = cookieOf(left.cookies![0]!);
    expect((await sessions.read(next))?.flash).toBe('Recorded: the appointment.');

    const showing = exchangeFor(requestOf({ headers: { cookie: next } }), {
      ...VIEW,
      layout: (exchange) => ({ flash: exchange.session.takeFlash() }),
    });
    const shown = await session(sessions)(showing, async () =>
      showing.respond(showing.render('case.njk', { title: 'Case' })),
    );
    expect(drawn(shown).flash).toBe('Recorded: the appointment.');
    const after = await sessions.read(cookieOf(shown.cookies![0]!));
    expect(after).toEqual({ csrf: 'token-1', claims: sam });
  });

  it('clears the cookie when the session ends (sign-out), keeping the cookies the answer had', async () => {
    const cookie = cookieOf(await sessions.cookie({ csrf: 'token-1', claims: sam }));
    const exchange = exchangeFor(requestOf({ headers: { cookie } }), VIEW);
    const answer = await session(sessions)(exchange, async () => {
      exchange.session.replace(undefined);
      exchange.session.flash('Signed out');
      return { status: 303, headers: { location: '/app/signed-out' }, body: '', cookies: ['other=1'] };
    });
    expect(answer.cookies).toHaveLength(2);
    expect(answer.cookies![0]).toBe('other=1');
    expect(answer.cookies![1]).toMatch(/^righttime-session=; Max-Age=0/);
  });

  it('takes no person from claims without a role or organisation, nor the system', () => {
    expect(userOf(undefined)).toBeUndefined();
    expect(userOf({ sub: 'u-x', name: 'X' })).toBeUndefined();
    expect(userOf({ ...sam, 'cognito:groups': ['system'] })).toBeUndefined();
    expect(userOf(sam)?.organisation).toBe('riverside-council');
  });
});
