/**
 * People's main journeys in a real browser against the local runtime: a school Key Adult acknowledging
 * a notification, a health practitioner recording a late assessment with its reason, the front door
 * form completed with the keyboard alone; a school user asking for another school's notification by
 * its id (404 and an audit entry); a form posted without its token refused. axe on each page visited.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import {
  expectAccessible,
  horizontalOverflow,
  screenshot,
  startWebTest,
  tooWide,
  type WebTest,
} from '../web/support/browser';

const IHA = 'initial-health-assessment';
let web: WebTest;
/** Leo at Riverside Primary (kim's school), Ella at St Anne's (maria's school). */
let leo: string;
let ella: string;
/** The initial health assessment health completes late. */
let lateCase: string;

const police = { desk: 'Public Protection Unit', phone: '01632 960100' };

beforeAll(async () => {
  // Monday 11 January 2027, 19:30: police attended at 19:00; both schools are in term.
  web = await startWebTest({ startAt: new Date('2027-01-11T19:30:00Z') });
  const batch = await web.api('POST', '/processes/operation-encompass/submissions', 'pc', {
    forceIncidentReference: 'RP-27-BROWSER',
    attendedAt: '2027-01-11T19:00:00Z',
    children: [
      {
        name: 'Leo Grant',
        dateOfBirth: '2017-06-14',
        schoolUrn: '100001',
        present: true,
        welfareCheck: true,
        policeContact: police,
      },
      {
        name: 'Ella Grant',
        dateOfBirth: '2019-02-02',
        schoolUrn: '100002',
        present: false,
        welfareCheck: true,
        policeContact: police,
      },
    ],
  });
  expect(batch.status).toBe(200);
  [leo, ella] = batch.body.results.map((r: { caseId: string }) => r.caseId);
  expect(leo && ella).toBeTruthy();
});

afterAll(async () => {
  await web?.stop();
});

describe('a school Key Adult (kim)', () => {
  let kim: Page;

  it("sees her school's notification first, with its deadline, and only her school's", async () => {
    kim = await web.pageAs('kim');
    await kim.goto('/app/');
    await kim.getByRole('link', { name: 'Notifications' }).first().click();
    const main = kim.locator('main');
    await expect(main.textContent()).resolves.toMatch(/8:30am on 12 January 2027/);
    await expect(main.locator(`a[href$="/school/notifications/${leo}"]`).count()).resolves.toBe(1);
    await expect(main.locator(`a[href$="/school/notifications/${ella}"]`).count()).resolves.toBe(0);
    await expectAccessible(kim);
    await screenshot(kim, import.meta.filename, 'school-list');
  });

  it('opens it (the least the school needs) and acknowledges it, saying support was offered', async () => {
    await kim.locator(`a[href$="/school/notifications/${leo}"]`).click();
    const details = await kim.locator('main').textContent();
    expect(details).toContain('Leo Grant');
    expect(details).toContain('Public Protection Unit');
    await expectAccessible(kim);
    await screenshot(kim, import.meta.filename, 'school-notification');
    await kim.getByLabel('We have offered the child support').check();
    await kim.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(kim.locator('.govuk-notification-banner').textContent()).resolves.toContain('acknowledged');
    await expectAccessible(kim);
    // The platform recorded it: the Key Adult's clock stopped, in time.
    const record = await web.api('GET', `/cases/${leo}`, 'kim');
    expect(record.body.details).toMatchObject({ status: 'acknowledged', acknowledgement: { supportOffered: true } });
  });

  it("asking for another school's notification by its id gets 'Page not found', the same as one that does not exist, and the attempt is audited", async () => {
    const other = await kim.goto(`/app/school/notifications/${ella}`);
    expect(other!.status()).toBe(404);
    const otherPage = await kim.locator('main').textContent();
    expect(otherPage).not.toContain('Ella');
    const missing = await kim.goto('/app/school/notifications/oe-zzzz-zzzz');
    expect(missing!.status()).toBe(404);
    expect(await kim.locator('main').textContent()).toBe(otherPage);
    await expectAccessible(kim);
    const audit = await web.api('GET', `/cases/${ella}/audit`, 'robin');
    expect(audit.body.audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'refused', actor: expect.objectContaining({ userId: 'u-kim-keyadult' }) }),
      ]),
    );
  });

  it('a form posted without its token (or with another session’s) is refused and records nothing', async () => {
    const maria = await web.pageAs('maria');
    await maria.goto(`/app/school/notifications/${ella}`);
    const idempotencyKey = await maria.locator('input[name="idempotencyKey"]').inputValue();
    const withoutToken = await maria.request.post(`/app/school/notifications/${ella}`, { form: { idempotencyKey } });
    expect(withoutToken.status()).toBe(403);
    expect(await withoutToken.text()).toContain('Your form could not be sent');
    const kimsToken = await (async () => {
      await kim.goto('/app/school');
      return kim.locator('input[name="csrfToken"]').first().inputValue();
    })();
    const foreignToken = await maria.request.post(`/app/school/notifications/${ella}`, {
      form: { csrfToken: kimsToken, idempotencyKey },
    });
    expect(foreignToken.status()).toBe(403);
    const record = await web.api('GET', `/cases/${ella}`, 'maria');
    expect(record.body.details.acknowledgement).toBeNull();
    // The same form with its token goes through.
    await maria.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(maria.locator('.govuk-notification-banner').textContent()).resolves.toContain('acknowledged');
  });
});

describe('a health practitioner (priya)', () => {
  let caseId: string;
  let caseCode: string;

  beforeAll(async () => {
    const opened = await web.api(
      'POST',
      `/processes/${IHA}/cases`,
      'alex',
      exampleEntryIntoCare({
        caseReference: 'RCC-LATE-1',
        child: { name: 'Noor Late', dateOfBirth: '2014-04-04' },
        enteredCareAt: '2027-01-11T19:00:00Z',
      }),
    );
    expect(opened.status).toBe(201);
    ({ caseId, caseCode } = opened.body);
    lateCase = caseId;
    // 21 working days on: the statutory 20 working days have passed.
    await web.advanceTo('2027-02-10T10:00:00Z');
  });

  it('records a late assessment: without a reason the form names the delay reason; with one it is met late', async () => {
    const priya = await web.pageAs('priya');
    await priya.goto('/app/health');
    await expectAccessible(priya);
    await screenshot(priya, import.meta.filename, 'health-worklist');
    await priya.getByRole('link', { name: `Record the completed assessment for ${caseCode}` }).click();
    await priya.locator('#completedOn-day').fill('10');
    await priya.locator('#completedOn-month').fill('2');
    await priya.locator('#completedOn-year').fill('2027');
    await priya.locator('#practitioner-name').fill('Dr Helen Ward');
    await priya.locator('#healthPlanShared').check();
    await priya.getByRole('button', { name: 'Save' }).click();
    const summary = priya.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toMatch(/Enter the reason for the delay/);
    await expectAccessible(priya);
    await screenshot(priya, import.meta.filename, 'health-late-needs-reason');
    await priya.locator('#delayReason-code').selectOption({ label: 'Request to health sent late' });
    await priya.getByRole('button', { name: 'Save' }).click();
    await expect(priya.locator('.govuk-notification-banner').textContent()).resolves.toContain('Recorded');
    await expect(priya.locator('main').textContent()).resolves.toMatch(/Met late/);
    await expectAccessible(priya);
    const record = await web.api('GET', `/cases/${caseId}`, 'priya');
    expect(record.body.clocks.find((c: { id: string }) => c.id === IHA)).toMatchObject({ status: 'metLate' });
    expect(record.body.details.assessment.delayReason).toMatchObject({ code: 'requestLate' });
  });
});

describe('the front door (alex)', () => {
  /** Press Tab until the focused element matches the selector (keyboard only, as a person would). */
  async function tabTo(page: Page, selector: string) {
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(`document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`))
        return;
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  it('starts an initial health assessment with the keyboard alone, page by page, checking the answers before sending', async () => {
    const alex = await web.pageAs('alex');
    await alex.goto('/app/start');
    await tabTo(alex, 'a[href$="/start/initial-health-assessment"]');
    await alex.keyboard.press('Enter');
    await alex.waitForURL(/\/start\/initial-health-assessment$/);
    await expectAccessible(alex);

    const type = async (selector: string, text: string) => {
      await tabTo(alex, selector);
      await alex.keyboard.type(text);
    };
    /** "Continue" (never the hidden first button, which Tab does not reach), then the next page's first field. */
    const next = async (field: string) => {
      await tabTo(alex, 'main button[value="continue"]:not([tabindex])');
      await alex.keyboard.press('Enter');
      await alex.waitForSelector(field);
      await expectAccessible(alex);
    };
    await type('#caseReference', 'RCC-KEYS-1');
    await type('#child-name', 'Sky Keys');
    await type('#child-dateOfBirth-day', '3');
    await type('#child-dateOfBirth-month', '9');
    await type('#child-dateOfBirth-year', '2015');
    await next('#enteredCareAt-day');
    await type('#enteredCareAt-day', '11');
    await type('#enteredCareAt-month', '1');
    await type('#enteredCareAt-year', '2027');
    await type('#enteredCareAt-time', '9:15am');
    await tabTo(alex, 'input[name="legalBasis"]');
    await alex.keyboard.press('Space');
    await next('input[name="placement.area"]');
    await tabTo(alex, 'input[name="placement.area"]');
    await alex.keyboard.press('Space');
    for (const select of ['#placement-icb', '#healthProvider', '#icb']) {
      await tabTo(alex, select);
      await alex.keyboard.press('ArrowDown');
    }
    await next('#socialWorker-name');
    await type('#socialWorker-name', 'Sam Okafor');
    await type('#socialWorker-email', 'sam.okafor@riverside.example.gov.uk');
    await type('#socialWorkManager-name', 'Ruth Green');
    await type('#socialWorkManager-email', 'ruth.green@riverside.example.gov.uk');
    // About the child (optional): the council's person id for the child, which links the child's cases.
    await next('#aboutChild-personId');
    await type('#aboutChild-personId', 'LCS-KEYS-1');
    await next('button[value="send"]');
    // Check your answers: in words, nothing sent yet.
    await expect(alex.locator('main').textContent()).resolves.toContain('9:15am on 11 January 2027');
    await screenshot(alex, import.meta.filename, 'front-door-check-answers');
    await tabTo(alex, 'main button[value="send"]:not([tabindex])');
    await alex.keyboard.press('Enter');
    await alex.waitForURL(/\/app\/cases\/iha-/);
    await expect(alex.locator('.govuk-notification-banner').textContent()).resolves.toContain('started');
    await expectAccessible(alex);
    await screenshot(alex, import.meta.filename, 'front-door-started');
    const opened = await web.api('GET', `/cases/${alex.url().split('/').pop()}`, 'alex');
    expect(opened.body.details).toMatchObject({
      caseReference: 'RCC-KEYS-1',
      child: { name: 'Sky Keys', dateOfBirth: '2015-09-03' },
      legalBasis: 'section20',
      placement: { area: 'inArea' },
    });
  });

  it('a mistake is named in the error summary; its link takes the keyboard to the field', async () => {
    const alex = await web.pageAs('alex');
    await alex.goto(`/app/start/${IHA}`);
    await tabTo(alex, 'main button[type="submit"]');
    await alex.keyboard.press('Enter');
    await alex.waitForSelector('.govuk-error-summary');
    // GOV.UK Frontend moves focus to the summary; Tab reaches its first link, Enter follows it.
    await tabTo(alex, '.govuk-error-summary a');
    const target = (await alex.evaluate('document.activeElement.getAttribute("href")')) as string;
    await alex.keyboard.press('Enter');
    await expect(alex.evaluate('"#" + document.activeElement.id')).resolves.toBe(target);
    await expectAccessible(alex);
    await screenshot(alex, import.meta.filename, 'front-door-errors');
  });
});

describe('every page each person uses', () => {
  it.each([
    ['alex'],
    ['sam'],
    ['priya'],
    ['grace'],
    ['kim'],
    ['chris'],
    ['jo'],
    ['robin'],
    ['taylor'],
    ['rhys'],
    ['wyn'],
  ])(
    '%s: every page in their menu has no serious or critical accessibility problem and no sideways scrolling at 320 px',
    async (username) => {
      const page = await web.pageAs(username);
      await page.goto('/app/');
      const links: string[] = [];
      for (const link of await page.locator('.govuk-service-navigation__list a').all())
        links.push((await link.getAttribute('href'))!);
      expect(links.length, `${username} has pages in the menu`).toBeGreaterThan(0);
      const narrow = await web.pageAs(username, { width: 320 });
      for (const href of ['/app/', ...new Set(links)]) {
        const res = await page.goto(href);
        expect(res!.status(), href).toBe(200);
        await expectAccessible(page);
        await narrow.goto(href);
        expect(await horizontalOverflow(narrow), `${username} ${href}: ${await tooWide(narrow)}`).toBe(0);
        await screenshot(narrow, import.meta.filename, `${username}-320-${href}`);
      }
    },
  );

  it('pages reached from the menu (a notification, a case, a form to record an event, the start form) pass axe and fit 320 px', async () => {
    const pages: [string, string, number][] = [
      ['kim', `/app/school/notifications/${leo}`, 200],
      ['priya', `/app/cases/${lateCase}`, 200],
      // The assessment is recorded: its form's address says it no longer applies, and leads back.
      ['priya', `/app/cases/${lateCase}/record/assessmentCompleted`, 409],
      ['alex', `/app/start/${IHA}`, 200],
      ['robin', '/app/schools/100001', 200],
    ];
    for (const [username, href, status] of pages) {
      const page = await web.pageAs(username);
      expect((await page.goto(href))!.status(), href).toBe(status);
      await expectAccessible(page);
      const narrow = await web.pageAs(username, { width: 320 });
      await narrow.goto(href);
      expect(await horizontalOverflow(narrow), `${username} ${href}: ${await tooWide(narrow)}`).toBe(0);
      await screenshot(narrow, import.meta.filename, `${username}-320-${href}`);
    }
  });

  it('the sign-in page, the accessibility statement and a page not found', async () => {
    const page = await web.newPage();
    for (const href of ['/app/sign-in', '/app/accessibility', '/app/no-such-page']) {
      await page.goto(href);
      await expectAccessible(page);
    }
    const narrow = await web.newPage({ width: 320 });
    await narrow.goto('/app/sign-in');
    expect(await horizontalOverflow(narrow)).toBe(0);
  });
});
