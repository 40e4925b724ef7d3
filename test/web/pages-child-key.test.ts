/**
 * One child across processes on the pages: a council's start form asks "About the child (optional)" (the
 * council's person id for the child and equality monitoring); the case page shows "This child's other
 * clocks you may see" (each case the reader may read, with its clocks and a link) and what the council said
 * about the child; a reader who may not read the other case sees nothing of it; a Key Adult sees neither.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { choicesFor } from '#web/forms/choices';
import { formModel, formValuesFrom } from '#web/forms/schema-form';
import { withAboutChild } from '#web/pages/start';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import * as ihaParts from '#workflows/initial-health-assessment/index';
import { exampleRequest } from '#workflows/supporting-families/example';
import { testPlatform } from '../support/platform';
import { Browser, idProblems, partnershipOfCatalogue, sendStartForm, serve, textOf } from './support/pages';

const iha = definitionOf(ihaParts);
const START = '/app/start/initial-health-assessment';

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;
let ihaCase: string;
let familyCase: string;
let familyCode: string;

const open = async (process: string, body: unknown) => {
  const res = await platform.api(apiEvent('POST', `/processes/${process}/cases`, 'alex', body));
  expect(res.statusCode, res.body as string).toBe(201);
  return JSON.parse(res.body as string) as { caseId: string; caseCode: string };
};

beforeAll(async () => {
  platform = await testPlatform({
    startAt: new Date('2027-02-01T10:00:00Z'),
    frozen: true,
    partnership: partnershipOfCatalogue(),
  });
  server = await serve(platform);
  const family = await open('supporting-families', {
    ...exampleRequest({ requestReference: 'RFS-WEB-LINK', requestedAt: '2027-02-01T09:00:00Z' }),
    aboutChild: { personId: 'MOS-771204' },
  });
  familyCase = family.caseId;
  familyCode = family.caseCode;
  await platform.settle();
});

afterAll(async () => {
  await server?.close();
  await platform?.stop();
});

describe('about the child, on the start form', () => {
  it("a council's front door is asked it on a page of its own, optional, and the case it opens is linked", async () => {
    const alex = new Browser(server.base);
    await alex.signIn('alex');
    const model = formModel(
      withAboutChild(iha.events.find((e) => e.opensCase)!).schema,
      choicesFor(platform.runtime.partnership, iha.id),
    );
    const fields = [
      ...formValuesFrom(
        model,
        exampleEntryIntoCare({
          caseReference: 'RCC-WEB-LINK',
          enteredCareAt: '2027-02-01T09:00:00Z',
          aboutChild: { personId: 'MOS-771204', ethnicity: 'BAFR', sex: '1', send: 'ehcPlan' },
        }),
      ),
    ];
    // The last page before "Check your answers" asks about the child, every field optional.
    let page = await alex.get(START);
    // (Answers travel between pages as hidden inputs: the page asking is the one with its title.)
    for (let pages = 0; pages < 8 && !textOf(page.html).includes('About the child (optional)'); pages++) {
      const step = /name="step" value="(\d+)"/.exec(page.html)?.[1] ?? '0';
      page = await alex.post(START, [...fields, ['step', step], ['formAction', 'continue']]);
    }
    expect(page.html).not.toContain('name="step" value="check"');
    expect(textOf(page.html)).toContain('About the child (optional)');
    expect(textOf(page.html)).toContain('Person id in your case system');
    expect(page.html).toMatch(
      /<input[^>]*id="aboutChild-personId"[^>]*type="text"|<input[^>]*type="text"[^>]*id="aboutChild-personId"/,
    );
    expect(textOf(page.html)).toContain('Black African');
    expect(idProblems(page.html)).toEqual([]);
    const sent = await sendStartForm(alex, START, fields);
    expect(sent.status).toBe(200);
    await platform.settle();
    const opened = await platform.store.casesOfProcess('initial-health-assessment');
    ihaCase = opened.find((c) => (c.details as { caseReference?: string }).caseReference === 'RCC-WEB-LINK')!.caseId;
    const stored = await platform.store.getCase(ihaCase);
    expect(stored?.child?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(stored?.child?.equality).toEqual({ ethnicity: 'BAFR', sex: '1', send: 'ehcPlan' });
  });

  it('a bad person id stops on its page with the error beside it', async () => {
    const alex = new Browser(server.base);
    await alex.signIn('alex');
    const model = formModel(withAboutChild(iha.events.find((e) => e.opensCase)!).schema);
    const fields = [
      ...formValuesFrom(
        model,
        exampleEntryIntoCare({ caseReference: 'RCC-WEB-BAD', enteredCareAt: '2027-02-01T09:00:00Z' }),
      ),
      ['aboutChild.personId', 'MOS 77/1204'] as [string, string],
    ];
    const page = await sendStartForm(alex, START, fields);
    expect(page.status).toBe(400);
    expect(page.html).toContain('govuk-error-summary');
    expect(page.html).toContain('href="#aboutChild-personId"');
  });

  it("is not asked of a school's staff", async () => {
    const ella = new Browser(server.base);
    await ella.signIn('ella');
    let page = await ella.get('/app/start/supporting-families');
    expect(page.status).toBe(200);
    for (let step = 0; step < 8; step++) {
      expect(page.html).not.toContain('aboutChild');
      if (page.html.includes('name="step" value="check"')) break;
      page = await ella.post('/app/start/supporting-families', [
        ['step', String(step)],
        ['formAction', 'continue'],
      ]);
    }
  });
});

describe("this child's other clocks, on the case page", () => {
  it("a social worker on the child's IHA case sees the Family Help episode's clocks, linked, and what was said of the child", async () => {
    const sam = new Browser(server.base);
    await sam.signIn('sam');
    const page = await sam.get(`/app/cases/${ihaCase}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('This child’s other clocks you may see');
    expect(text).toContain(familyCode);
    expect(page.html).toContain(`href="/app/cases/${familyCase}"`);
    expect(text).toContain('Ethnicity Black African');
    expect(text).toContain('Education, health and care plan');
    expect(text).not.toContain('MOS-771204');
    expect(idProblems(page.html)).toEqual([]);
  });

  it('health staff reading the IHA case see nothing of the episode they may not read', async () => {
    const priya = new Browser(server.base);
    await priya.signIn('priya');
    const page = await priya.get(`/app/cases/${ihaCase}`);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('None that you may see.');
    expect(page.html).not.toContain(familyCode);
    expect(page.html).not.toContain(familyCase);
  });

  it("a school's Key Adult sees neither case", async () => {
    const kim = new Browser(server.base);
    await kim.signIn('kim');
    for (const caseId of [ihaCase, familyCase]) {
      const page = await kim.get(`/app/cases/${caseId}`);
      expect(page.status).toBe(404);
      expect(page.html).not.toContain(familyCode);
    }
  });
});
