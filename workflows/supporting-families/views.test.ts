/**
 * The board pack's figures, checked against a hand calculation on a small fixed set of episodes (each
 * run through the rules), then as shown: counts of 1 to 4 'fewer than 5', shares withheld, codes only.
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '#core/calendar/index';
import { figuresAnswer } from '#core/figures/answer';
import type { Actor } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import type { CaseRecord } from '#core/process/model';
import { ProcessHarness } from '#test/support/process-harness';
import { actors } from '#test/support/supporting-families';
import type { SfDetails } from './contract';
import { exampleAllocation, exampleRequest, schoolLead, schoolLeadContext, schoolManager } from './example';
import * as sfParts from './index';
import { figureCounts } from './views';

const familyHelp = definitionOf(sfParts, 2);

type Step = [
  type: string,
  payload: Record<string, unknown>,
  actor: Actor,
  at: string,
  context?: Record<string, unknown>,
];
const { frontDoor, teamLeader, lead } = actors;
const improved = (...unchanged: string[]) =>
  exampleRequest().needs.map((need) => ({ need, result: unchanged.includes(need) ? 'unchanged' : 'improved' }));
const intensive = { route: 'intensiveEpisode', reason: 'Three needs', childInNeed: false };

function run(steps: Step[]): CaseRecord<SfDetails> {
  const h = new ProcessHarness<SfDetails>(familyHelp);
  for (const [type, payload, actor, at, context] of steps) {
    h.runUntil(at);
    const d = h.apply(type, payload, actor, at, undefined, context);
    expect(d.outcome, `${type}: ${JSON.stringify(d.response)}`).toBe('applied');
  }
  return h.record!;
}

// The fixed set (2026; London is GMT until 29 Mar, BST from then until 25 Oct):
const fixedSet = () => [
  // N1 north: telephone Mon 5 Jan, decided within the day, allocated Tue 6 Jan, assessed in 2 weeks,
  // closed Outcomes Met on Mon 13 Apr (week 16 ends Tue 28 Apr), outcomes lasted at the check on 13 Oct.
  run([
    [
      'requestForSupport',
      exampleRequest({ channel: 'telephone', requestedAt: '2026-01-05T09:00:00Z' }),
      frontDoor,
      '2026-01-05T09:00:00Z',
    ],
    ['frontDoorDecision', intensive, frontDoor, '2026-01-05T11:00:00Z'],
    ['leadPractitionerAllocated', exampleAllocation('2026-01-06T10:00:00Z'), teamLeader, '2026-01-06T10:00:00Z'],
    ['assessmentCompleted', { completedOn: '2026-01-20' }, lead, '2026-01-20T15:00:00Z'],
    [
      'episodeClosed',
      { closedOn: '2026-04-13', outcome: 'outcomesMet', needResults: improved() },
      lead,
      '2026-04-13T11:00:00Z',
    ],
    ['sustainCheckRecorded', { checkedOn: '2026-10-13', outcomesLasted: true }, lead, '2026-10-13T12:00:00Z'],
  ]),
  // N2 north: MASH diversion Mon 5 Jan, decided Wed 7 Jan (after the end of Tue 6 Jan: late), allocated
  // Thu 8 Jan, assessed Fri 20 Feb (due by the end of Thu 5 Feb: late), closed with needs partly met on
  // Mon 1 Jun (week 16 ended Thu 30 Apr: not within 16 weeks).
  run([
    [
      'requestForSupport',
      exampleRequest({ channel: 'mashDiversion', requestedAt: '2026-01-05T09:00:00Z' }),
      frontDoor,
      '2026-01-05T09:00:00Z',
    ],
    ['frontDoorDecision', intensive, frontDoor, '2026-01-07T10:00:00Z'],
    ['leadPractitionerAllocated', exampleAllocation('2026-01-08T10:00:00Z'), teamLeader, '2026-01-08T10:00:00Z'],
    ['assessmentCompleted', { completedOn: '2026-02-20' }, lead, '2026-02-20T15:00:00Z'],
    [
      'episodeClosed',
      { closedOn: '2026-06-01', outcome: 'needsPartlyMet', needResults: improved('financialStability') },
      lead,
      '2026-06-01T11:00:00Z',
    ],
  ]),
  // N3 north: a school asked Tue 6 Jan, partner-led by the school from Wed 7 Jan, stepped up Mon 2 Feb.
  run([
    [
      'requestForSupport',
      exampleRequest({ channel: 'partner', partnerKind: 'school', requestedAt: '2026-01-06T09:00:00Z' }),
      frontDoor,
      '2026-01-06T09:00:00Z',
    ],
    [
      'frontDoorDecision',
      { route: 'partnerLed', partnerKind: 'school', reason: 'The school leads', childInNeed: false },
      frontDoor,
      '2026-01-06T10:00:00Z',
    ],
    [
      'leadPractitionerAllocated',
      exampleAllocation('2026-01-07T10:00:00Z', schoolLead, schoolManager),
      teamLeader,
      '2026-01-07T10:00:00Z',
      schoolLeadContext,
    ],
    ['steppedUpToSocialCare', { reason: 'More help needed' }, lead, '2026-02-02T10:00:00Z'],
  ]),
  // N4: an online form without consent on Fri 9 Jan: no locality team kept.
  run([
    [
      'requestForSupport',
      { requestReference: 'RFS-N4', channel: 'onlineForm', requestedAt: '2026-01-09T09:00:00Z', consent: false },
      frontDoor,
      '2026-01-09T09:00:00Z',
    ],
  ]),
  // S1 south: Family Hub Mon 2 Feb, offered the universal offer the same day (no episode).
  run([
    [
      'requestForSupport',
      exampleRequest({ channel: 'familyHub', locality: 'south', requestedAt: '2026-02-02T09:00:00Z' }),
      frontDoor,
      '2026-02-02T09:00:00Z',
    ],
    [
      'frontDoorDecision',
      { route: 'familyHubOffer', reason: 'The family asked for the hub' },
      frontDoor,
      '2026-02-02T10:00:00Z',
    ],
  ]),
  // S2 south: telephone Mon 2 Feb, decided Tue 3 Feb (within: due by the end of Tue 3 Feb), allocated
  // Wed 4 Feb, still open on 1 Nov: 270 days counted, past 20 weeks (140 days).
  run([
    [
      'requestForSupport',
      exampleRequest({ channel: 'telephone', locality: 'south', requestedAt: '2026-02-02T09:00:00Z' }),
      frontDoor,
      '2026-02-02T09:00:00Z',
    ],
    ['frontDoorDecision', intensive, frontDoor, '2026-02-03T10:00:00Z'],
    ['leadPractitionerAllocated', exampleAllocation('2026-02-04T10:00:00Z'), teamLeader, '2026-02-04T10:00:00Z'],
  ]),
];

const NOW = new Date('2026-11-01T12:00:00Z');
type Table = { measures: Record<string, string>; rows: Record<string, unknown>[] };
const figuresOf = (records: CaseRecord<SfDetails>[]) =>
  figuresAnswer(familyHelp, records, familyHelp.clocks, NOW, {
    workingDays: createWorkingDayCalendar(),
  }) as unknown as {
    byMonthAndLocality: Table;
    openPastTwentyWeeks: Table;
  };
const none = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
const CHANNELS = ['familyHub', 'telephone', 'onlineForm', 'mashDiversion', 'stepDownFromSocialCare', 'partner'];
const ROUTES = ['intensiveEpisode', 'partnerLed', 'familyHubOffer', 'stepUpToMash'];
const KINDS = ['school', 'health', 'housing', 'other'];
const OUTCOMES = [
  'outcomesMet',
  'needsPartlyMet',
  'steppedUpToSocialCare',
  'movedAway',
  'familyChoseToEnd',
  'steppedDownToFamilyHub',
];
const row = (month: string, locality: string, counts: Record<string, unknown>) => ({
  month,
  locality,
  requests: 0,
  requestsByChannel: none(CHANNELS),
  decisions: 0,
  decisionsByRoute: none(ROUTES),
  decisionsWithinOneWorkingDay: 0,
  episodesStarted: 0,
  partnerLed: 0,
  partnerLedByKind: none(KINDS),
  assessmentsCompleted: 0,
  assessmentsWithinFourWeeks: 0,
  episodesClosed: 0,
  closedWithinSixteenWeeks: 0,
  closuresByOutcome: none(OUTCOMES),
  outcomesMet: 0,
  sustainChecks: 0,
  outcomesLasted: 0,
  ...counts,
});
const withOne = (keys: readonly string[], ...ones: string[]) => ({
  ...none(keys),
  ...Object.fromEntries(ones.map((k) => [k, ones.filter((o) => o === k).length])),
});

describe('figures per month and per locality team', () => {
  it('count each event in its own month, as calculated by hand', () => {
    // Act
    const { rows, openPastTwentyWeeks } = figureCounts(fixedSet(), NOW);
    // Assess
    expect(rows).toEqual([
      row('2026-01', 'north', {
        requests: 3,
        requestsByChannel: withOne(CHANNELS, 'telephone', 'mashDiversion', 'partner'),
        decisions: 3,
        decisionsByRoute: withOne(ROUTES, 'intensiveEpisode', 'intensiveEpisode', 'partnerLed'),
        decisionsWithinOneWorkingDay: 2,
        episodesStarted: 3,
        partnerLed: 1,
        partnerLedByKind: withOne(KINDS, 'school'),
        assessmentsCompleted: 1,
        assessmentsWithinFourWeeks: 1,
      }),
      row('2026-01', 'not recorded', { requests: 1, requestsByChannel: withOne(CHANNELS, 'onlineForm') }),
      row('2026-02', 'north', {
        assessmentsCompleted: 1,
        episodesClosed: 1,
        closedWithinSixteenWeeks: 1,
        closuresByOutcome: withOne(OUTCOMES, 'steppedUpToSocialCare'),
      }),
      row('2026-02', 'south', {
        requests: 2,
        requestsByChannel: withOne(CHANNELS, 'familyHub', 'telephone'),
        decisions: 2,
        decisionsByRoute: withOne(ROUTES, 'familyHubOffer', 'intensiveEpisode'),
        decisionsWithinOneWorkingDay: 2,
        episodesStarted: 1,
      }),
      row('2026-04', 'north', {
        episodesClosed: 1,
        closedWithinSixteenWeeks: 1,
        closuresByOutcome: withOne(OUTCOMES, 'outcomesMet'),
        outcomesMet: 1,
      }),
      row('2026-06', 'north', { episodesClosed: 1, closuresByOutcome: withOne(OUTCOMES, 'needsPartlyMet') }),
      row('2026-10', 'north', { sustainChecks: 1, outcomesLasted: 1 }),
    ]);
    expect(openPastTwentyWeeks).toEqual({ south: 1 });
  });

  it('as shown: 1 to 4 as "fewer than 5", shares withheld, no names, references or case codes', () => {
    // Act
    const shown = figuresOf(fixedSet());
    // Assess
    expect(shown.byMonthAndLocality.rows[0]).toMatchObject({
      month: '2026-01',
      locality: 'north',
      requests: 'fewer than 5',
      decisions: 'fewer than 5',
      shareDecidedWithinOneWorkingDay: 'withheld',
      episodesStarted: 'fewer than 5',
      partnerLedByKind: { school: 'fewer than 5', health: 0 },
    });
    expect(shown.openPastTwentyWeeks.rows).toEqual([{ locality: 'south', episodes: 'fewer than 5' }]);
    expect(shown.byMonthAndLocality.measures).toMatchObject({
      requests: 'count',
      'requestsByChannel.telephone': 'count',
      shareDecidedWithinOneWorkingDay: 'share',
    });
    expect(JSON.stringify(shown)).not.toMatch(/Carter|FAM-1001|RFS-|Sam Okafor|Ella|caseCode|caseFigures/);
  });

  it('shows counts of 5 or more and their shares: 10 episodes closed in May, 5 within 16 weeks and 6 with Outcomes Met', () => {
    // Prepare: 10 north episodes allocated Mon 5 Jan; 5 closed on Mon 27 Apr (the last day of week 16), 5 on Mon 4 May
    const records = Array.from({ length: 10 }, (_, i) =>
      run([
        [
          'requestForSupport',
          exampleRequest({ channel: 'telephone', requestedAt: '2026-01-05T09:00:00Z' }),
          frontDoor,
          '2026-01-05T09:00:00Z',
        ],
        ['frontDoorDecision', intensive, frontDoor, '2026-01-05T10:00:00Z'],
        ['leadPractitionerAllocated', exampleAllocation('2026-01-05T11:00:00Z'), teamLeader, '2026-01-05T11:00:00Z'],
        [
          'episodeClosed',
          {
            closedOn: i < 5 ? '2026-04-27' : '2026-05-04',
            outcome: i < 6 ? 'outcomesMet' : 'needsPartlyMet',
            needResults: i < 6 ? improved() : improved('goodEducation'),
          },
          lead,
          i < 5 ? '2026-04-27T12:00:00Z' : '2026-05-04T12:00:00Z',
        ],
      ]),
    );
    // Act
    const shown = figuresOf(records).byMonthAndLocality.rows;
    // Assess: January: 10 requests, all within a working day; April 5 closures, May 5 (each shown)
    expect(shown[0]).toMatchObject({
      month: '2026-01',
      requests: 10,
      decisions: 10,
      shareDecidedWithinOneWorkingDay: 1,
      episodesStarted: 10,
      partnerLedShare: 0,
    });
    expect(shown[1]).toMatchObject({
      month: '2026-04',
      episodesClosed: 5,
      shareClosedWithinSixteenWeeks: 1,
      closuresByOutcome: { outcomesMet: 5, needsPartlyMet: 0 },
      shareOutcomesMet: 1,
    });
    expect(shown[2]).toMatchObject({
      month: '2026-05',
      episodesClosed: 5,
      shareClosedWithinSixteenWeeks: 0,
      closuresByOutcome: { outcomesMet: 'fewer than 5', needsPartlyMet: 'fewer than 5' },
      shareOutcomesMet: 'withheld',
    });
  });
});
