/**
 * Figures by council, through the real API on the local platform (DynamoDB Local, the synthesized state
 * machines), in a partnership of three councils: each council's staff read their own council's figures
 * and the partnership's, never another council's (404, as for what does not exist; audited); an ICB's
 * commissioner and the partnership administrator read every council's; a council the partnership does not
 * have is a 400 naming the field. The figures of every level are suppressed together: a council's 1 to 4
 * makes another council's count withheld, so the partnership's minus the others' gives back nothing small.
 * The pages: the dashboard and the board offer the levels the reader may read, and their CSVs say whose.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '#functions/api/app';
import { partnership as configured } from '#functions/runtime';
import type { Platform } from '#local/platform';
import { exampleLookedAfter } from '#workflows/children-in-care/example';
import { testPlatform } from '../support/platform';
import { Browser, idProblems, serve, textOf } from '../web/support/pages';

const CIC = 'children-in-care';

/** The configured partnership, with two more councils (the configured council's settings, its own id and name). */
function threeCouncils() {
  const riverside = configured.organisations.find((o) => o.id === 'riverside-council')!;
  const others = ['eastbrook-council', 'westmoor-council']
    .filter((id) => !configured.organisations.some((o) => o.id === id))
    .map((id, i) => ({
      ...riverside,
      id,
      name: `${id.split('-')[0]!.replace(/^./, (c) => c.toUpperCase())} Council`,
      // Each council its own local authority code (the directory refuses two councils sharing one).
      localAuthorityCode: String(990 + i),
    }));
  // Every ICB and health provider serving every council (the directory may name those it serves: not here).
  const serving = configured.organisations.map((o) => {
    const { councils: _served, ...rest } = o as typeof o & { councils?: unknown };
    return rest as typeof o;
  });
  return { ...configured, organisations: [...serving, ...others] };
}

const partnership = threeCouncils();
/** A council's name as the partnership's directory gives it (another helper may name Eastbrook in the config). */
const nameOf = (id: string) => partnership.organisations.find((o) => o.id === id)!.name;
const [RIVERSIDE, EASTBROOK, WESTMOOR] = ['riverside-council', 'eastbrook-council', 'westmoor-council'].map(nameOf);

/** A person of a role in an organisation, as their token's claims say. */
const person = (role: string, organisation: string) => ({
  sub: `u-${role}-${organisation}`,
  name: 'A Person',
  email: `${role}@${organisation}.example.gov.uk`,
  'cognito:groups': [role],
  'custom:organisation': organisation,
});
const people = {
  riversideFrontDoor: person('front-door', 'riverside-council'),
  eastbrookFrontDoor: person('front-door', 'eastbrook-council'),
  riversideManager: person('service-manager', 'riverside-council'),
  eastbrookManager: person('service-manager', 'eastbrook-council'),
  icbCommissioner: person('commissioner', 'riverside-icb'),
  riversideCommissioner: person('commissioner', 'riverside-council'),
  eastbrookCommissioner: person('commissioner', 'eastbrook-council'),
  partnershipAdmin: person('partnership-administrator', 'riverside-partnership'),
};

let platform: Platform;
/** Each council's cases as opened: their case ids. */
const casesOf: Record<string, string[]> = { 'riverside-council': [], 'eastbrook-council': [] };

async function call(method: string, path: string, who: keyof typeof people, body?: unknown) {
  const [rawPath, query] = path.split('?');
  const event: ApiEvent = {
    rawPath: rawPath!,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: {},
    queryStringParameters: Object.fromEntries(new URLSearchParams(query ?? '')),
    isBase64Encoded: false,
    requestContext: { http: { method }, authorizer: { jwt: { claims: people[who] } } },
  } as unknown as ApiEvent;
  const result = await platform.api(event);
  return { status: result.statusCode, body: JSON.parse(result.body as string) };
}

type Row = { clockId: string; open: unknown };
const openOf = (answer: { timeliness: { clocks: { rows: Row[]; total?: { open: unknown } } } }) => ({
  review: answer.timeliness.clocks.rows.find((r) => r.clockId.includes('review'))?.open,
  all: answer.timeliness.clocks.total?.open,
});

beforeAll(async () => {
  platform = await testPlatform({
    partnership,
    startAt: new Date('2026-12-21T10:00:00Z'),
    frozen: true,
  });
  // Riverside: 2 children entering care; Eastbrook: 7; Westmoor: none.
  const opened = [];
  for (const [who, n] of [
    ['riversideFrontDoor', 2],
    ['eastbrookFrontDoor', 7],
  ] as const)
    for (let i = 0; i < n; i++)
      opened.push(
        await call(
          'POST',
          `/processes/${CIC}/cases`,
          who,
          exampleLookedAfter({ caseReference: `RCC-${who}-${i}`, enteredCareAt: '2026-12-21T09:00:00Z' }),
        ),
      );
  expect(opened.map((o) => o.status)).toEqual(Array(9).fill(201));
  for (const [i, o] of opened.entries())
    casesOf[i < 2 ? 'riverside-council' : 'eastbrook-council']!.push(o.body.caseId);
  await platform.settle();
}, 120_000);

afterAll(async () => platform?.stop());

describe('who reads which council’s figures', () => {
  it("a council's staff read the partnership's and their own council's, and are offered those only", async () => {
    const whole = await call('GET', `/processes/${CIC}/figures`, 'riversideManager');
    expect(whole.status).toBe(200);
    expect(whole.body.council).toBeNull();
    expect(whole.body.councils.map((c: { id: string }) => c.id)).toEqual(['riverside-council']);
    const own = await call('GET', `/processes/${CIC}/figures?council=riverside-council`, 'riversideManager');
    expect(own.status).toBe(200);
    expect(own.body.council).toEqual({ id: 'riverside-council', name: RIVERSIDE });
  });

  it("another council's figures answer 404, on the dashboard's figures and on the board, and the refusal is audited", async () => {
    const figures = await call('GET', `/processes/${CIC}/figures?council=eastbrook-council`, 'riversideManager');
    expect(figures.status).toBe(404);
    expect(figures.body).toMatchObject({
      code: 'figuresNotFound',
      detail: "There are no figures of 'eastbrook-council' for you",
    });
    expect(JSON.stringify(figures.body)).not.toContain('timeliness');
    const board = await call('GET', '/board/2026?council=riverside-council', 'eastbrookManager');
    expect(board.status).toBe(404);
    const own = await call('GET', '/board/2026?council=eastbrook-council', 'eastbrookManager');
    expect(own.status).toBe(200);
    expect(own.body.council.id).toBe('eastbrook-council');
    const audit = await call('GET', `/audit?actor=${people.riversideManager.sub}`, 'partnershipAdmin');
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('of eastbrook-council: not permitted');
  });

  it("an ICB's commissioner and the partnership administrator read every council's, and the cases with no council", async () => {
    for (const who of ['icbCommissioner', 'partnershipAdmin'] as const) {
      const whole = await call('GET', `/processes/${CIC}/figures`, who);
      expect(whole.body.councils.map((c: { id: string }) => c.id)).toEqual([
        'riverside-council',
        'eastbrook-council',
        'westmoor-council',
        'no-council',
      ]);
      for (const council of ['riverside-council', 'eastbrook-council', 'westmoor-council', 'no-council']) {
        const one = await call('GET', `/processes/${CIC}/figures?council=${council}`, who);
        expect(one.status, `${who} ${council}`).toBe(200);
        const board = await call('GET', `/board/2026?council=${council}`, who);
        expect(board.status, `${who} board ${council}`).toBe(200);
      }
    }
  });

  it('a council the partnership does not have is a 400 naming the field', async () => {
    const answer = await call('GET', `/processes/${CIC}/figures?council=nowhere-council`, 'icbCommissioner');
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([{ path: 'council', message: expect.stringContaining('eastbrook-council') }]);
    const board = await call('GET', '/board/2026?council=nowhere-council', 'icbCommissioner');
    expect(board.status).toBe(400);
    expect(board.body.issues[0].path).toBe('council');
  });
});

describe('open clocks by case code', () => {
  it("a council's commissioner sees their own council's cases only; an ICB's commissioner every council's", async () => {
    const casesListed = async (who: keyof typeof people) => {
      const answer = await call('GET', `/processes/${CIC}/clocks`, who);
      expect(answer.status).toBe(200);
      return [...new Set((answer.body.clocks as { caseId: string }[]).map((c) => c.caseId))].sort();
    };
    const riverside = [...casesOf['riverside-council']!].sort();
    const eastbrook = [...casesOf['eastbrook-council']!].sort();
    expect(await casesListed('riversideCommissioner')).toEqual(riverside);
    expect(await casesListed('eastbrookCommissioner')).toEqual(eastbrook);
    expect(await casesListed('icbCommissioner')).toEqual([...riverside, ...eastbrook].sort());
  });
});

describe('suppressed at both levels together', () => {
  it("Riverside's 2 open review clocks are 'fewer than 5', so Eastbrook's 7 are withheld and the partnership's 9 shown", async () => {
    const level = async (council?: string) =>
      openOf(
        (await call('GET', `/processes/${CIC}/figures${council ? `?council=${council}` : ''}`, 'icbCommissioner')).body,
      );
    expect(await level('riverside-council')).toEqual({ review: 'fewer than 5', all: 'fewer than 5' });
    expect(await level('eastbrook-council')).toEqual({ review: 'withheld', all: 'withheld' });
    expect(await level('westmoor-council')).toEqual({ review: 0, all: 0 });
    expect(await level()).toEqual({ review: 9, all: 18 });
    // A council's reader sees the same figures as the ICB: suppressed once, whoever reads them.
    const own = await call('GET', `/processes/${CIC}/figures?council=eastbrook-council`, 'eastbrookManager');
    expect(openOf(own.body)).toEqual({ review: 'withheld', all: 'withheld' });
  });

  it('the board the same way: children who became looked after in December, by council and for the partnership', async () => {
    const december = async (council?: string) => {
      const board = (await call('GET', `/board/2026${council ? `?council=${council}` : ''}`, 'partnershipAdmin')).body;
      const measures = board.processes.find((p: { process: string }) => p.process === CIC).measures;
      const counted = measures.find((m: { id: string; years?: unknown }) => m.years && m.id === 'became-looked-after');
      return counted.years[0].months.rows.find((r: { month: string }) => r.month === '2026-12').count;
    };
    expect(await december('riverside-council')).toBe('fewer than 5');
    expect(await december('eastbrook-council')).toBe('withheld');
    expect(await december()).toBe(9);
  });
});

describe('the pages', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(platform);
  });
  afterAll(async () => server?.close());

  it("offer an ICB commissioner every council; the figures and the CSV are the chosen council's", async () => {
    const chris = new Browser(server.base);
    await chris.signIn('chris');
    const page = await chris.get(`/app/dashboard/${CIC}`);
    expect(page.status).toBe(200);
    expect(idProblems(page.html)).toEqual([]);
    expect(page.html).toContain('<select class="govuk-select" id="council" name="council"');
    for (const name of ['The partnership (every council)', RIVERSIDE, EASTBROOK, WESTMOOR])
      expect(page.html).toContain(`>${name}</option>`);
    const eastbrook = await chris.get(`/app/dashboard/${CIC}?council=eastbrook-council`);
    expect(textOf(eastbrook.html)).toContain(EASTBROOK);
    expect(eastbrook.html).toMatch(/<option value="eastbrook-council" selected>/);
    expect(eastbrook.html).toContain(`/dashboard/${CIC}/figures.csv?council=eastbrook-council`);
    expect(eastbrook.html).toContain(`not only ${EASTBROOK}’s`);
    const csv = await chris.get(`/app/dashboard/${CIC}/figures.csv?council=eastbrook-council`);
    const rows = parse(csv.html, { columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r.Council))).toEqual(new Set([EASTBROOK]));
    const open = rows.find((r) => r.Clock === 'All clocks' && r.Measure === 'Open clocks')!;
    expect([open.Value, open.Suppressed]).toEqual(['', 'withheld']);
    const board = await chris.get('/app/board/2026?council=riverside-council');
    expect(board.status).toBe(200);
    expect(board.html).toContain('/board/2026/board.csv?council=riverside-council');
    const boardCsv = await chris.get('/app/board/2026/board.csv?council=riverside-council');
    const boardRows = parse(boardCsv.html, { columns: true }) as Record<string, string>[];
    expect(new Set(boardRows.map((r) => r.Council))).toEqual(new Set([RIVERSIDE]));
  });

  it("offer a council's service manager the partnership and their own council only; another council's is not found", async () => {
    const morgan = new Browser(server.base);
    await morgan.signIn('morgan');
    const page = await morgan.get(`/app/board/2026`);
    expect(page.status).toBe(200);
    const options = [...page.html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(options).toEqual(['', 'riverside-council']);
    expect(textOf(page.html)).toContain('The partnership (every council)');
    const other = await morgan.get(`/app/dashboard/${CIC}?council=eastbrook-council`);
    expect(other.status).toBe(404);
    expect(other.html).not.toContain(EASTBROOK);
  });
});
