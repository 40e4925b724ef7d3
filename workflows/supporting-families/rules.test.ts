/** Supporting Families / Family Help rules, table-driven: consent, routes, pauses, step-ups, closure, versions. */
import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { mayReadCase } from '#core/process/access';
import { definitionOf } from '#core/process/catalogue';
import { partnership } from '#functions/runtime';
import { ProcessHarness } from '#test/support/process-harness';
import { actors, episodeFrom, familyHelpEpisode } from '#test/support/supporting-families';
import { processCatalogue } from '#workflows/catalogue';
import type { SfDetails } from './contract';
import {
  councilLead,
  exampleAllocation,
  exampleRequest,
  schoolLead,
  schoolLeadContext,
  schoolManager,
} from './example';
import * as sfParts from './index';

const familyHelp = definitionOf(sfParts, 2);
const supportingFamilies = definitionOf(sfParts, 1);

const ella: Actor = {
  kind: 'person',
  userId: 'u-ella-schoollead',
  name: 'Ella Brooks',
  role: 'lead-practitioner',
  organisation: 'riverside-primary',
  schoolUrn: '100001',
};
const rejection = (d: ReturnType<ProcessHarness<SfDetails>['apply']>) =>
  d.outcome === 'rejected' ? d.response.rejection : undefined;

const kim: Actor = {
  kind: 'person',
  userId: 'u-kim-keyadult',
  name: 'Kim Walsh',
  role: 'school-key-adult',
  organisation: 'riverside-primary',
  schoolUrn: '100001',
};

describe('a request for support a school sends', () => {
  const fromSchool = (extra: Record<string, unknown> = {}) =>
    exampleRequest({
      requestedAt: '2026-03-02T09:00:00Z',
      channel: 'partner',
      partnerKind: 'school',
      council: 'riverside-council',
      ...extra,
    });

  it("reaches the council's front door: the council is on the case, reads it and is told; the school does not read it", () => {
    // Prepare
    const h = new ProcessHarness<SfDetails>(supportingFamilies);
    // Act
    const d = h.apply('requestForSupport', fromSchool(), kim, '2026-03-02T09:30:00Z');
    // Assess
    expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
    const record = h.record!;
    expect(record.organisation).toBe('riverside-primary');
    expect(record.organisations).toContain('riverside-council');
    expect(Object.values(record.clocks).map((c) => c.ownerOrganisation)).toEqual(['riverside-council']);
    expect(mayReadCase(actors.frontDoor, supportingFamilies, record, { partnership })).toBe(true);
    expect(mayReadCase(kim, supportingFamilies, record, { partnership })).toBe(false);
    expect(supportingFamilies.recipients('frontDoor', record, partnership).map((r) => r.address)).toEqual([
      'early.help.front.door@riverside.example.gov.uk',
    ]);
  });

  it.each([
    ['names no council', { council: undefined }, 'council'],
    ['names an organisation that is not a council', { council: 'riverside-health' }, 'council'],
    ['comes by another channel than a school', { channel: 'telephone', partnerKind: undefined }, 'channel'],
  ])('is refused, naming the field, when it %s', (_case, extra, path) => {
    const h = new ProcessHarness<SfDetails>(supportingFamilies);
    const d = h.apply('requestForSupport', fromSchool(extra), kim, '2026-03-02T09:30:00Z');
    expect(d.outcome).toBe('rejected');
    expect(rejection(d)?.issues.map((i) => i.path)).toEqual([path]);
    expect(h.record).toBeUndefined();
  });

  it("a council's front door names no other council", () => {
    const h = new ProcessHarness<SfDetails>(supportingFamilies);
    const d = h.apply(
      'requestForSupport',
      exampleRequest({ requestedAt: '2026-03-02T09:00:00Z', council: 'northvale-council' }),
      actors.frontDoor,
      '2026-03-02T09:30:00Z',
    );
    expect(rejection(d)?.issues.map((i) => i.path)).toEqual(['council']);
    const own = new ProcessHarness<SfDetails>(supportingFamilies).apply(
      'requestForSupport',
      exampleRequest({ requestedAt: '2026-03-02T09:00:00Z', council: 'riverside-council' }),
      actors.frontDoor,
      '2026-03-02T09:30:00Z',
    );
    expect(own.outcome).toBe('applied');
  });
});

describe('a request for support', () => {
  it('without consent keeps nothing but its channel and date, and closes', () => {
    // Prepare
    const h = new ProcessHarness<SfDetails>(supportingFamilies);
    // Act
    const d = h.apply(
      'requestForSupport',
      {
        requestReference: 'RFS-26-0009',
        channel: 'partner',
        partnerKind: 'housing',
        requestedAt: '2026-03-02T09:00:00Z',
        consent: false,
      },
      actors.frontDoor,
      '2026-03-02T09:30:00Z',
    );
    // Assess
    expect(d.outcome).toBe('applied');
    expect(h.record).toMatchObject({
      status: 'closed',
      details: {
        request: {
          channel: 'partner',
          partnerKind: 'housing',
          requestedAt: '2026-03-02T09:00:00.000Z',
          consent: false,
        },
        needs: [],
      },
    });
    expect(JSON.stringify(h.record)).not.toContain('RFS-26-0009');
    expect(Object.keys(h.record!.details.request).sort()).toEqual(['channel', 'consent', 'partnerKind', 'requestedAt']);
    expect(h.record!.clocks).toEqual({});
  });

  it.each([
    ['the family', { family: { children: [{ name: 'Mia Carter', dateOfBirth: '2016-03-09' }] } }, 'family'],
    ['the needs', { needs: ['secureHousing'] }, 'needs'],
    ['a family reference', { familyReference: 'FAM-1' }, 'familyReference'],
    ['the locality team', { locality: 'north' }, 'locality'],
  ])('without consent, %s is refused by name, never stored', (_case, extra, path) => {
    const spec = supportingFamilies.events.find((e) => e.type === 'requestForSupport')!;
    const parsed = spec.schema.safeParse({
      requestReference: 'RFS-1',
      channel: 'telephone',
      requestedAt: '2026-03-02T09:00:00Z',
      consent: false,
      ...extra,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [path, 'must not be sent without the family’s consent: only the channel and date of the request are kept'],
    ]);
  });

  it.each([
    [
      'an intensive episode for two needs',
      { needs: ['goodEducation', 'secureHousing'] },
      { route: 'intensiveEpisode', reason: 'r' },
      'route',
    ],
    ['a partner-led episode without the partner kind', {}, { route: 'partnerLed', reason: 'r' }, 'partnerKind'],
  ])('the front door decision refuses %s, naming the field', (_case, request, decision, path) => {
    const h = new ProcessHarness<SfDetails>(supportingFamilies);
    h.apply(
      'requestForSupport',
      exampleRequest({ requestedAt: '2026-03-02T09:00:00Z', ...request }),
      actors.frontDoor,
      '2026-03-02T09:00:00Z',
    );
    const d = h.apply('frontDoorDecision', decision, actors.frontDoor, '2026-03-02T11:00:00Z');
    expect(rejection(d)).toMatchObject({ status: 400, issues: [{ path }] });
  });

  it('a step-up to the MASH goes at once: the MASH is told at the instant of the decision, not when the decision clock falls due', () => {
    // Prepare: requested Fri 6 Mar 2026 at 16:00; the decision is due by the end of Mon 9 Mar
    const h = new ProcessHarness<SfDetails>(supportingFamilies);
    h.apply(
      'requestForSupport',
      exampleRequest({ requestedAt: '2026-03-06T16:00:00Z' }),
      actors.frontDoor,
      '2026-03-06T16:00:00Z',
    );
    expect(h.record!.clocks['front-door-decision']!.dueAt).toBe('2026-03-09T23:59:59.999Z');
    // Act
    h.apply(
      'frontDoorDecision',
      { route: 'stepUpToMash', reason: 'A worry about a child’s safety' },
      actors.frontDoor,
      '2026-03-06T16:05:00Z',
    );
    // Assess
    expect(h.outbox.map((m) => [m.createdAt, m.address])).toEqual([
      ['2026-03-06T16:05:00Z', 'mash@riverside.example.gov.uk'],
    ]);
    expect(h.record).toMatchObject({ status: 'closed', details: { closure: { outcome: 'steppedUpToMash' } } });
    expect(h.timers).toEqual([]);
  });
});

describe('pauses: approved by a team leader, for a listed reason; paused days move every checkpoint and are reported apart', () => {
  // Allocated Mon 5 Jan 2026. Without pauses: week 14 ends Mon 13 Apr, week 16 Mon 27 Apr, week 20 Mon 25 May.
  it.each([
    [
      'one pause of 14 days over week 14 (Mon 6 Apr to Mon 20 Apr)',
      [['2026-04-06T09:00:00Z', '2026-04-20T09:00:00Z']],
      14,
      '2026-04-27T22:59:59.999Z',
      '2026-05-11T22:59:59.999Z',
      '2026-06-08T22:59:59.999Z',
    ],
    [
      'two pauses: 7 days in February, then 10 days over the moved week 14 (Wed 15 Apr to Sat 25 Apr)',
      [
        ['2026-02-02T10:00:00Z', '2026-02-09T10:00:00Z'],
        ['2026-04-15T10:00:00Z', '2026-04-25T10:00:00Z'],
      ],
      17,
      '2026-04-30T22:59:59.999Z',
      '2026-05-14T22:59:59.999Z',
      '2026-06-11T22:59:59.999Z',
    ],
    [
      'three short pauses of 1, 2 and 3 days',
      [
        ['2026-01-12T10:00:00Z', '2026-01-13T10:00:00Z'],
        ['2026-02-10T10:00:00Z', '2026-02-12T10:00:00Z'],
        ['2026-03-03T10:00:00Z', '2026-03-06T10:00:00Z'],
      ],
      6,
      '2026-04-19T22:59:59.999Z',
      '2026-05-03T22:59:59.999Z',
      '2026-05-31T22:59:59.999Z',
    ],
  ] as const)('%s', (_case, pauses, pausedDays, week14, week16, week20) => {
    // Prepare
    const h = episodeFrom('2026-01-05T10:00:00Z');
    // Act: fire what falls due before each pause (as the scheduler would), then pause and resume
    for (const [from, until] of pauses) {
      h.runUntil(from);
      expect(h.apply('episodePaused', { reason: 'familyAway' }, actors.teamLeader, from).outcome).toBe('applied');
      expect(h.timers.filter((t) => t.clockId === 'episode')).toEqual([]);
      expect(h.apply('episodeResumed', {}, actors.lead, until).outcome).toBe('applied');
    }
    // Assess
    const episode = h.record!.clocks.episode!;
    expect(episode.pausedUnits).toBe(pausedDays);
    expect(episode.pauses!.map((p) => p.approvedBy?.userId)).toEqual(pauses.map(() => 'u-taylor-teamleader'));
    expect(episode.dueAt).toBe(week16);
    const at = (id: string) => h.timers.find((t) => t.checkpointId === id)?.dueAt;
    expect([at('week-14'), at('week-16'), at('week-20')]).toEqual([week14, week16, week20]);
  });

  it('the reviews follow the pauses too: a 7-day pause before week 6 moves review 1 from Mon 16 Feb to Mon 23 Feb, 09:00', () => {
    const h = episodeFrom('2026-01-05T10:00:00Z');
    h.apply('episodePaused', { reason: 'parentInHospital' }, actors.teamLeader, '2026-02-02T10:00:00Z');
    h.apply('episodeResumed', {}, actors.teamLeader, '2026-02-09T10:00:00Z');
    expect(h.timers.find((t) => t.checkpointId === 'team-around-the-family-review')?.dueAt).toBe(
      '2026-02-23T09:00:00.000Z',
    );
  });

  it.each([
    [
      'a reason not on the list: 400 naming reason',
      actors.teamLeader,
      { reason: 'holiday' },
      400,
      'ruleNotMet',
      [{ path: 'reason', message: 'choose one of: parentInHospital, familyAway, bereavement' }],
    ],
    [
      'by a lead practitioner, who cannot approve it: 403',
      actors.lead,
      { reason: 'familyAway' },
      403,
      'notPermitted',
      [],
    ],
  ] as const)('a pause is refused: %s', (_case, actor, payload, status, code, issues) => {
    const h = episodeFrom('2026-01-05T10:00:00Z');
    expect(rejection(h.apply('episodePaused', payload, actor, '2026-02-02T10:00:00Z'))).toMatchObject({
      status,
      code,
      issues,
    });
  });

  it('paused days are reported apart at closure: 17 weeks after allocation with a week paused is 16 weeks counted, within 16', () => {
    const h = episodeFrom('2026-01-05T10:00:00Z');
    h.apply('episodePaused', { reason: 'familyAway' }, actors.teamLeader, '2026-03-02T10:00:00Z');
    h.apply('episodeResumed', {}, actors.teamLeader, '2026-03-09T10:00:00Z');
    h.runUntil('2026-05-04T12:00:00Z');
    const results = exampleRequest().needs.map((need) => ({ need, result: 'improved' }));
    expect(
      h.apply(
        'episodeClosed',
        { closedOn: '2026-05-04', outcome: 'outcomesMet', needResults: results },
        actors.lead,
        '2026-05-04T12:00:00Z',
      ).outcome,
    ).toBe('applied');
    expect(h.record!.details.closure).toMatchObject({
      outcome: 'outcomesMet',
      daysCounted: 112,
      daysPaused: 7,
      withinSixteenWeeks: true,
    });
    expect(h.record!.clocks.episode!.status).toBe('met');
    expect(h.outbox.filter((m) => m.subject.includes('still open after 16 weeks'))).toEqual([]);
  });
});

describe('step-up, closure and the six-month check', () => {
  it('a step-up to social care while paused stops every clock with that outcome and tells the MASH at once', () => {
    const h = episodeFrom('2026-01-05T10:00:00Z');
    h.apply('episodePaused', { reason: 'parentInHospital' }, actors.teamLeader, '2026-02-02T10:00:00Z');
    const d = h.apply(
      'steppedUpToSocialCare',
      { reason: 'New information about a child’s safety' },
      actors.lead,
      '2026-02-04T15:00:00Z',
    );
    expect(d.outcome).toBe('applied');
    expect(h.record!.status).toBe('closed');
    expect(Object.values(h.record!.clocks).filter((c) => c.stoppedAt === undefined)).toEqual([]);
    expect(h.record!.clocks.episode).toMatchObject({ status: 'notApplicable', stoppedAt: '2026-02-04T15:00:00.000Z' });
    expect(h.record!.details.closure).toMatchObject({
      outcome: 'steppedUpToSocialCare',
      daysPaused: 2,
      daysCounted: 28,
    });
    expect(h.timers).toEqual([]);
    expect(h.outbox.at(-1)).toMatchObject({
      createdAt: '2026-02-04T15:00:00Z',
      address: 'mash@riverside.example.gov.uk',
    });
  });

  it.each([
    [
      'Outcomes Met with a need unchanged: 400 naming outcome',
      'outcomesMet',
      [
        ['goodEducation', 'improved'],
        ['mentalAndPhysicalHealth', 'unchanged'],
        ['financialStability', 'improved'],
      ],
      'outcome',
    ],
    [
      'a need without a result: 400 naming needResults',
      'needsPartlyMet',
      [
        ['goodEducation', 'improved'],
        ['financialStability', 'improved'],
      ],
      'needResults',
    ],
    [
      'a result for a need the family did not have',
      'needsPartlyMet',
      [
        ['goodEducation', 'improved'],
        ['mentalAndPhysicalHealth', 'improved'],
        ['financialStability', 'improved'],
        ['secureHousing', 'improved'],
      ],
      'needResults.3.need',
    ],
  ] as const)('closure refused: %s', (_case, outcome, results, path) => {
    const h = episodeFrom('2026-01-05T10:00:00Z');
    const d = h.apply(
      'episodeClosed',
      { closedOn: '2026-04-01', outcome, needResults: results.map(([need, result]) => ({ need, result })) },
      actors.lead,
      '2026-04-01T12:00:00Z',
    );
    expect(rejection(d)).toMatchObject({ status: 400, issues: [{ path }] });
  });

  it('the family choosing to end support closes without blame and starts no six-month check', () => {
    const h = episodeFrom('2026-01-05T10:00:00Z');
    h.apply(
      'episodeClosed',
      {
        closedOn: '2026-02-10',
        outcome: 'familyChoseToEnd',
        needResults: exampleRequest().needs.map((need) => ({ need, result: 'unchanged' })),
      },
      actors.lead,
      '2026-02-10T12:00:00Z',
    );
    expect(h.record).toMatchObject({ status: 'closed', closureReason: 'The family chose to end support' });
    expect(h.timers).toEqual([]);
  });

  it('Outcomes Met starts the check six months on (09:00 London); its result is recorded on the closed episode', () => {
    // Prepare: closed Thu 30 Apr 2026 → check Fri 30 Oct 2026 09:00 GMT (after the clocks went back)
    const h = episodeFrom('2026-01-05T10:00:00Z');
    h.apply(
      'episodeClosed',
      {
        closedOn: '2026-04-30',
        outcome: 'outcomesMet',
        needResults: exampleRequest().needs.map((need) => ({ need, result: 'improved' })),
      },
      actors.lead,
      '2026-04-30T12:00:00Z',
    );
    expect(h.timers.map((t) => [t.checkpointId, t.dueAt])).toEqual([['sustain-check', '2026-10-30T09:00:00.000Z']]);
    // Act
    h.runUntil('2026-10-30T09:00:00.000Z');
    const early = h.apply(
      'sustainCheckRecorded',
      { checkedOn: '2026-09-01', outcomesLasted: true },
      actors.lead,
      '2026-10-30T10:00:00Z',
    );
    const recorded = h.apply(
      'sustainCheckRecorded',
      { checkedOn: '2026-10-30', outcomesLasted: true },
      actors.lead,
      '2026-10-30T10:00:00Z',
    );
    // Assess
    expect(h.outbox.slice(-2).map((m) => [m.createdAt, m.address])).toEqual([
      ['2026-10-30T09:00:00.000Z', 'sam.okafor@riverside.example.gov.uk'],
      ['2026-10-30T09:00:00.000Z', 'taylor.green@riverside.example.gov.uk'],
    ]);
    expect(rejection(early)).toMatchObject({ status: 400, issues: [{ path: 'checkedOn' }] });
    expect(recorded.outcome).toBe('applied');
    expect(h.record).toMatchObject({
      status: 'closed',
      details: { sustainCheck: { dueOn: '2026-10-30', recordedOn: '2026-10-30', outcomesLasted: true } },
    });
  });

  it('any other event on the closed episode is still refused (409)', () => {
    const h = episodeFrom('2026-01-05T10:00:00Z');
    h.apply('steppedUpToSocialCare', { reason: 'More help needed' }, actors.lead, '2026-02-04T15:00:00Z');
    expect(
      rejection(h.apply('teamAroundFamilyReviewHeld', { heldOn: '2026-02-04' }, actors.lead, '2026-02-05T10:00:00Z')),
    ).toMatchObject({ status: 409, code: 'caseClosed' });
  });
});

describe('partner-led episodes: the partner’s lead practitioner and their manager', () => {
  it('are the recipients, and the school’s lead practitioner may act only on the episode they hold', () => {
    const h = new ProcessHarness<SfDetails>(supportingFamilies);
    h.apply(
      'requestForSupport',
      exampleRequest({ requestedAt: '2026-01-05T09:00:00Z', channel: 'partner', partnerKind: 'school' }),
      actors.frontDoor,
      '2026-01-05T09:00:00Z',
    );
    h.apply(
      'frontDoorDecision',
      { route: 'partnerLed', partnerKind: 'school', reason: 'The school knows the family well' },
      actors.frontDoor,
      '2026-01-05T11:00:00Z',
    );
    expect(
      h.apply(
        'leadPractitionerAllocated',
        exampleAllocation('2026-01-05T14:00:00Z', schoolLead, schoolManager),
        actors.teamLeader,
        '2026-01-05T14:00:00Z',
        undefined,
        schoolLeadContext,
      ).outcome,
    ).toBe('applied');
    h.runUntil('2026-04-14T00:00:00Z');
    expect(h.outbox.filter((m) => m.subject.includes('week 14')).map((m) => [m.createdAt, m.address])).toEqual([
      ['2026-04-13T22:59:59.999Z', 'ella.brooks@riverside-primary.example.sch.uk'],
      ['2026-04-13T22:59:59.999Z', 'pat.reid@riverside-primary.example.sch.uk'],
    ]);
    expect(h.apply('teamAroundFamilyReviewHeld', { heldOn: '2026-02-16' }, ella, '2026-02-16T15:00:00Z').outcome).toBe(
      'applied',
    );
    const colleague = { ...ella, userId: 'u-someone-else' };
    expect(
      rejection(h.apply('teamAroundFamilyReviewHeld', { heldOn: '2026-02-16' }, colleague, '2026-02-16T15:00:00Z')),
    ).toMatchObject({ status: 404 });
    expect(mayReadCase(ella, supportingFamilies, h.record!, { partnership })).toBe(true);
    expect(mayReadCase(colleague, supportingFamilies, h.record!, { partnership })).toBe(false);
    expect(
      mayReadCase({ ...ella, organisation: 'st-annes-primary', schoolUrn: '100002' }, supportingFamilies, h.record!, {
        partnership,
      }),
    ).toBe(false);
  });
});

describe('a lead practitioner’s organisation is checked against the directory', () => {
  const partnerLed = () => {
    const h = new ProcessHarness<SfDetails>(supportingFamilies);
    h.apply(
      'requestForSupport',
      exampleRequest({ requestedAt: '2026-01-05T09:00:00Z', channel: 'partner', partnerKind: 'school' }),
      actors.frontDoor,
      '2026-01-05T09:00:00Z',
    );
    h.apply(
      'frontDoorDecision',
      { route: 'partnerLed', partnerKind: 'school', reason: 'The school knows the family well' },
      actors.frontDoor,
      '2026-01-05T11:00:00Z',
    );
    return h;
  };

  it.each([
    [
      'an organisation in neither directory',
      { ...schoolLead, organisation: 'nowhere-housing', schoolUrn: undefined },
      undefined,
      'leadPractitioner.organisation',
    ],
    [
      'a school whose URN the school directory does not hold',
      { ...schoolLead, schoolUrn: '999999' },
      undefined,
      'leadPractitioner.schoolUrn',
    ],
    [
      'a school URN other than the one looked up',
      { ...schoolLead, schoolUrn: '100002' },
      schoolLeadContext,
      'leadPractitioner.schoolUrn',
    ],
    [
      'a school URN for the council’s own staff',
      { ...councilLead, schoolUrn: '100001' },
      schoolLeadContext,
      'leadPractitioner.schoolUrn',
    ],
  ])('refuses %s (400 naming the field); nothing changes', (_name, leadPractitioner, context, path) => {
    // Prepare
    const h = partnerLed();
    const before = structuredClone(h.record);
    // Act
    const d = h.apply(
      'leadPractitionerAllocated',
      exampleAllocation('2026-01-05T14:00:00Z', JSON.parse(JSON.stringify(leadPractitioner)), schoolManager),
      actors.teamLeader,
      '2026-01-05T14:00:00Z',
      undefined,
      context,
    );
    // Assess
    expect(rejection(d)).toMatchObject({ status: 400, issues: [{ path }] });
    expect(h.record).toEqual(before);
  });

  it.each([
    ['the council’s own staff', councilLead, undefined],
    ['a school’s staff, the school found in the school directory', schoolLead, schoolLeadContext],
  ])('accepts %s', (_name, leadPractitioner, context) => {
    const h = partnerLed();
    expect(
      h.apply(
        'leadPractitionerAllocated',
        exampleAllocation('2026-01-05T14:00:00Z', leadPractitioner, schoolManager),
        actors.teamLeader,
        '2026-01-05T14:00:00Z',
        undefined,
        context,
      ).outcome,
    ).toBe('applied');
  });

  it('a social worker named when a child protection plan starts is checked too', () => {
    const h = new ProcessHarness<SfDetails>(familyHelp);
    h.apply(
      'requestForSupport',
      exampleRequest({ requestedAt: '2025-04-30T10:00:00Z' }),
      actors.frontDoor,
      '2025-04-30T10:00:00Z',
    );
    h.apply(
      'frontDoorDecision',
      { route: 'intensiveEpisode', reason: 'Three needs', childInNeed: true },
      actors.frontDoor,
      '2025-04-30T12:00:00Z',
    );
    expect(
      h.apply(
        'leadPractitionerAllocated',
        exampleAllocation('2025-05-01T10:00:00Z'),
        actors.teamLeader,
        '2025-05-01T10:00:00Z',
      ).outcome,
    ).toBe('applied');
    const d = h.apply(
      'childProtectionPlanStarted',
      { startedOn: '2025-05-01', leadPractitioner: { ...councilLead, organisation: 'nowhere-council' } },
      actors.lead,
      '2025-05-01T12:00:00Z',
    );
    expect(rejection(d)).toMatchObject({ status: 400, issues: [{ path: 'leadPractitioner.organisation' }] });
  });
});

describe('versions: Supporting Families (1) and Family Help (2) side by side', () => {
  it.each([
    ['requested on 31 Mar 2025: Supporting Families', '2025-03-31T15:00:00Z', 1],
    ['requested on 1 Apr 2025 (00:30 BST): Family Help', '2025-03-31T23:30:00Z', 2],
    ['requested in 2026: Family Help', '2026-01-05T09:00:00Z', 2],
  ] as const)('a new request gets the version in force on its request date: %s', (_case, requestedAt, version) => {
    expect(
      processCatalogue.forOpening(
        'supporting-families',
        exampleRequest({ requestedAt }),
        partnership,
        new Date('2025-06-01T12:00:00Z'),
      )?.version,
    ).toBe(version);
  });

  it('a partnership that starts Family Help later keeps its April requests under Supporting Families', () => {
    const later = {
      ...partnership,
      processes: {
        ...partnership.processes,
        'supporting-families': {
          ...partnership.processes['supporting-families'],
          settings: { familyHelpFrom: '2025-06-01' },
        },
      },
    };
    expect(
      processCatalogue.forOpening(
        'supporting-families',
        exampleRequest({ requestedAt: '2025-04-15T09:00:00Z' }),
        later,
        new Date('2025-06-01T12:00:00Z'),
      )?.version,
    ).toBe(1);
  });

  it('episodes open under each keep their own rules: a child protection plan, the statutory 45-working-day assessment and the family network meeting are Family Help’s', () => {
    // Prepare: one episode under each version, requested a day apart around 1 April 2025
    const v1 = episodeFrom('2025-04-01T10:00:00Z', supportingFamilies, '2025-03-31T10:00:00Z');
    const v2 = new ProcessHarness<SfDetails>(familyHelp);
    v2.apply(
      'requestForSupport',
      exampleRequest({ requestedAt: '2025-04-01T10:00:00Z', familyReference: 'FAM-2002' }),
      actors.frontDoor,
      '2025-04-01T10:00:00Z',
    );
    const missing = v2.apply(
      'frontDoorDecision',
      { route: 'intensiveEpisode', reason: 'Three needs' },
      actors.frontDoor,
      '2025-04-01T12:00:00Z',
    );
    v2.apply(
      'frontDoorDecision',
      { route: 'intensiveEpisode', reason: 'Three needs', childInNeed: true },
      actors.frontDoor,
      '2025-04-01T12:00:00Z',
    );
    v2.apply(
      'leadPractitionerAllocated',
      exampleAllocation('2025-04-02T10:00:00Z', { ...councilLead, socialWorker: false }),
      actors.teamLeader,
      '2025-04-02T10:00:00Z',
    );
    // Assess: Family Help asks whether a child is in need; its statutory clock counts 45 working days in
    // England from Tue 1 Apr 2025 (Good Friday 18 Apr, Easter Monday 21 Apr, 5 May and 26 May off): Mon 9 Jun
    expect(rejection(missing)).toMatchObject({ status: 400, issues: [{ path: 'childInNeed' }] });
    expect(v2.record!.clocks['family-help-assessment']).toMatchObject({
      source: { kind: 'statutory' },
      dueAt: '2025-06-09T22:59:59.999Z',
    });
    expect(v2.timers.find((t) => t.checkpointId === 'statutory-assessment-warning')?.dueAt).toBe(
      '2025-05-23T22:59:59.999Z',
    );
    expect(v1.record!.clocks['family-help-assessment']).toBeUndefined();
    // A child protection plan: the lead is not a social worker, so one must be named; the team leader is told
    const without = v2.apply(
      'childProtectionPlanStarted',
      { startedOn: '2025-05-01' },
      actors.lead,
      '2025-05-01T10:00:00Z',
    );
    expect(rejection(without)).toMatchObject({ status: 400, issues: [{ path: 'leadPractitioner' }] });
    const notSocialWorker = v2.apply(
      'childProtectionPlanStarted',
      { startedOn: '2025-05-01', leadPractitioner: { ...councilLead, socialWorker: false } },
      actors.lead,
      '2025-05-01T10:00:00Z',
    );
    expect(rejection(notSocialWorker)).toMatchObject({
      status: 400,
      issues: [{ path: 'leadPractitioner.socialWorker' }],
    });
    expect(
      v2.apply(
        'childProtectionPlanStarted',
        { startedOn: '2025-05-01', leadPractitioner: councilLead },
        actors.lead,
        '2025-05-01T10:00:00Z',
      ).outcome,
    ).toBe('applied');
    expect(v2.outbox.at(-1)).toMatchObject({
      createdAt: '2025-05-01T10:00:00Z',
      address: 'taylor.green@riverside.example.gov.uk',
      subject: expect.stringContaining('child protection plan'),
    });
    // …and while it is in place a handover to someone who is not a social worker is refused
    const handover = v2.apply(
      'leadPractitionerAllocated',
      exampleAllocation('2025-05-02T10:00:00Z', schoolLead),
      actors.teamLeader,
      '2025-05-02T10:00:00Z',
      undefined,
      schoolLeadContext,
    );
    expect(rejection(handover)).toMatchObject({ status: 400, issues: [{ path: 'leadPractitioner.socialWorker' }] });
    // Version 1 has no such event, and its plan takes no family network meeting; version 2's requires it
    expect(
      rejection(
        v1.apply('childProtectionPlanStarted', { startedOn: '2025-05-01' }, actors.lead, '2025-05-01T10:00:00Z'),
      ),
    ).toMatchObject({ status: 400, code: 'unknownEvent' });
    expect(
      rejection(
        v1.apply(
          'planAgreed',
          { agreedOn: '2025-05-01', familyNetworkMeetingOffered: true },
          actors.lead,
          '2025-05-01T10:00:00Z',
        ),
      ),
    ).toMatchObject({ status: 400, issues: [{ path: '' }] });
    expect(
      rejection(v2.apply('planAgreed', { agreedOn: '2025-05-01' }, actors.lead, '2025-05-01T10:00:00Z')),
    ).toMatchObject({ status: 400, issues: [{ path: 'familyNetworkMeetingOffered' }] });
    expect(
      v2.apply(
        'planAgreed',
        { agreedOn: '2025-05-01', familyNetworkMeetingOffered: true },
        actors.lead,
        '2025-05-01T10:00:00Z',
      ).outcome,
    ).toBe('applied');
    expect(v1.apply('planAgreed', { agreedOn: '2025-05-01' }, actors.lead, '2025-05-01T10:00:00Z').outcome).toBe(
      'applied',
    );
    expect([v1.record!.definitionVersion, v2.record!.definitionVersion]).toEqual([1, 2]);
  });

  it('the statutory assessment clock cannot be lengthened by configuration', async () => {
    const { checkPartnership } = await import('#core/process/catalogue');
    const longer = {
      ...partnership,
      processes: {
        ...partnership.processes,
        'supporting-families': {
          ...partnership.processes['supporting-families'],
          clocks: { 'family-help-assessment': { length: 50 } },
        },
      },
    };
    expect(() => checkPartnership(processCatalogue, longer)).toThrow(
      /family-help-assessment\.length: .* statutory \(45\)/,
    );
  });
});

describe('a closure gives one result per need: an oversized list is refused by the schema, naming needResults', () => {
  it.each([
    [1000, 400],
    [11, 400],
  ])('%i results: %i, one issue', (n, status) => {
    const h = familyHelpEpisode('2026-12-17T09:00:00Z', '2026-12-17T12:00:00Z');
    const d = h.apply(
      'episodeClosed',
      {
        closedOn: '2026-12-18',
        outcome: 'movedAway',
        needResults: Array.from({ length: n }, () => ({ need: 'goodEducation', result: 'improved' })),
      },
      actors.lead,
      '2026-12-18T10:00:00Z',
    );
    expect(rejection(d)).toMatchObject({
      status,
      issues: [{ path: 'needResults', message: 'must give at most one result for each of the 10 needs' }],
    });
    expect(h.record!.status).toBe('open');
  });
});

/**
 * A lead practitioner asks to pause; the team leader answers. Allocated at 10:00 on Mon 5 Jan 2026; the
 * request at 10:00 on Mon 2 Feb is to be answered within 2 working days: by the end of Wed 4 Feb (GMT).
 */
describe('a request to pause, answered by the team leader', () => {
  const ASKED = '2026-02-02T10:00:00Z';
  const ANSWER_BY = '2026-02-04T23:59:59.999Z';
  function asked() {
    const h = episodeFrom('2026-01-05T10:00:00Z');
    const sent = h.outbox.length;
    expect(h.apply('pauseRequested', { reason: 'familyAway' }, actors.lead, ASKED).outcome).toBe('applied');
    return { h, told: h.outbox.slice(sent) };
  }

  it('asking pauses nothing: the team leader is told, with the day to answer by, and the episode keeps counting', () => {
    const { h, told } = asked();
    expect(told.map((m) => [m.address, m.subject])).toEqual([
      [
        'taylor.green@riverside.example.gov.uk',
        `Episode ${h.record!.caseCode}: a pause is asked for, please answer by 11:59pm on 4 February 2026`,
      ],
    ]);
    expect(h.record!.clocks['pause-decision-1']).toMatchObject({ status: 'running', dueAt: ANSWER_BY });
    expect(h.record!.clocks.episode!.status).toBe('running');
    expect(h.record!.details.pauseRequest).toEqual({ askedAt: '2026-02-02T10:00:00.000Z', reason: expect.any(String) });
  });

  it("the team leader's pause is the approval: the request is answered in time and every episode clock pauses", () => {
    const { h } = asked();
    expect(h.apply('episodePaused', { reason: 'familyAway' }, actors.teamLeader, '2026-02-03T09:00:00Z').outcome).toBe(
      'applied',
    );
    expect(h.record!.clocks['pause-decision-1']!.status).toBe('met');
    expect(h.record!.clocks.episode!.status).toBe('paused');
    expect(h.record!.details.pauseRequest).toMatchObject({ answeredAt: '2026-02-03T09:00:00.000Z', agreed: true });
  });

  it('unanswered by the end of Wed 4 Feb, the team leader is reminded; answered later, the episode carries on, met late', () => {
    const { h } = asked();
    h.runUntil('2026-02-05T09:00:00Z');
    expect(h.outbox.at(-1)).toMatchObject({
      address: 'taylor.green@riverside.example.gov.uk',
      subject: `Episode ${h.record!.caseCode}: a request to pause is waiting for your answer`,
    });
    const why = 'The family would rather keep going while the new school place starts';
    expect(h.apply('pauseNotAgreed', { note: why }, actors.teamLeader, '2026-02-05T10:00:00Z').outcome).toBe('applied');
    expect(h.record!.clocks['pause-decision-1']!.status).toBe('metLate');
    expect(h.record!.clocks.episode!.status).toBe('running');
    expect(h.record!.details.pauseRequest).toMatchObject({ agreed: false, whyItCarriesOn: why });
    // A second request later is a clock of its own; the first keeps its figure.
    expect(h.apply('pauseRequested', { reason: 'bereavement' }, actors.lead, '2026-03-02T10:00:00Z').outcome).toBe(
      'applied',
    );
    expect(h.record!.clocks['pause-decision-2']!.status).toBe('running');
    expect(h.record!.clocks['pause-decision-1']!.status).toBe('metLate');
  });

  it.each([
    ['a second request while one waits: 409', () => asked().h, actors.lead, 'pauseRequested', 409],
    ['asked by the team leader, who pauses directly: 403', () => asked().h, actors.teamLeader, 'pauseRequested', 403],
    [
      'an answer with no request waiting: 409',
      () => episodeFrom('2026-01-05T10:00:00Z'),
      actors.teamLeader,
      'pauseNotAgreed',
      409,
    ],
    ['an answer by the lead practitioner: 403', () => asked().h, actors.lead, 'pauseNotAgreed', 403],
  ] as const)('refused: %s', (_case, made, actor, type, status) => {
    const h = made();
    const payload = type === 'pauseRequested' ? { reason: 'familyAway' } : { note: 'Carry on' };
    expect(rejection(h.apply(type, payload, actor, '2026-02-03T10:00:00Z'))).toMatchObject({ status });
  });

  it('a reason not on the list is refused naming it; once paused, there is nothing to ask', () => {
    const h = episodeFrom('2026-01-05T10:00:00Z');
    expect(rejection(h.apply('pauseRequested', { reason: 'holiday' }, actors.lead, ASKED))).toMatchObject({
      status: 400,
      issues: [{ path: 'reason', message: 'choose one of: parentInHospital, familyAway, bereavement' }],
    });
    h.apply('episodePaused', { reason: 'familyAway' }, actors.teamLeader, ASKED);
    expect(
      rejection(h.apply('pauseRequested', { reason: 'familyAway' }, actors.lead, '2026-02-03T10:00:00Z')),
    ).toMatchObject({ status: 409 });
  });
});
