/**
 * The family support measures, worked out by hand on episodes run through the rules: 16 weeks as the board
 * counts it (calendar weeks from allocation, paused weeks included) beside the figure with paused days
 * left out, past 20 weeks, Outcomes Met as the closure reason recorded, need results apart, partner-held
 * by kind, children counted beside requests, and London months at the clock change.
 */
import { describe, expect, it } from 'vitest';
import { countMeasures } from '#core/measures/measure';
import { definitionOf } from '#core/process/catalogue';
import type { CaseRecord } from '#core/process/model';
import { ProcessHarness } from '#test/support/process-harness';
import { actors, episodeFrom } from '#test/support/supporting-families';
import type { SfDetails } from './contract';
import { exampleAllocation, exampleRequest, schoolLead, schoolLeadContext, schoolManager } from './example';
import * as sfParts from './index';
import {
  closedWithinSixteenCalendarWeeks,
  dayPastTwentyWeeks,
  supportingFamiliesMeasures as measures,
} from './measures';

const supportingFamilies = definitionOf(sfParts, 1);

const { lead, teamLeader, frontDoor } = actors;
const results = (...unchanged: string[]) =>
  exampleRequest().needs.map((need) => ({ need, result: unchanged.includes(need) ? 'unchanged' : 'improved' }));

function close(h: ProcessHarness<SfDetails>, closedOn: string, outcome: string, needResults = results()) {
  const at = `${closedOn}T11:00:00Z`;
  h.runUntil(at);
  const d = h.apply('episodeClosed', { closedOn, outcome, needResults }, lead, at);
  expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
  return h.record!;
}

const counted = (records: CaseRecord<SfDetails>[], now: string) =>
  countMeasures(measures, records, [2026], { now: new Date(now) });
const yearOf = (c: ReturnType<typeof counted>, id: string) => c.find((m) => m.id === id)!.years![0]!;

describe('16 weeks as the board counts it', () => {
  it('is the same weekday 16 calendar weeks after the allocation day, paused weeks included', () => {
    expect(closedWithinSixteenCalendarWeeks('2026-01-05T10:00:00Z', '2026-04-27T22:59:59Z')).toBe(true);
    // 23:00 UTC on 27 April is midnight BST: 28 April, a day late.
    expect(closedWithinSixteenCalendarWeeks('2026-01-05T10:00:00Z', '2026-04-27T23:00:00Z')).toBe(false);
  });
});

describe('family support measures', () => {
  // Prepare. A: allocated Mon 5 Jan, paused 2 to 16 Feb (14 days), closed Outcomes Met on Wed 6 May:
  //   121 calendar days (past the board's 16 weeks, which ended Mon 27 Apr), 107 counted (within).
  const a = episodeFrom('2026-01-05T10:00:00Z');
  a.runUntil('2026-02-02T10:00:00Z');
  expect(a.apply('episodePaused', { reason: 'familyAway' }, teamLeader, '2026-02-02T10:00:00Z').outcome).toBe(
    'applied',
  );
  a.runUntil('2026-02-16T10:00:00Z');
  expect(a.apply('episodeResumed', {}, teamLeader, '2026-02-16T10:00:00Z').outcome).toBe('applied');
  const episodeA = close(a, '2026-05-06', 'outcomesMet');
  // B: allocated Mon 5 Jan, closed Mon 27 Apr with needs partly met: within both.
  const episodeB = close(episodeFrom('2026-01-05T10:00:00Z'), '2026-04-27', 'needsPartlyMet', results('goodEducation'));
  // C: a school leads from Wed 7 Jan; still open, past 20 weeks at the end of Wed 27 May.
  const c = new ProcessHarness<SfDetails>(supportingFamilies);
  const request = exampleRequest({
    requestReference: 'RFS-C',
    familyReference: 'FAM-C',
    channel: 'partner',
    partnerKind: 'school',
    locality: 'south',
    requestedAt: '2026-01-06T09:00:00Z',
    family: {
      children: [
        { name: 'One Child', dateOfBirth: '2016-01-01' },
        { name: 'Two Child', dateOfBirth: '2017-01-01' },
        { name: 'Three Child', dateOfBirth: '2018-01-01' },
      ],
      adults: [],
    },
  });
  expect(c.apply('requestForSupport', request, frontDoor, '2026-01-06T09:00:00Z').outcome).toBe('applied');
  c.apply(
    'frontDoorDecision',
    { route: 'partnerLed', partnerKind: 'school', reason: 'The school knows them' },
    frontDoor,
    '2026-01-06T10:00:00Z',
  );
  const allocated = c.apply(
    'leadPractitionerAllocated',
    exampleAllocation('2026-01-07T10:00:00Z', schoolLead, schoolManager),
    teamLeader,
    '2026-01-07T10:00:00Z',
    undefined,
    schoolLeadContext,
  );
  expect(allocated.outcome, JSON.stringify(allocated.response)).toBe('applied');
  c.runUntil('2026-06-30T12:00:00Z');
  const episodeC = c.record!;
  // D: a request without consent on 31 Mar at 23:30 UTC (00:30 BST on 1 April): April's, no children.
  const d = new ProcessHarness<SfDetails>(supportingFamilies);
  d.runUntil('2026-04-01T00:00:00Z');
  const withoutConsent = {
    requestReference: 'RFS-D',
    channel: 'telephone',
    requestedAt: '2026-03-31T23:30:00Z',
    consent: false,
  };
  expect(d.apply('requestForSupport', withoutConsent, frontDoor, '2026-04-01T00:00:00Z').outcome).toBe('applied');
  const records = [episodeA, episodeB, episodeC, d.record!];
  const c2026 = counted(records, '2026-06-30T12:00:00Z');

  it('counts requests by the London month, and the children they name beside them', () => {
    expect(
      yearOf(c2026, 'requests')
        .months.map((m) => m.count)
        .slice(0, 4),
    ).toEqual([3, 0, 0, 1]);
    expect(yearOf(c2026, 'requests').groups.channel).toMatchObject({ telephone: 1, partner: 1, mashDiversion: 2 });
    expect(yearOf(c2026, 'requests').groups.locality).toEqual({ north: 2, 'not recorded': 1, south: 1 });
    // Two children each in A and B, three in C; none kept without consent.
    expect(yearOf(c2026, 'children').total).toEqual({ count: 7 });
  });

  it('counts 16 weeks both ways: calendar weeks (the board’s) and paused days left out', () => {
    expect(episodeA.details.closure).toMatchObject({ daysCounted: 107, daysPaused: 14 });
    expect(
      yearOf(c2026, 'episodes-closed')
        .months.map((m) => m.count)
        .slice(3, 5),
    ).toEqual([1, 1]);
    expect(yearOf(c2026, 'closed-within-16-weeks').total).toEqual({ count: 2, within: 1 });
    expect(yearOf(c2026, 'closed-within-16-weeks-pauses-left-out').total).toEqual({ count: 2, within: 2 });
    expect(yearOf(c2026, 'paused-days').total).toEqual({ count: 1, values: [14] });
  });

  it('reads Outcomes Met as the closure reason recorded, need results as a figure apart', () => {
    expect(yearOf(c2026, 'outcomes-met').total).toEqual({ count: 2, within: 1 });
    // Three needs each: A all improved, B two of three.
    expect(yearOf(c2026, 'needs-improved').total).toEqual({ count: 6, within: 5 });
    expect(yearOf(c2026, 'episodes-closed').groups.reason).toMatchObject({ outcomesMet: 1, needsPartlyMet: 1 });
  });

  it('counts partner-held episodes by kind, and those started by partners', () => {
    expect(yearOf(c2026, 'episodes-opened').total).toEqual({ count: 3 });
    expect(yearOf(c2026, 'partner-held').total).toEqual({ count: 3, within: 1 });
    expect(yearOf(c2026, 'partner-held').groups.kind).toEqual({ health: 0, housing: 0, other: 0, school: 1 });
    expect(yearOf(c2026, 'started-by-partners').total).toEqual({ count: 3, within: 1 });
    expect(c2026.find((m) => m.id === 'held-by-early-help-coordinators')!.years).toBeUndefined();
  });

  it('counts an episode past 20 weeks in the month it reached them, still open', () => {
    expect(dayPastTwentyWeeks(episodeC, new Date('2026-06-30T12:00:00Z'))).toBe('2026-05-27');
    expect(dayPastTwentyWeeks(episodeC, new Date('2026-05-27T12:00:00Z'))).toBeUndefined();
    // A closed on 6 May, before its 20 weeks ended on 25 May.
    expect(dayPastTwentyWeeks(episodeA, new Date('2026-06-30T12:00:00Z'))).toBeUndefined();
    expect(yearOf(c2026, 'past-20-weeks').months[4]).toEqual({ count: 1 });
    expect(yearOf(c2026, 'past-20-weeks').groups.locality).toEqual({ south: 1 });
  });

  it('counts front door decisions within 1 working day', () => {
    // A and B decided the moment they were asked; C within the hour.
    expect(yearOf(c2026, 'decided-within-1-working-day').total).toEqual({ count: 3, within: 3 });
  });
});
