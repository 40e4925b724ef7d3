/**
 * Words people use, on every page of every demo person, with the demo data: the pages in their menu, every
 * case they may read and each form they may fill in on it, each start form's pages (empty, so every error
 * shows) and its "Check your answers". No label, value or error shows a schema path or a field's code
 * name, an internal id (a sign-in id `u-…`, an organisation id such as `riverside-council`), a code in
 * parentheses (`(section20)`), or an ISO date or instant: what people read is their own words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '#local/auth';
import { loadDemoSchools, seedDemo } from '#local/demo';
import type { Platform } from '#local/platform';
import { choicesFor } from '#web/forms/choices';
import { formModel, formValuesFrom } from '#web/forms/schema-form';
import { sectionsOf } from '#web/forms/sections';
import { recordableBy } from '#web/pages/case';
import { startFormEvent } from '#web/pages/start';
import { exampleAtRisk } from '#workflows/before-admission/example';
import { exampleReferral } from '#workflows/child-protection/example';
import { exampleLookedAfter } from '#workflows/children-in-care/example';
import { contractCatalogue } from '#workflows/contracts';
import { examplePresentation } from '#workflows/crisis-escalation/example';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { exampleRequest } from '#workflows/supporting-families/example';
import { testPlatform } from '../support/platform';
import { Browser, csrfIn, partnershipOfCatalogue, serve, textOf } from './support/pages';
import { notWords } from './support/words';

let platform: Platform;
let server: Awaited<ReturnType<typeof serve>>;
// People only: case systems (police, a council's) never sign in to the pages.
const people = demoUsers.filter((u) => u.role !== 'police' && u.role !== 'case-system').map((u) => u.username);

beforeAll(async () => {
  platform = await testPlatform({ partnership: partnershipOfCatalogue() });
  await loadDemoSchools(platform);
  await seedDemo(platform);
  server = await serve(platform);
}, 240_000);

afterAll(async () => {
  await server?.close();
  await platform?.stop();
});

/** The start forms a person may open, each with an answer a person might give (to reach its last page). */
function startAnswers(process: string): [string, string][] {
  const opening = contractCatalogue.byId(process)!.events.find((e) => e.opensCase)!;
  const model = formModel(opening.schema, choicesFor(partnershipOfCatalogue(), process));
  const example =
    process === 'initial-health-assessment'
      ? exampleEntryIntoCare({ legalBasis: 'other', legalBasisOther: 'A court order' })
      : process === 'crisis-escalation'
        ? examplePresentation()
        : process === 'supporting-families'
          ? exampleRequest({ channel: 'partner', partnerKind: 'housing', homelessnessDuty: 'prevention' })
          : process === 'child-protection'
            ? exampleReferral()
            : process === 'children-in-care'
              ? exampleLookedAfter()
              : process === 'before-admission'
                ? exampleAtRisk()
                : {};
  return [...formValuesFrom(model, example)];
}

describe('the words on every page', () => {
  it('the scan finds what it looks for (so a clean page means something)', () => {
    expect(
      notWords(
        'Legal basis (section20) 2027-02-15 u-sam-socialworker riverside-council child.name legalBasisOther ' +
          'at 2027-02-15T09:30:00Z',
      ).map((f) => f.split(':')[0]),
    ).toEqual([
      'an ISO date',
      'an ISO date',
      'a sign-in id',
      'an organisation id',
      'a code in parentheses',
      'a schema path',
      "a field's code name",
    ]);
    expect(
      notWords('Kim Walsh (kim.walsh@riverside-primary.example.sch.uk), 9:30am on 15 February 2027, IHA-Q8DS-KB5B'),
    ).toEqual([]);
  });

  it.each(people)('%s reads words, not codes, ids, paths or ISO dates', async (username) => {
    // Prepare
    const browser = new Browser(server.base);
    const signIn = await browser.get('/app/sign-in');
    await browser.signIn(username);
    const role = demoUsers.find((u) => u.username === username)!.role;
    const findings: string[] = [];
    let pages = 0;
    const scan = (path: string, html: string) => {
      pages++;
      for (const f of notWords(textOf(html))) findings.push(`${path}: ${f}`);
    };
    // Act: the sign-in page, every page in their menu, and the pages they reach from it
    scan('/app/sign-in', signIn.html);
    const home = await browser.get('/app/');
    scan('/app/', home.html);
    const menu = [...home.html.matchAll(/govuk-service-navigation__link" href="(\/app\/[^"]*)"/g)].map((m) => m[1]!);
    const seen = new Set<string>(['/app/']);
    const visit = async (path: string) => {
      if (seen.has(path)) return undefined;
      seen.add(path);
      const page = await browser.get(path);
      expect(page.status, path).toBeLessThan(500);
      scan(path, page.html);
      return page;
    };
    const caseIds = new Set<string>();
    for (const path of menu) {
      const page = await visit(path);
      for (const m of page?.html.matchAll(/href="\/app\/(?:cases|school\/notifications)\/([a-z]+-[a-z0-9-]+)"/g) ?? [])
        caseIds.add(m[1]!);
      // A list's next level (a dashboard of each process, a directory's schools): one of each.
      for (const m of page?.html.matchAll(/href="(\/app\/(?:dashboard|schools|audit|crisis)\/[^"?#]+)"/g) ?? [])
        if (!/\.csv$/.test(m[1]!)) await visit(m[1]!);
    }
    // Every case they may read, and each form they may fill in on it: shown, then sent empty (every error).
    for (const caseId of [...caseIds].slice(0, 12)) {
      const casePage = await visit(`/app/cases/${caseId}`);
      if (casePage?.status !== 200 || role === 'school-key-adult') continue;
      const definition = contractCatalogue.ofCaseId(caseId)!;
      for (const event of recordableBy(definition, role)) {
        const path = `/app/cases/${caseId}/record/${event.type}`;
        if (!casePage.html.includes(`href="${path}"`)) continue;
        const form = await visit(path);
        if (form?.status !== 200) continue;
        const refused = await browser.post(path, { idempotencyKey: 'words-scan' }, { csrf: csrfIn(form.html) });
        scan(`${path} (sent empty)`, refused.html);
      }
    }
    // Each start form: each page sent empty (its errors), then the answers checked.
    for (const process of contractCatalogue.processes) {
      const path = `/app/start/${process.id}`;
      if (!menu.includes(path)) continue;
      await visit(path);
      const first = await browser.get(path);
      const opening = process.events.find((e) => e.opensCase)!;
      // A council's staff get "About the child (optional)" as the last page.
      const kind = partnershipOfCatalogue().organisations.find(
        (o) => o.id === demoUsers.find((u) => u.username === username)!.organisation,
      )?.kind;
      const steps = sectionsOf(formModel(startFormEvent(opening, kind).schema), '').length;
      for (let step = 0; step < steps; step++) {
        const refused = await browser.post(path, [['step', String(step)]], { csrf: csrfIn(first!.html) });
        scan(`${path} page ${step + 1} (sent empty)`, refused.html);
      }
      const check = await browser.post(path, [...startAnswers(process.id), ['step', 'check'], ['formAction', 'back']], {
        csrf: csrfIn(first!.html),
      });
      scan(`${path} (last page)`, check.html);
      const answers = await browser.post(path, [...startAnswers(process.id), ['step', String(steps - 1)]], {
        csrf: csrfIn(first!.html),
      });
      scan(`${path} (check your answers)`, answers.html);
      expect(textOf(answers.html), path).toContain('Check your answers');
    }
    // Assess
    expect(findings, findings.join('\n')).toEqual([]);
    expect(pages).toBeGreaterThan(2);
  });
});
