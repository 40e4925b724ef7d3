/**
 * Crisis escalation rules, table-driven, on the pure engine (no AWS): every instant below is computed by
 * hand in the comments, in UTC with the London offset stated (GMT = UTC; BST = UTC+1).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { PartnershipConfigError } from '#core/partnership/config';
import { checkPartnership, definitionOf } from '#core/process/catalogue';
import type { Decision, TimelineEntry } from '#core/process/model';
import { partnership as shipped } from '#functions/runtime';
import { ProcessHarness } from '#test/support/process-harness';
import { processCatalogue } from '#workflows/catalogue';
import type { CrisisDetails } from './contract';
import { examplePresentation } from './example';
import * as crisisParts from './index';

const crisisEscalation = definitionOf(crisisParts);

const chair: Actor = {
  kind: 'person',
  userId: 'u-rhys',
  name: 'Rhys Cole',
  role: 'crisis-chair',
  organisation: 'riverside-health',
};
const health: Actor = {
  kind: 'person',
  userId: 'u-priya',
  name: 'Priya Shah',
  role: 'health',
  organisation: 'riverside-health',
};
const council: Actor = {
  kind: 'person',
  userId: 'u-sam',
  name: 'Sam Okafor',
  role: 'lead-practitioner',
  organisation: 'riverside-council',
};

const SILVER = [
  'silver.commissioning@riverside-icb.example.nhs.uk',
  'silver.operations@riverside-health.example.nhs.uk',
  'head.of.service.children@riverside.example.gov.uk',
];
const GOLD = [
  'gold.nursing@riverside-icb.example.nhs.uk',
  'gold.coo@riverside-health.example.nhs.uk',
  'gold.dcs@riverside.example.gov.uk',
];
const BRONZE_CHAIR = 'bronze.chair@riverside-health.example.nhs.uk';

const meeting = (heldAt: string, extra: Record<string, unknown> = {}) => ({
  heldAt,
  organisationsPresent: ['riverside-health', 'riverside-council', 'riverside-icb'],
  decisions: 'Agreed who will visit and when',
  plan: 'Daily review with the ward and the family',
  ...extra,
});

class CrisisHarness extends ProcessHarness<CrisisDetails> {
  constructor() {
    super(crisisEscalation);
  }
  get details() {
    return this.record!.details;
  }
  timerAt(checkpointId: string) {
    return this.timers.filter((t) => t.checkpointId === checkpointId).map((t) => t.dueAt);
  }
  get timeline(): TimelineEntry[] {
    return this.decisions.flatMap((d: Decision<CrisisDetails>) => ('timeline' in d ? d.timeline : []));
  }
  sentTo(subjectPart: string) {
    return this.outbox.filter((m) => m.subject.includes(subjectPart)).map((m) => [m.createdAt, m.address]);
  }
}

/** A young person presented (on a paediatric ward, Red) and medically fit at `fitAt`. */
function medicallyFitAt(presentedAt: string, fitAt: string, localAuthority = 'riverside-council') {
  const h = new CrisisHarness();
  expect(
    h.apply('presented', examplePresentation({ presentedAt, urgency: 'urgent', localAuthority }), health, presentedAt)
      .outcome,
  ).toBe('applied');
  expect(h.apply('crisisAssessed', { assessedAt: presentedAt }, health, presentedAt).outcome).toBe('applied');
  const fit = h.apply('medicallyFit', { fitAt }, health, fitAt);
  expect(fit.outcome).toBe('applied');
  return h;
}

describe('delayed discharge: Silver 24 hours and Gold 72 hours after medically fit, in elapsed hours', () => {
  // silverMeetingDue: the end of the first working day in England after the London day of the Silver
  // escalation (riverside-icb owns it and has no closure days). goldMeetingDue: Gold + 24 hours.
  const cases = [
    {
      name: 'across midnight (GMT)',
      presentedAt: '2027-02-01T09:00:00Z',
      fit: '2027-02-02T22:30:00Z', // Tue 22:30 GMT
      silver: '2027-02-03T22:30:00.000Z', // Wed 22:30
      gold: '2027-02-05T22:30:00.000Z', // Fri 22:30
      silverMeetingDue: '2027-02-04T23:59:59.999Z', // end of Thu 4 Feb
      goldMeetingDue: '2027-02-06T22:30:00.000Z', // Sat 22:30
    },
    {
      name: 'Friday 18:00 over a weekend',
      presentedAt: '2027-02-04T09:00:00Z',
      fit: '2027-02-05T18:00:00Z', // Fri 18:00 GMT
      silver: '2027-02-06T18:00:00.000Z', // Sat 18:00
      gold: '2027-02-08T18:00:00.000Z', // Mon 18:00
      silverMeetingDue: '2027-02-08T23:59:59.999Z', // end of Mon 8 Feb (the weekend does not count)
      goldMeetingDue: '2027-02-09T18:00:00.000Z', // Tue 18:00
    },
    {
      name: 'Friday 18:00 before the August bank holiday (BST)',
      presentedAt: '2027-08-26T09:00:00Z',
      fit: '2027-08-27T17:00:00Z', // Fri 18:00 BST
      silver: '2027-08-28T17:00:00.000Z', // Sat 18:00 BST
      gold: '2027-08-30T17:00:00.000Z', // Mon 30 Aug (bank holiday) 18:00 BST: the bank holiday counts
      silverMeetingDue: '2027-08-31T22:59:59.999Z', // end of Tue 31 Aug BST: Mon 30 Aug is not a working day
      goldMeetingDue: '2027-08-31T17:00:00.000Z', // Tue 18:00 BST
    },
    {
      name: 'over Christmas (Fri 25 and Mon 28 Dec 2026 are bank holidays)',
      presentedAt: '2026-12-23T09:00:00Z',
      fit: '2026-12-24T18:00:00Z', // Thu 24 Dec 18:00 GMT
      silver: '2026-12-25T18:00:00.000Z', // Christmas Day 18:00
      gold: '2026-12-27T18:00:00.000Z', // Sun 27 Dec 18:00
      silverMeetingDue: '2026-12-29T23:59:59.999Z', // end of Tue 29 Dec
      goldMeetingDue: '2026-12-28T18:00:00.000Z', // Mon 28 Dec 18:00
    },
    {
      name: 'across the autumn clock change (BST ends 02:00 Sun 31 Oct 2027)',
      presentedAt: '2027-10-29T09:00:00Z',
      fit: '2027-10-30T17:00:00Z', // Sat 18:00 BST
      silver: '2027-10-31T17:00:00.000Z', // Sun 17:00 GMT: 24 real hours, the wall clock went back an hour
      gold: '2027-11-02T17:00:00.000Z', // Tue 17:00 GMT
      silverMeetingDue: '2027-11-01T23:59:59.999Z', // end of Mon 1 Nov GMT
      goldMeetingDue: '2027-11-03T17:00:00.000Z', // Wed 17:00 GMT
    },
    {
      name: 'across the spring clock change on Easter Sunday (BST starts 01:00 GMT Sun 28 Mar 2027)',
      presentedAt: '2027-03-26T09:00:00Z',
      fit: '2027-03-27T18:00:00Z', // Sat 18:00 GMT
      silver: '2027-03-28T18:00:00.000Z', // Sun 19:00 BST
      gold: '2027-03-30T18:00:00.000Z', // Tue 19:00 BST
      silverMeetingDue: '2027-03-30T22:59:59.999Z', // end of Tue 30 Mar BST: Mon 29 Mar 2027 is Easter Monday
      goldMeetingDue: '2027-03-31T18:00:00.000Z', // Wed 19:00 BST
    },
  ];

  it.each(cases)('$name', ({ presentedAt, fit, silver, gold, silverMeetingDue, goldMeetingDue }) => {
    // Prepare
    const h = medicallyFitAt(presentedAt, fit);
    expect(h.timerAt('silver-escalation')).toEqual([silver]);
    expect(h.timerAt('gold-escalation')).toEqual([gold]);
    // Act: the Silver escalation falls
    h.runUntil(silver);
    // Assess
    expect(h.details.level).toBe('silver');
    expect(h.record!.clocks['silver-meeting']!.dueAt).toBe(silverMeetingDue);
    expect(h.sentTo('Escalated to Silver').sort()).toEqual([...SILVER, BRONZE_CHAIR].map((a) => [silver, a]).sort());
    // Act: Gold
    h.runUntil(gold);
    expect(h.details.level).toBe('gold');
    expect(h.record!.clocks['gold-meeting']!.dueAt).toBe(goldMeetingDue);
    expect(h.sentTo('Escalated to Gold').sort()).toEqual([...GOLD, BRONZE_CHAIR].map((a) => [gold, a]).sort());
    const escalations = h.timeline.filter((t) => t.kind === 'escalated' && t.summary.startsWith('Escalated from'));
    expect(escalations.map((t) => [t.at, t.summary.split(':')[0]])).toEqual([
      [silver, 'Escalated from Bronze to Silver'],
      [gold, 'Escalated from Silver to Gold'],
    ]);
    expect(escalations[0]!.summary).toContain('still in an acute bed 24 hours after being medically fit');
    expect(escalations[1]!.summary).toContain('still in an acute bed 72 hours after being medically fit');
  });

  it('leaving the acute bed before 24 hours stops the clock: no escalation, hours kept', () => {
    const h = medicallyFitAt('2027-02-04T09:00:00Z', '2027-02-05T18:00:00Z');
    h.apply(
      'discharged',
      { dischargedAt: '2027-02-06T09:30:00Z', outcome: 'localityTeam' },
      health,
      '2027-02-06T09:30:00Z',
    );
    h.runUntil('2027-03-01T00:00:00Z');
    expect(h.details.highestLevel).toBe('bronze');
    expect(h.details.hoursDelayed).toBe(15.5);
    expect(h.record!.clocks['delayed-discharge']!.status).toBe('met');
    expect(h.record!.status).toBe('closed');
    expect(h.sentTo('Escalated')).toEqual([]);
  });
});

describe('Silver recording the matter unresolved escalates to Gold at once', () => {
  it('before 72 hours: Gold is told then, its meeting is due 24 hours later, and the 72-hour escalation does not fire again', () => {
    const h = medicallyFitAt('2027-02-01T08:00:00Z', '2027-02-01T10:00:00Z'); // Mon 10:00 GMT
    h.runUntil('2027-02-02T10:00:00Z'); // Silver at Tue 10:00
    const silverMet = '2027-02-03T09:00:00Z'; // Wed 09:00, inside its due (end of Wed 3 Feb)
    const d = h.apply('silverMeetingHeld', { ...meeting(silverMet), outcome: 'unresolved' }, chair, silverMet);
    expect(d.outcome).toBe('applied');
    expect(h.record!.clocks['silver-meeting']!.status).toBe('met');
    expect(h.details.level).toBe('gold');
    expect(h.record!.clocks['gold-meeting']!.dueAt).toBe('2027-02-04T09:00:00.000Z');
    expect(h.timerAt('gold-escalation')).toEqual([]); // was Thu 4 Feb 10:00
    expect(h.sentTo('Escalated to Gold').sort()).toEqual([...GOLD, BRONZE_CHAIR].map((a) => [silverMet, a]).sort());
    expect(h.timeline.filter((t) => t.kind === 'escalated').at(-1)!.summary).toContain(
      'Silver recorded the matter unresolved',
    );
    h.runUntil('2027-02-10T00:00:00Z');
    expect(h.sentTo('Escalated to Gold')).toHaveLength(4);
  });

  it('resolved: the case stays at Silver until the Bronze chair steps it down', () => {
    const h = medicallyFitAt('2027-02-01T08:00:00Z', '2027-02-01T10:00:00Z');
    h.runUntil('2027-02-02T10:00:00Z');
    h.apply(
      'silverMeetingHeld',
      { ...meeting('2027-02-02T15:00:00Z'), outcome: 'resolved' },
      chair,
      '2027-02-02T15:00:00Z',
    );
    expect(h.details.level).toBe('silver');
  });

  it('a Silver meeting for a case never escalated is refused (409)', () => {
    const h = medicallyFitAt('2027-02-01T08:00:00Z', '2027-02-01T10:00:00Z');
    const d = h.apply(
      'silverMeetingHeld',
      { ...meeting('2027-02-01T11:00:00Z'), outcome: 'resolved' },
      chair,
      '2027-02-01T11:00:00Z',
    );
    expect(d.outcome).toBe('rejected');
    expect(d.response.rejection!.status).toBe(409);
  });
});

describe("each council's members hear of their own council's young people", () => {
  it("an Eastbrook young person's Silver and Gold tell Eastbrook's head of service and director, not Riverside's", () => {
    // Prepare: medically fit Mon 1 Feb 2027 10:00 GMT; Silver 24 hours on, Gold 72.
    const h = medicallyFitAt('2027-02-01T08:00:00Z', '2027-02-01T10:00:00Z', 'eastbrook-council');
    // Act
    h.runUntil('2027-02-04T10:00:00Z');
    // Assess: the health and ICB members as ever; the council's members Eastbrook's only.
    const eastbrook = (riverside: string) => riverside.replace('@riverside.example', '@eastbrook.example');
    expect(
      h
        .sentTo('Escalated to Silver')
        .map(([, a]) => a)
        .sort(),
    ).toEqual([...SILVER.map(eastbrook), BRONZE_CHAIR].sort());
    expect(
      h
        .sentTo('Escalated to Gold')
        .map(([, a]) => a)
        .sort(),
    ).toEqual([...GOLD.map(eastbrook), BRONZE_CHAIR].sort());
  });
});

describe('stepping down (de-escalation)', () => {
  it('Gold to Silver, then Silver to Bronze: each with its reason on the timeline, the level it leaves told, open meetings no longer due', () => {
    const h = medicallyFitAt('2027-02-01T08:00:00Z', '2027-02-01T10:00:00Z');
    h.runUntil('2027-02-04T10:00:00Z'); // Silver Tue 10:00, Gold Thu 10:00
    expect(h.details.level).toBe('gold');
    h.outbox = [];
    const at = '2027-02-04T16:00:00Z';
    expect(h.apply('steppedDown', { to: 'silver', reason: 'bedOffered', at }, chair, at).outcome).toBe('applied');
    expect(h.details.level).toBe('silver');
    expect(h.record!.clocks['gold-meeting']!.status).toBe('notApplicable');
    expect(h.outbox.map((m) => m.address).sort()).toEqual([...GOLD, BRONZE_CHAIR].sort());
    const later = '2027-02-04T18:00:00Z';
    h.apply(
      'steppedDown',
      { to: 'bronze', reason: 'other', reasonText: 'Family home ready with support from tomorrow', at: later },
      chair,
      later,
    );
    expect(h.timeline.filter((t) => t.kind === 'deescalated').map((t) => t.summary)).toEqual([
      'Stepped down from Gold to Silver: a bed has been offered. Gold members and the Bronze chair told',
      'Stepped down from Silver to Bronze: Family home ready with support from tomorrow. Silver members and the Bronze chair told',
    ]);
    expect(h.details.levelChanges.map((c) => [c.from, c.to])).toEqual([
      ['bronze', 'silver'],
      ['silver', 'gold'],
      ['gold', 'silver'],
      ['silver', 'bronze'],
    ]);
  });

  it.each([
    { name: 'to the same level', to: 'silver', path: 'to' },
    { name: 'other without words', to: 'bronze', reason: 'other', path: 'reasonText' },
  ])('refuses a step $name, naming $path', ({ to, reason, path }) => {
    const h = medicallyFitAt('2027-02-01T08:00:00Z', '2027-02-01T10:00:00Z');
    h.runUntil('2027-02-02T10:00:00Z');
    const d = h.apply(
      'steppedDown',
      { to, reason: reason ?? 'bedOffered', at: '2027-02-02T11:00:00Z' },
      chair,
      '2027-02-02T11:00:00Z',
    );
    expect(d.outcome).toBe('rejected');
    expect(d.response.rejection!.issues.map((i) => i.path)).toEqual([path]);
  });
});

describe('the Bronze MDT: first meeting within 1 working day, then daily while Red and weekly while Amber', () => {
  it.each([
    { presentedAt: '2027-02-01T10:00:00Z', due: '2027-02-02T23:59:59.999Z', note: 'Mon: end of Tue' },
    { presentedAt: '2027-02-05T16:00:00Z', due: '2027-02-08T23:59:59.999Z', note: 'Fri: end of Mon' },
    {
      presentedAt: '2026-12-24T16:00:00Z',
      due: '2026-12-29T23:59:59.999Z',
      note: 'Christmas Eve: end of Tue 29 Dec (25 and 28 Dec bank holidays)',
    },
    {
      presentedAt: '2027-08-27T15:00:00Z',
      due: '2027-08-31T22:59:59.999Z',
      note: 'Fri before the August bank holiday: end of Tue 31 Aug BST',
    },
  ])('first meeting due: $note; not recorded, the Bronze chair is told at that instant', ({ presentedAt, due }) => {
    const h = new CrisisHarness();
    h.apply('presented', examplePresentation({ presentedAt }), health, presentedAt);
    expect(h.record!.clocks['bronze-first-meeting']!.dueAt).toBe(due);
    h.runUntil(due);
    expect(h.sentTo('First Bronze MDT meeting')).toEqual([[due, BRONZE_CHAIR]]);
  });

  it('rating changes mid-stay re-plan the next meeting; Green pauses; a meeting not recorded alerts the chair, one recorded does not', () => {
    // Prepare: presented Mon 1 Feb 2027 10:00, Red; first meeting Tue 2 Feb 11:00 (on time) starts the cadence on Tue 2 Feb.
    const h = new CrisisHarness();
    h.apply('presented', examplePresentation({ presentedAt: '2027-02-01T10:00:00Z' }), health, '2027-02-01T10:00:00Z');
    h.apply('bronzeMeetingHeld', meeting('2027-02-02T11:00:00Z'), chair, '2027-02-02T11:00:00Z');
    expect(h.record!.clocks['bronze-first-meeting']!.status).toBe('met');

    const steps: { at: string; act: () => void; daily: string[]; weekly: string[]; cadenceDue?: string }[] = [
      {
        at: 'after the first meeting (Red)',
        act: () => {},
        daily: ['2027-02-03T23:59:59.999Z'],
        weekly: [],
        cadenceDue: '2027-02-03T23:59:59.999Z',
      },
      // Wed 3 Feb 09:00: Amber. The weekly rhythm counts from Tue 2 Feb: next at the end of Tue 9 Feb.
      {
        at: 'Amber',
        act: () =>
          h.apply(
            'ratingChanged',
            { rating: 'amber', changedAt: '2027-02-03T09:00:00Z' },
            health,
            '2027-02-03T09:00:00Z',
          ),
        daily: [],
        weekly: ['2027-02-09T23:59:59.999Z'],
        cadenceDue: '2027-02-09T23:59:59.999Z',
      },
      // Thu 4 Feb 12:00: Green. No regular meetings: the cadence is paused.
      {
        at: 'Green',
        act: () =>
          h.apply(
            'ratingChanged',
            { rating: 'green', changedAt: '2027-02-04T12:00:00Z' },
            chair,
            '2027-02-04T12:00:00Z',
          ),
        daily: [],
        weekly: [],
      },
      // Fri 5 Feb 10:00: Red again. Next daily meeting: the end of Fri 5 Feb.
      {
        at: 'Red',
        act: () =>
          h.apply(
            'ratingChanged',
            { rating: 'red', changedAt: '2027-02-05T10:00:00Z' },
            health,
            '2027-02-05T10:00:00Z',
          ),
        daily: ['2027-02-05T23:59:59.999Z'],
        weekly: [],
        cadenceDue: '2027-02-05T23:59:59.999Z',
      },
    ];
    for (const step of steps) {
      step.act();
      expect([step.at, h.timerAt('daily-meeting'), h.timerAt('weekly-meeting')]).toEqual([
        step.at,
        step.daily,
        step.weekly,
      ]);
      if (step.cadenceDue) expect(h.record!.clocks['bronze-mdt']!.dueAt).toBe(step.cadenceDue);
    }
    expect(h.record!.clocks['bronze-mdt']!.status).toBe('running');
    expect(h.record!.clocks['bronze-mdt']!.history.map((x) => x.change)).toEqual(['started', 'paused', 'resumed']);

    // Act: no meeting on Fri 5 Feb; one on Sat 6 Feb.
    h.runUntil('2027-02-05T23:59:59.999Z');
    h.apply('bronzeMeetingHeld', meeting('2027-02-06T10:00:00Z'), chair, '2027-02-06T10:00:00Z');
    h.runUntil('2027-02-06T23:59:59.999Z');

    // Assess
    expect(h.sentTo('Bronze MDT meeting for')).toEqual([['2027-02-05T23:59:59.999Z', BRONZE_CHAIR]]);
    expect(h.details.cadence).toEqual([
      { dueAt: '2027-02-05T23:59:59.999Z', rating: 'red', held: false },
      { dueAt: '2027-02-06T23:59:59.999Z', rating: 'red', held: true },
    ]);
    expect(h.timerAt('daily-meeting')).toEqual(['2027-02-07T23:59:59.999Z']);
  });

  it.each([
    { rating: 'red', meetingRating: 'amber', daily: [], weekly: ['2027-02-09T23:59:59.999Z'], status: 'running' },
    { rating: 'red', meetingRating: undefined, daily: ['2027-02-03T23:59:59.999Z'], weekly: [], status: 'running' },
    { rating: 'green', meetingRating: undefined, daily: [], weekly: [], status: 'paused' },
    { rating: 'green', meetingRating: 'red', daily: ['2027-02-03T23:59:59.999Z'], weekly: [], status: 'running' },
  ])(
    'rated $rating, a first meeting agreeing $meetingRating plans daily $daily, weekly $weekly',
    ({ rating, meetingRating, daily, weekly, status }) => {
      // Presented Mon 1 Feb; the first meeting on Tue 2 Feb 11:00 starts the cadence from Tue 2 Feb.
      const h = new CrisisHarness();
      h.apply(
        'presented',
        examplePresentation({ presentedAt: '2027-02-01T10:00:00Z', rating }),
        health,
        '2027-02-01T10:00:00Z',
      );
      const d = h.apply(
        'bronzeMeetingHeld',
        meeting('2027-02-02T11:00:00Z', meetingRating ? { rating: meetingRating } : {}),
        chair,
        '2027-02-02T11:00:00Z',
      );
      expect(d.outcome).toBe('applied');
      expect([h.timerAt('daily-meeting'), h.timerAt('weekly-meeting'), h.record!.clocks['bronze-mdt']!.status]).toEqual(
        [daily, weekly, status],
      );
      expect(h.details.rating).toBe(meetingRating ?? rating);
    },
  );

  it('a weekly meeting counts if held any day of the 7 days ending on its due day', () => {
    const h = new CrisisHarness();
    h.apply(
      'presented',
      examplePresentation({ presentedAt: '2027-02-01T10:00:00Z', rating: 'amber' }),
      health,
      '2027-02-01T10:00:00Z',
    );
    h.apply('bronzeMeetingHeld', meeting('2027-02-01T15:00:00Z'), chair, '2027-02-01T15:00:00Z'); // cadence from Mon 1 Feb
    expect(h.timerAt('weekly-meeting')).toEqual(['2027-02-08T23:59:59.999Z']);
    h.apply('bronzeMeetingHeld', meeting('2027-02-03T15:00:00Z'), chair, '2027-02-03T15:00:00Z'); // Wed 3 Feb: inside 2-8 Feb
    h.runUntil('2027-02-15T23:59:59.999Z'); // nothing in 9-15 Feb
    expect(h.details.cadence.map((c) => [c.dueAt, c.held])).toEqual([
      ['2027-02-08T23:59:59.999Z', true],
      ['2027-02-15T23:59:59.999Z', false],
    ]);
    expect(h.sentTo('Bronze MDT meeting for')).toEqual([['2027-02-15T23:59:59.999Z', BRONZE_CHAIR]]);
  });
});

describe('the next Bronze meeting due: the first occurrence whose period has no meeting yet', () => {
  it.each([
    {
      note: 'Red (GMT): met on Wed 3 Feb, the next is due by the end of Thu 4 Feb, not Wed',
      rating: 'red',
      presentedAt: '2027-02-01T10:00:00Z',
      first: '2027-02-02T11:00:00Z', // cadence from Tue 2 Feb: its first occurrence is the end of Wed 3 Feb
      before: '2027-02-03T23:59:59.999Z',
      meeting: '2027-02-03T10:00:00Z',
      after: '2027-02-04T23:59:59.999Z',
      words: 'Thu 4 Feb 2027 at 23:59',
    },
    {
      note: 'Red (BST): met on Wed 7 Apr, the next is due by the end of Thu 8 Apr London (22:59:59.999Z)',
      rating: 'red',
      presentedAt: '2027-04-05T09:00:00Z',
      first: '2027-04-06T10:00:00Z',
      before: '2027-04-07T22:59:59.999Z',
      meeting: '2027-04-07T08:00:00Z',
      after: '2027-04-08T22:59:59.999Z',
      words: 'Thu 8 Apr 2027 at 23:59',
    },
    {
      note: 'Amber: met on Wed 3 Feb, inside the week 2-8 Feb: the next is the week ending Mon 15 Feb',
      rating: 'amber',
      presentedAt: '2027-02-01T10:00:00Z',
      first: '2027-02-01T15:00:00Z', // cadence from Mon 1 Feb: weekly, the end of Mon 8 Feb
      before: '2027-02-08T23:59:59.999Z',
      meeting: '2027-02-03T15:00:00Z',
      after: '2027-02-15T23:59:59.999Z',
      words: 'Mon 15 Feb 2027 at 23:59',
    },
  ])('$note', ({ rating, presentedAt, first, before, meeting: heldAt, after, words }) => {
    // Prepare
    const h = new CrisisHarness();
    h.apply('presented', examplePresentation({ presentedAt, rating }), health, presentedAt);
    h.apply('bronzeMeetingHeld', meeting(first), chair, first);
    expect(h.record!.clocks['bronze-mdt']!.dueAt).toBe(before);
    // Act
    const held = h.apply('bronzeMeetingHeld', meeting(heldAt), chair, heldAt);
    // Assess: the clock, and what the chair is told when recording
    expect(h.record!.clocks['bronze-mdt']!.dueAt).toBe(after);
    expect(held.outcome === 'applied' && held.response.message).toBe(
      `Bronze meeting recorded; next Bronze meeting due by ${words}`,
    );
    // The occurrence the meeting met passes without an alert, and the next stays where it was.
    h.runUntil(before);
    expect(h.sentTo('Bronze MDT meeting for')).toEqual([]);
    expect(h.record!.clocks['bronze-mdt']!.dueAt).toBe(after);
  });

  it('an occurrence missed moves the next on by one period, the chair told each time', () => {
    // Prepare: Red from Tue 2 Feb; no meeting on Wed 3 or Thu 4 Feb
    const h = new CrisisHarness();
    h.apply('presented', examplePresentation({ presentedAt: '2027-02-01T10:00:00Z' }), health, '2027-02-01T10:00:00Z');
    h.apply('bronzeMeetingHeld', meeting('2027-02-02T11:00:00Z'), chair, '2027-02-02T11:00:00Z');
    // Act
    h.runUntil('2027-02-04T23:59:59.999Z');
    // Assess
    expect(h.sentTo('Bronze MDT meeting for')).toEqual([
      ['2027-02-03T23:59:59.999Z', BRONZE_CHAIR],
      ['2027-02-04T23:59:59.999Z', BRONZE_CHAIR],
    ]);
    expect(h.record!.clocks['bronze-mdt']!.dueAt).toBe('2027-02-05T23:59:59.999Z');
  });
});

describe('crisis assessment: face to face within 4 hours (very urgent) or 24 hours (urgent), elapsed', () => {
  it.each([
    {
      urgency: 'veryUrgent',
      presentedAt: '2027-02-06T22:00:00Z',
      reminder: '2027-02-07T01:00:00.000Z',
      due: '2027-02-07T02:00:00.000Z',
      note: 'Sat 22:00: due Sun 02:00, over midnight',
    },
    {
      urgency: 'urgent',
      presentedAt: '2027-10-30T22:30:00Z',
      reminder: '2027-10-31T16:30:00.000Z',
      due: '2027-10-31T22:30:00.000Z',
      note: 'Sat 23:30 BST: due Sun 22:30 GMT, 24 real hours across the clock change',
    },
    {
      urgency: 'urgent',
      presentedAt: '2026-12-24T20:00:00Z',
      reminder: '2026-12-25T14:00:00.000Z',
      due: '2026-12-25T20:00:00.000Z',
      note: 'Christmas Eve 20:00: due Christmas Day 20:00',
    },
  ])('$note', ({ urgency, presentedAt, reminder, due }) => {
    const h = new CrisisHarness();
    h.apply('presented', examplePresentation({ presentedAt, urgency }), health, presentedAt);
    expect(h.timerAt('assessment-reminder')).toEqual([reminder]);
    expect(h.record!.clocks['crisis-assessment']!.dueAt).toBe(due);
    expect(h.outbox.map((m) => m.address)).toEqual(['camhs.crisis.team@riverside-health.example.nhs.uk']);
    h.runUntil(due);
    expect(h.sentTo('was due by')).toEqual([
      [due, 'camhs.crisis.team@riverside-health.example.nhs.uk'],
      [due, BRONZE_CHAIR],
    ]);
    expect(h.record!.clocks['crisis-assessment']!.status).toBe('breached');
  });

  it('an assessment in time is met, and the hours are kept', () => {
    const h = new CrisisHarness();
    h.apply('presented', examplePresentation({ presentedAt: '2027-02-06T22:00:00Z' }), health, '2027-02-06T22:00:00Z');
    h.apply('crisisAssessed', { assessedAt: '2027-02-07T01:15:00Z' }, health, '2027-02-07T01:20:00Z');
    expect(h.details.assessment).toEqual({
      at: '2027-02-07T01:15:00.000Z',
      hoursAfterPresentation: 3.25,
      withinTarget: true,
    });
    expect(h.record!.clocks['crisis-assessment']!.status).toBe('met');
  });
});

describe('Tier 4, Care, Education and Treatment Reviews, home treatment, adult services', () => {
  it('an autistic young person: Tier 4 referral asks for a community review; after admission a review within 5 working days', () => {
    const h = new CrisisHarness();
    h.apply(
      'presented',
      examplePresentation({ presentedAt: '2027-02-01T10:00:00Z', autisticOrLearningDisability: true }),
      health,
      '2027-02-01T10:00:00Z',
    );
    h.apply('tier4Referred', { referredAt: '2027-02-02T09:00:00Z' }, health, '2027-02-02T09:00:00Z');
    expect(h.sentTo('Community Care, Education and Treatment Review needed').map((x) => x[1])).toEqual([
      'camhs.crisis.team@riverside-health.example.nhs.uk',
      BRONZE_CHAIR,
    ]);
    h.apply('careReviewHeld', { kind: 'community', heldOn: '2027-02-03' }, health, '2027-02-03T16:00:00Z');
    h.apply('tier4BedOffered', { offeredAt: '2027-02-04T21:30:00Z' }, health, '2027-02-04T21:30:00Z');
    expect(h.details.tier4).toEqual({
      referredAt: '2027-02-02T09:00:00.000Z',
      bedOfferedAt: '2027-02-04T21:30:00.000Z',
      hoursToBedOffer: 60.5,
    });
    // Admitted Fri 5 Feb: 5 working days: Mon 8 ... Fri 12 Feb.
    h.apply(
      'discharged',
      { dischargedAt: '2027-02-05T12:00:00Z', outcome: 'tier4Admission' },
      health,
      '2027-02-05T12:00:00Z',
    );
    expect(h.record!.status).toBe('open');
    expect(h.record!.clocks['post-admission-care-review']!.dueAt).toBe('2027-02-12T23:59:59.999Z');
    h.apply('careReviewHeld', { kind: 'postAdmission', heldOn: '2027-02-11' }, health, '2027-02-11T17:00:00Z');
    expect(h.details.careReviews.postAdmission).toMatchObject({ heldOn: '2027-02-11', onTime: true });
    expect(h.record!.status).toBe('closed');
  });

  it('a review for a young person the review rules do not cover is refused (409)', () => {
    const h = new CrisisHarness();
    h.apply('presented', examplePresentation({ presentedAt: '2027-02-01T10:00:00Z' }), health, '2027-02-01T10:00:00Z');
    const d = h.apply('careReviewHeld', { kind: 'community', heldOn: '2027-02-01' }, health, '2027-02-01T12:00:00Z');
    expect(d.response.rejection!.status).toBe(409);
  });

  it("home with intensive home treatment: a 6-week package ending at the team's 08:00 opening, the team told, a week's notice, then its end", () => {
    const h = new CrisisHarness();
    h.apply('presented', examplePresentation({ presentedAt: '2027-02-01T10:00:00Z' }), health, '2027-02-01T10:00:00Z');
    h.outbox = [];
    h.apply(
      'discharged',
      { dischargedAt: '2027-02-05T15:00:00Z', outcome: 'homeWithHomeTreatment' },
      health,
      '2027-02-05T15:00:00Z',
    );
    // 5 Feb + 42 days = Fri 19 Mar 2027, 08:00 GMT.
    expect(h.record!.clocks['intensive-home-treatment']!.dueAt).toBe('2027-03-19T08:00:00.000Z');
    expect(h.details.homeTreatment).toMatchObject({ startsOn: '2027-02-05', weeks: 6 });
    expect(h.outbox.map((m) => m.address)).toEqual(['intensive.home.treatment@riverside-health.example.nhs.uk']);
    expect(h.outbox[0]!.body).toContain('08:00 to 20:00, 7 days a week');
    h.runUntil('2027-03-19T08:00:00.000Z');
    expect(h.sentTo('Intensive home treatment for')).toEqual([
      ['2027-02-05T15:00:00Z', 'intensive.home.treatment@riverside-health.example.nhs.uk'],
      ['2027-03-12T09:00:00.000Z', 'intensive.home.treatment@riverside-health.example.nhs.uk'], // 09:00, 7 days before
      ['2027-03-19T08:00:00.000Z', 'intensive.home.treatment@riverside-health.example.nhs.uk'],
      ['2027-03-19T08:00:00.000Z', BRONZE_CHAIR],
    ]);
    h.apply('homeTreatmentEnded', { endedOn: '2027-03-19' }, health, '2027-03-19T12:00:00Z');
    expect(h.record!.status).toBe('closed');
    expect(h.record!.clocks['intensive-home-treatment']!.status).toBe('met'); // ended on its planned last day
  });

  it.each([
    {
      dateOfBirth: '2011-02-03',
      at: '2027-02-02T10:00:00Z',
      accepted: false,
      note: '15, the day before the 16th birthday',
    },
    { dateOfBirth: '2011-02-02', at: '2027-02-02T10:00:00Z', accepted: true, note: '16 on the day' },
  ])('adult crisis services referral: $note', ({ dateOfBirth, at, accepted }) => {
    const h = new CrisisHarness();
    h.apply(
      'presented',
      examplePresentation({ presentedAt: '2027-02-01T10:00:00Z', youngPerson: { name: 'Jordan Test', dateOfBirth } }),
      health,
      '2027-02-01T10:00:00Z',
    );
    const d = h.apply('adultServicesReferred', { referredAt: at }, health, at);
    expect(d.outcome).toBe(accepted ? 'applied' : 'rejected');
    if (!accepted) expect(d.response.rejection!.issues[0]!.path).toBe('referredAt');
  });
});

describe('presentations: who records them, what is refused, what messages carry', () => {
  it.each([
    {
      name: 'a young person of 18',
      change: { youngPerson: { name: 'A B', dateOfBirth: '2009-01-31' } },
      path: 'youngPerson.dateOfBirth',
    },
    {
      name: 'a local authority that is a health provider',
      change: { localAuthority: 'riverside-health' },
      path: 'localAuthority',
    },
    { name: 'a presentation in the future', change: { presentedAt: '2027-02-01T11:00:00Z' }, path: 'presentedAt' },
  ])('refuses $name with a 400 naming $path', ({ change, path }) => {
    const h = new CrisisHarness();
    const d = h.apply(
      'presented',
      examplePresentation({ presentedAt: '2027-02-01T10:00:00Z', ...change }),
      health,
      '2027-02-01T10:00:00Z',
    );
    expect(d.outcome).toBe('rejected');
    expect(d.response.rejection!.status).toBe(400);
    expect(d.response.rejection!.issues[0]!.path).toBe(path);
  });

  it.each([
    ['another provider in the directory', 'northvale-health'],
    ['a provider not in the directory', 'elsewhere-health'],
  ])(
    'a health practitioner naming %s as the provider is refused (403 naming healthProvider): no case, nobody told, the refusal audited',
    (_name, healthProvider) => {
      // Prepare
      const h = new CrisisHarness();
      // Act
      const d = h.apply(
        'presented',
        examplePresentation({ presentedAt: '2027-02-01T10:00:00Z', healthProvider }),
        health,
        '2027-02-01T10:00:00Z',
      );
      // Assess
      expect(d.outcome).toBe('rejected');
      expect(d.response.rejection).toMatchObject({
        status: 403,
        code: 'notPermitted',
        issues: [{ path: 'healthProvider' }],
      });
      expect(h.record).toBeUndefined();
      expect(h.outbox).toEqual([]);
      expect(d.outcome === 'rejected' && d.audit.map((a) => [a.action, a.what])).toEqual([
        ['refused', 'Young person presented in crisis: healthProvider names another organisation'],
      ]);
    },
  );

  it('a council practitioner cannot record a presentation (403)', () => {
    const h = new CrisisHarness();
    const d = h.apply(
      'presented',
      examplePresentation({ presentedAt: '2027-02-01T10:00:00Z' }),
      council,
      '2027-02-01T10:00:00Z',
    );
    expect(d.response.rejection!.status).toBe(403);
  });

  it.each([
    { type: 'bronzeMeetingHeld', payload: meeting('2027-02-05T10:00:00Z') },
    { type: 'medicallyFit', payload: { fitAt: '2027-02-05T10:00:00Z' } },
    { type: 'ratingChanged', payload: { rating: 'amber', changedAt: '2027-02-05T10:00:00Z' } },
    { type: 'steppedDown', payload: { to: 'bronze', reason: 'bedOffered', at: '2027-02-05T10:00:00Z' } },
  ])('after discharge to home treatment, $type is refused (409): the crisis stay is closed', ({ type, payload }) => {
    const h = new CrisisHarness();
    h.apply('presented', examplePresentation({ presentedAt: '2027-02-01T10:00:00Z' }), health, '2027-02-01T10:00:00Z');
    h.apply(
      'discharged',
      { dischargedAt: '2027-02-04T15:00:00Z', outcome: 'homeWithHomeTreatment' },
      health,
      '2027-02-04T15:00:00Z',
    );
    const d = h.apply(type, payload, chair, '2027-02-05T10:00:00Z');
    expect(d.outcome).toBe('rejected');
    expect(d.response.rejection!.status).toBe(409);
  });

  it('medically fit is for an acute bed only (409 for a community presentation)', () => {
    const h = new CrisisHarness();
    h.apply(
      'presented',
      examplePresentation({ presentedAt: '2027-02-01T10:00:00Z', setting: 'community' }),
      health,
      '2027-02-01T10:00:00Z',
    );
    expect(
      h.apply('medicallyFit', { fitAt: '2027-02-01T12:00:00Z' }, health, '2027-02-01T12:00:00Z').response.rejection!
        .status,
    ).toBe(409);
  });

  it("no message carries the young person's name, date of birth or reference", () => {
    const h = medicallyFitAt('2027-02-04T09:00:00Z', '2027-02-05T18:00:00Z');
    h.runUntil('2027-02-10T00:00:00Z');
    expect(h.outbox.length).toBeGreaterThan(8);
    for (const m of h.outbox) expect(`${m.subject} ${m.body}`).not.toMatch(/Jordan|2011-03-09|CAMHS-2001/);
  });
});

describe("the partnership's crisis escalation settings, checked at start", () => {
  const withSettings = (settings: unknown) =>
    ({
      ...shipped,
      processes: { ...shipped.processes, 'crisis-escalation': { ...shipped.processes['crisis-escalation'], settings } },
    }) as typeof shipped;
  const problems = (settings: unknown) => {
    try {
      checkPartnership(processCatalogue, withSettings(settings));
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(PartnershipConfigError);
      return (e as PartnershipConfigError).problems;
    }
  };
  const levels = shipped.processes['crisis-escalation']!.settings!.levels as {
    bronze: unknown[];
    silver: unknown[];
    gold: unknown[];
  };

  it.each([
    { name: 'the shipped settings', settings: shipped.processes['crisis-escalation']!.settings, problem: undefined },
    {
      name: 'Bronze without a chair',
      settings: {
        levels: {
          ...levels,
          bronze: [
            {
              role: 'member',
              title: 'Matron',
              organisation: 'riverside-health',
              address: 'm@riverside-health.example.nhs.uk',
            },
          ],
        },
      },
      problem: 'processes.crisis-escalation.settings.levels.bronze: expected at least one member with role chair',
    },
    {
      name: 'a member without an email address',
      settings: {
        levels: {
          ...levels,
          gold: [{ role: 'chair', title: 'Director', organisation: 'riverside-icb', address: 'not an address' }],
        },
      },
      problem: 'processes.crisis-escalation.settings.levels.gold.0.address',
    },
    {
      name: 'home treatment hours that are not a time',
      settings: {
        intensiveHomeTreatment: {
          organisation: 'riverside-health',
          address: 'iht@riverside-health.example.nhs.uk',
          opensAt: '8am',
        },
      },
      problem: 'processes.crisis-escalation.settings.intensiveHomeTreatment.opensAt',
    },
    {
      name: 'an unknown setting',
      settings: { silverAfterHours: 12 },
      problem:
        "processes.crisis-escalation.settings.silverAfterHours: crisis-escalation has no setting 'silverAfterHours'",
    },
    {
      name: 'a member of an organisation not in the directory',
      settings: {
        levels: {
          ...levels,
          silver: [
            { role: 'chair', title: 'Director', organisation: 'elsewhere-icb', address: 'd@elsewhere.example.nhs.uk' },
          ],
        },
      },
      problem:
        "processes.crisis-escalation.settings.levels.silver.0.organisation: no organisation 'elsewhere-icb' in the directory",
    },
    {
      name: 'a home treatment team of an organisation not in the directory',
      settings: {
        intensiveHomeTreatment: { organisation: 'elsewhere-health', address: 'iht@elsewhere.example.nhs.uk' },
      },
      problem:
        "processes.crisis-escalation.settings.intensiveHomeTreatment.organisation: no organisation 'elsewhere-health'",
    },
  ])('$name', ({ settings, problem }) => {
    const found = problems(settings);
    if (problem === undefined) expect(found).toEqual([]);
    else expect(found.some((p) => p.startsWith(problem))).toBe(true);
  });
});
