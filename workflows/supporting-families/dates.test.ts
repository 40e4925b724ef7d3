/**
 * Supporting Families / Family Help's dates: a child's date of birth, deadlines computed by hand across
 * Christmas and into BST (London is GMT, UTC, from 25 Oct 2026 to 28 Mar 2027), closure within 16 weeks
 * whatever the local target, the statutory assessment no configuration lengthens, and a record refused
 * when dated before the episode's last pause or resume. Rules level, in memory.
 */
import { describe, expect, it } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import { ProcessHarness } from '#test/support/process-harness';
import { actors, familyHelpEpisode } from '#test/support/supporting-families';
import type { SfDetails } from './contract';
import { exampleRequest } from './example';
import * as sfParts from './index';

const familyHelp = definitionOf(sfParts, 2);

const rejection = (d: ReturnType<ProcessHarness<SfDetails>['apply']>) =>
  d.outcome === 'rejected' ? d.response.rejection : undefined;

describe('a child’s date of birth is on or before the day of the request', () => {
  it.each([
    ['after the request (2099)', '2099-01-01', 400],
    ['the day after the request', '2026-12-11', 400],
    ['the day of the request', '2026-12-10', undefined],
  ])('%s: %s', (_case, dateOfBirth, status) => {
    const h = new ProcessHarness<SfDetails>(familyHelp);
    const family = {
      children: [
        { name: 'Mia Carter', dateOfBirth: '2016-03-09' },
        { name: 'Leo Carter', dateOfBirth },
      ],
      adults: [],
    };
    const d = h.apply(
      'requestForSupport',
      exampleRequest({ requestedAt: '2026-12-10T10:00:00Z', family }),
      actors.frontDoor,
      '2026-12-10T10:05:00Z',
    );
    if (status === undefined) {
      expect(d.outcome).toBe('applied');
      return;
    }
    // Refused naming the child's field; nothing is kept (no case)
    expect(rejection(d)).toMatchObject({
      status,
      issues: [
        {
          path: 'family.children.1.dateOfBirth',
          message: 'must be on or before 10 December 2026 (the day of the request)',
        },
      ],
    });
    expect(h.record).toBeUndefined();
  });
});

describe('deadlines, computed by hand', () => {
  it('allocated Thu 17 Dec 2026: calendar weeks across Christmas and New Year (bank holidays do not move them) and into BST', () => {
    const h = familyHelpEpisode('2026-12-17T09:00:00Z', '2026-12-17T12:00:00Z');
    const due = Object.fromEntries(h.timers.map((t) => [`${t.clockId}/${t.checkpointId}`, t.dueAt]));
    expect(due).toMatchObject({
      'assessment/assessment-due': '2027-01-14T23:59:59.999Z', // Thu 14 Jan 2027, GMT
      'family-plan/plan-due': '2027-01-28T23:59:59.999Z', // Thu 28 Jan
      'episode/team-around-the-family-review': '2027-01-28T09:00:00.000Z', // the first review, week 6 at 09:00
      'episode/week-14': '2027-03-25T23:59:59.999Z', // Thu 25 Mar, still GMT
      'episode/week-16': '2027-04-08T22:59:59.999Z', // Thu 8 Apr, BST
      'episode/week-20': '2027-05-06T22:59:59.999Z', // Thu 6 May, BST
    });
  });

  it('a child in need requested Thu 10 Dec 2026: the statutory assessment 45 working days on (25, 28 Dec and 1 Jan not counted), and no pause moves it', () => {
    // 45 working days from Thu 10 Dec 2026, by hand: 11-31 Dec less weekends and 25, 28 Dec = 13; January less
    // 1 Jan = 20 (33 by 31 Jan); Mon 1 Feb is the 34th, Tue 2 Feb the 35th (the warning), Tue 16 Feb the 45th.
    const h = familyHelpEpisode('2026-12-10T10:00:00Z', '2026-12-17T12:00:00Z', true);
    expect(h.record!.clocks['family-help-assessment']!.dueAt).toBe('2027-02-16T23:59:59.999Z');
    expect(
      h.timers
        .filter((t) => t.clockId === 'family-help-assessment')
        .map((t) => t.dueAt)
        .sort(),
    ).toEqual(['2027-02-02T23:59:59.999Z', '2027-02-16T23:59:59.999Z']);
    // A week's pause (Mon 4 to Mon 11 Jan 2027, exactly 7 days) moves the local targets by 7 days, never the statutory clock
    expect(h.apply('episodePaused', { reason: 'familyAway' }, actors.teamLeader, '2027-01-04T09:00:00Z').outcome).toBe(
      'applied',
    );
    expect(h.record!.clocks['family-help-assessment']!.status).toBe('running');
    expect(h.apply('episodeResumed', {}, actors.teamLeader, '2027-01-11T09:00:00Z').outcome).toBe('applied');
    expect(h.record!.clocks['family-help-assessment']!.dueAt).toBe('2027-02-16T23:59:59.999Z');
    expect(h.record!.clocks.episode!.dueAt).toBe('2027-04-15T22:59:59.999Z'); // Thu 8 Apr + 7 days
    expect(h.record!.clocks.assessment!.dueAt).toBe('2027-01-21T23:59:59.999Z'); // Thu 14 Jan + 7 days
  });

  it('a partnership listing its own pause reasons cannot pause the statutory clock either', () => {
    const partnership = { ...new ProcessHarness<SfDetails>(familyHelp).partnership };
    partnership.processes = {
      ...partnership.processes,
      'supporting-families': {
        ...partnership.processes['supporting-families'],
        pauseReasons: { anything: 'Any reason at all' },
      },
    };
    const h = familyHelpEpisode(
      '2026-12-10T10:00:00Z',
      '2026-12-17T12:00:00Z',
      true,
      new ProcessHarness<SfDetails>(familyHelp, partnership),
    );
    expect(h.apply('episodePaused', { reason: 'anything' }, actors.teamLeader, '2027-01-04T09:00:00Z').outcome).toBe(
      'applied',
    );
    expect(h.record!.clocks['family-help-assessment']).toMatchObject({
      status: 'running',
      dueAt: '2027-02-16T23:59:59.999Z',
    });
    expect(h.record!.clocks.episode!.status).toBe('paused');
  });
});

describe('closed within 16 weeks is the board pack’s measure, whatever local target the partnership sets', () => {
  const needResults = exampleRequest().needs.map((need) => ({ need, result: 'improved' }));
  it.each([
    // allocated Thu 17 Dec 2026; week 16 ends Thu 8 Apr 2027, week 18 Thu 22 Apr
    ['the default target, closed at week 16', undefined, '2027-04-08', true, true],
    ['the default target, closed the day after week 16', undefined, '2027-04-09', false, false],
    ['a 20-week local target, closed at week 18', 140, '2027-04-22', false, true],
  ])('%s', (_case, length, closedOn, withinSixteenWeeks, withinTarget) => {
    const base = new ProcessHarness<SfDetails>(familyHelp).partnership;
    const partnership = length
      ? {
          ...base,
          processes: {
            ...base.processes,
            'supporting-families': { ...base.processes['supporting-families'], clocks: { episode: { length } } },
          },
        }
      : base;
    const h = familyHelpEpisode(
      '2026-12-17T09:00:00Z',
      '2026-12-17T12:00:00Z',
      false,
      new ProcessHarness<SfDetails>(familyHelp, partnership),
    );
    expect(
      h.apply('episodeClosed', { closedOn, outcome: 'outcomesMet', needResults }, actors.lead, `${closedOn}T15:00:00Z`)
        .outcome,
    ).toBe('applied');
    expect(h.record!.details.closure).toMatchObject({ withinSixteenWeeks, withinTarget });
  });
});

describe('no configuration lengthens the statutory Family Help assessment', () => {
  it('the council’s closure days (29-31 Dec 2026) move its local allocation target, never the 45 working days', () => {
    const base = new ProcessHarness<SfDetails>(familyHelp).partnership;
    const closureDays = ['2026-12-29', '2026-12-30', '2026-12-31'].map((date) => ({
      organisation: 'riverside-council',
      date,
      reason: 'Council closed between Christmas and New Year',
    }));
    const h = new ProcessHarness<SfDetails>(familyHelp, {
      ...base,
      closureDays: [...base.closureDays, ...closureDays],
    });
    h.apply(
      'requestForSupport',
      exampleRequest({ requestedAt: '2026-12-10T10:00:00Z' }),
      actors.frontDoor,
      '2026-12-10T10:00:00Z',
    );
    h.apply(
      'frontDoorDecision',
      { route: 'intensiveEpisode', reason: 'Three needs', childInNeed: true },
      actors.frontDoor,
      '2026-12-24T10:00:00Z',
    );
    expect(h.record!.clocks['family-help-assessment']!.dueAt).toBe('2027-02-16T23:59:59.999Z');
    // Allocation within 5 working days of Thu 24 Dec: 25, 28 Dec bank holidays, 29-31 Dec closed, 1 Jan bank holiday → Mon 4 to Fri 8 Jan
    expect(h.record!.clocks.allocation!.dueAt).toBe('2027-01-08T23:59:59.999Z');
  });
});

describe('a record dated before the episode’s last pause or resume is refused (it would undo the pause: negative paused days)', () => {
  const needResults = exampleRequest().needs.map((need) => ({ need, result: 'unchanged' }));
  it.each([
    [
      'the assessment',
      'assessmentCompleted',
      { completedOn: '2027-01-03' },
      'completedOn',
      'assessment',
      { completedOn: '2027-01-04' },
    ],
    [
      'the family plan',
      'planAgreed',
      { agreedOn: '2027-01-03', familyNetworkMeetingOffered: true },
      'agreedOn',
      'family-plan',
      { agreedOn: '2027-01-04', familyNetworkMeetingOffered: true },
    ],
    [
      'a closure',
      'episodeClosed',
      { closedOn: '2027-01-03', outcome: 'movedAway', needResults },
      'closedOn',
      'episode',
      { closedOn: '2027-01-04', outcome: 'movedAway', needResults },
    ],
  ])(
    '%s dated the day before a pause that is going on: 400 naming the field; dated the day it began, it applies with no paused days',
    (_what, type, early, path, clockId, sameDay) => {
      // Prepare: allocated Thu 17 Dec 2026, paused at 09:00 on Mon 4 Jan 2027
      const h = familyHelpEpisode('2026-12-17T09:00:00Z', '2026-12-17T12:00:00Z');
      expect(
        h.apply('episodePaused', { reason: 'familyAway' }, actors.teamLeader, '2027-01-04T09:00:00Z').outcome,
      ).toBe('applied');
      // Act
      const refused = h.apply(type, early, actors.lead, '2027-01-05T10:00:00Z');
      // Assess
      expect(rejection(refused)).toMatchObject({
        status: 400,
        issues: [{ path, message: 'must be on or after 4 January 2027 (the episode was paused)' }],
      });
      expect(h.record!.clocks[clockId]!.status).toBe('paused');
      expect(h.apply(type, sameDay, actors.lead, '2027-01-05T10:05:00Z').outcome).toBe('applied');
      expect(h.record!.clocks[clockId]!.status).toBe('met');
      expect(h.record!.clocks[clockId]!.pausedUnits ?? 0).toBeGreaterThanOrEqual(0);
    },
  );

  it('after a resume, a closure dated during the pause is refused; dated from the resume, the paused days are counted apart', () => {
    const h = familyHelpEpisode('2026-12-17T09:00:00Z', '2026-12-17T12:00:00Z');
    h.apply('episodePaused', { reason: 'familyAway' }, actors.teamLeader, '2027-01-04T09:00:00Z');
    h.apply('episodeResumed', {}, actors.teamLeader, '2027-01-11T09:00:00Z');
    const refused = h.apply(
      'episodeClosed',
      { closedOn: '2027-01-08', outcome: 'movedAway', needResults },
      actors.lead,
      '2027-01-12T10:00:00Z',
    );
    expect(rejection(refused)).toMatchObject({
      status: 400,
      issues: [{ path: 'closedOn', message: 'must be on or after 11 January 2027 (the episode resumed)' }],
    });
    expect(
      h.apply(
        'episodeClosed',
        { closedOn: '2027-01-11', outcome: 'movedAway', needResults },
        actors.lead,
        '2027-01-12T10:05:00Z',
      ).outcome,
    ).toBe('applied');
    expect(h.record!.details.closure).toMatchObject({ daysPaused: 7 });
  });
});
