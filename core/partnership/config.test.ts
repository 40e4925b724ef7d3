import { describe, expect, it } from 'vitest';
import shipped from '#config/partnership.json';
import {
  ASSESSMENT_CLOCK,
  clocks as ihaClocks,
  PROCESS_ID,
  REQUEST_CLOCK,
} from '#workflows/initial-health-assessment/contract';
import { createWorkingDayCalendar } from '../calendar';
import { plannedCheckpoints, startClock } from '../clocks/engine';
import type { ClockDefinition } from '../clocks/model';
import {
  councilsServedBy,
  effectiveClocks,
  type PartnershipConfig,
  PartnershipConfigError,
  parsePartnership,
} from './config';

/** A fresh copy of the shipped configuration to change in one test. */
const raw = (): any => structuredClone(shipped);

/** The shipped partnership with these overrides for the IHA process's clocks. */
function withClockOverrides(clocks: Record<string, unknown>): PartnershipConfig {
  const config = raw();
  config.processes = { [PROCESS_ID]: { clocks } };
  return parsePartnership(config);
}

/** The problems a call reports, or fails the test when it does not throw a PartnershipConfigError. */
function problemsOf(act: () => unknown): string[] {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(PartnershipConfigError);
    return (error as PartnershipConfigError).problems;
  }
  expect.fail('expected a PartnershipConfigError');
}

describe('the shipped partnership configuration', () => {
  it('parses, with its directory, closure days and local targets', () => {
    // Act
    const config = parsePartnership(shipped);
    // Assess
    expect(config.id).toBe('riverside');
    expect(config.organisations.map((o) => o.id)).toEqual([
      'riverside-council',
      'riverside-health',
      'riverside-icb',
      'northvale-health',
      'northvale-icb',
      'riverside-police',
      'eastbrook-council',
      'eastbrook-police',
    ]);
    expect(config.closureDays.map((d) => [d.organisation, d.date])).toEqual([
      ['riverside-council', '2026-12-29'],
      ['riverside-council', '2026-12-30'],
      ['riverside-council', '2026-12-31'],
      ['eastbrook-council', '2026-12-29'],
      ['eastbrook-council', '2026-12-30'],
    ]);
    expect(effectiveClocks(PROCESS_ID, ihaClocks, config).map((c) => [c.id, c.length])).toEqual([
      [REQUEST_CLOCK, 5],
      [ASSESSMENT_CLOCK, 20],
      ['review-health-assessment', 0],
    ]);
  });
});

describe('clock overrides', () => {
  it('refuses to lengthen a statutory clock, naming the clock and saying it is statutory', () => {
    // Prepare
    const partnership = withClockOverrides({ [ASSESSMENT_CLOCK]: { length: 25 } });
    // Act
    const problems = problemsOf(() => effectiveClocks(PROCESS_ID, ihaClocks, partnership));
    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`clocks.${ASSESSMENT_CLOCK}.length`);
    expect(problems[0]).toContain('statutory');
    expect(problems[0]).toContain('25');
  });

  it('lets a partnership shorten a statutory clock', () => {
    const partnership = withClockOverrides({ [ASSESSMENT_CLOCK]: { length: 15 } });
    const assessment = effectiveClocks(PROCESS_ID, ihaClocks, partnership).find((c) => c.id === ASSESSMENT_CLOCK)!;
    expect(assessment.length).toBe(15);
    expect(assessment.source.kind).toBe('statutory');
    // the shared defaults are not changed
    expect(ihaClocks.find((c) => c.id === ASSESSMENT_CLOCK)!.length).toBe(20);
  });

  it('keeps the statutory length when the override repeats it', () => {
    const partnership = withClockOverrides({ [ASSESSMENT_CLOCK]: { length: 20 } });
    expect(effectiveClocks(PROCESS_ID, ihaClocks, partnership).find((c) => c.id === ASSESSMENT_CLOCK)!.length).toBe(20);
  });

  it('lets a partnership lengthen a local target', () => {
    const partnership = withClockOverrides({ [REQUEST_CLOCK]: { length: 10 } });
    const request = effectiveClocks(PROCESS_ID, ihaClocks, partnership).find((c) => c.id === REQUEST_CLOCK)!;
    expect(request).toMatchObject({ length: 10, source: { kind: 'localTarget' } });
  });

  it('names a clock the process does not have', () => {
    const partnership = withClockOverrides({ 'request-to-school': { length: 3 } });
    const problems = problemsOf(() => effectiveClocks(PROCESS_ID, ihaClocks, partnership));
    expect(problems).toEqual([
      `processes.${PROCESS_ID}.clocks.request-to-school: ${PROCESS_ID} has no clock request-to-school`,
    ]);
  });

  it('names a checkpoint the clock does not have', () => {
    const partnership = withClockOverrides({
      [REQUEST_CLOCK]: { checkpoints: { 'request-nudge': { recipients: ['socialWorker'] } } },
    });
    const problems = problemsOf(() => effectiveClocks(PROCESS_ID, ihaClocks, partnership));
    expect(problems).toEqual([
      `processes.${PROCESS_ID}.clocks.${REQUEST_CLOCK}.checkpoints.request-nudge: no such checkpoint`,
    ]);
  });

  it('reports every problem at once', () => {
    const partnership = withClockOverrides({
      [ASSESSMENT_CLOCK]: { length: 30, checkpoints: { nope: { recipients: ['x'] } } },
      ghost: {},
    });
    const problems = problemsOf(() => effectiveClocks(PROCESS_ID, ihaClocks, partnership));
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/ghost/);
    expect(problems.join('\n')).toMatch(/statutory/);
    expect(problems.join('\n')).toMatch(/nope/);
  });

  it('a checkpoint override changes its timing and its recipients, and only that checkpoint', () => {
    // Prepare: the reminder at 2 working days instead of 3, to the social worker only
    const partnership = withClockOverrides({
      [REQUEST_CLOCK]: { checkpoints: { 'request-reminder': { at: { after: 2 }, recipients: ['socialWorker'] } } },
    });
    // Act
    const request = effectiveClocks(PROCESS_ID, ihaClocks, partnership).find((c) => c.id === REQUEST_CLOCK)!;
    // Assess
    const reminder = request.checkpoints.find((c) => c.id === 'request-reminder')!;
    const due = request.checkpoints.find((c) => c.id === 'request-due')!;
    expect(reminder).toMatchObject({ at: { after: 2 }, recipients: ['socialWorker'], kind: 'warning' });
    expect(reminder.message.subject).toContain('{due}');
    expect(due).toEqual(ihaClocks.find((c) => c.id === REQUEST_CLOCK)!.checkpoints.find((c) => c.id === 'request-due'));
    // Started Mon 14 Dec 2026: day 2 is Wed 16 Dec (the default day 3 would be Thu 17 Dec)
    const calendars = { workingDays: createWorkingDayCalendar() };
    const clock = startClock(request, { startedAt: new Date('2026-12-14T10:00:00Z') }, calendars);
    expect(plannedCheckpoints(request, clock, calendars).map((p) => [p.checkpointId, p.at.toISOString()])).toEqual([
      ['request-reminder', '2026-12-16T23:59:59.999Z'],
      ['request-due', '2026-12-21T23:59:59.999Z'],
    ]);
    // the defaults are not changed
    expect(ihaClocks.find((c) => c.id === REQUEST_CLOCK)!.checkpoints[0]).toMatchObject({
      at: { after: 3 },
      recipients: ['socialWorker', 'socialWorkManager'],
    });
  });

  it('a checkpoint override may change only the recipients, keeping the timing', () => {
    const partnership = withClockOverrides({
      [ASSESSMENT_CLOCK]: { checkpoints: { escalation: { recipients: ['headOfService'] } } },
    });
    const escalation = effectiveClocks(PROCESS_ID, ihaClocks, partnership)
      .find((c) => c.id === ASSESSMENT_CLOCK)!
      .checkpoints.find((c) => c.id === 'escalation')!;
    expect(escalation).toMatchObject({ at: { after: 25 }, recipients: ['headOfService'] });
  });

  it.each([
    ['a zero length', { length: 0 }, `processes.${PROCESS_ID}.clocks.${REQUEST_CLOCK}.length`],
    ['a fractional length', { length: 2.5 }, `processes.${PROCESS_ID}.clocks.${REQUEST_CLOCK}.length`],
    [
      'an empty recipient list',
      { checkpoints: { 'request-due': { recipients: [] } } },
      `processes.${PROCESS_ID}.clocks.${REQUEST_CLOCK}.checkpoints.request-due.recipients`,
    ],
    [
      'an unknown timing',
      { checkpoints: { 'request-due': { at: { weeks: 2 } } } },
      `processes.${PROCESS_ID}.clocks.${REQUEST_CLOCK}.checkpoints.request-due.at`,
    ],
    ['an unknown field', { lenght: 4 }, `processes.${PROCESS_ID}.clocks.${REQUEST_CLOCK}`],
  ])('refuses %s when the configuration is loaded', (_name, override, path) => {
    const config = raw();
    config.processes = { [PROCESS_ID]: { clocks: { [REQUEST_CLOCK]: override } } };
    const problems = problemsOf(() => parsePartnership(config));
    expect(problems.some((p) => p.startsWith(`${path}:`))).toBe(true);
  });
});

describe('a statutory clock is shortened, never lengthened (effectiveClocks)', () => {
  const REVIEW_CLOCK = 'review-health-assessment';

  it.each([
    [
      'a length longer than the statutory 20',
      ASSESSMENT_CLOCK,
      { length: 21 },
      `${ASSESSMENT_CLOCK}.length`,
      'may shorten it but not lengthen it',
    ],
    [
      'its due checkpoint moved to a later working day',
      ASSESSMENT_CLOCK,
      { checkpoints: { 'assessment-due': { at: { after: 25 } } } },
      `${ASSESSMENT_CLOCK}.checkpoints.assessment-due.at`,
      'never moved later',
    ],
    [
      'its due checkpoint moved hours after the due instant',
      ASSESSMENT_CLOCK,
      { checkpoints: { 'assessment-due': { at: { afterDueHours: 48 } } } },
      `${ASSESSMENT_CLOCK}.checkpoints.assessment-due.at`,
      'never moved later',
    ],
    [
      'a length on the review clock, whose due date the process sets',
      REVIEW_CLOCK,
      { length: 12 },
      `${REVIEW_CLOCK}.length`,
      'due date set by the process',
    ],
    [
      'the review due checkpoint moved after its due date',
      REVIEW_CLOCK,
      { checkpoints: { 'review-due': { at: { afterDueHours: 24 } } } },
      `${REVIEW_CLOCK}.checkpoints.review-due.at`,
      'never moved later',
    ],
    // The schema refuses these when the configuration is loaded; effectiveClocks refuses them too, for a
    // configuration changed after loading.
    [
      'its kind changed to calendar days',
      ASSESSMENT_CLOCK,
      { kind: 'calendarDays' },
      `${ASSESSMENT_CLOCK}.kind`,
      'is statutory',
    ],
    [
      'its source re-labelled as a local target',
      ASSESSMENT_CLOCK,
      { source: { kind: 'localTarget', citation: 'local' } },
      `${ASSESSMENT_CLOCK}.source`,
      'is statutory',
    ],
    [
      'closure days applied to it',
      ASSESSMENT_CLOCK,
      { closureDays: ['2026-12-29'] },
      `${ASSESSMENT_CLOCK}.closureDays`,
      'is statutory',
    ],
    [
      'its due checkpoint skipped on a condition',
      ASSESSMENT_CLOCK,
      { checkpoints: { 'assessment-due': { unlessCase: 'appointmentBooked' } } },
      `${ASSESSMENT_CLOCK}.checkpoints.assessment-due.unlessCase`,
      'only a checkpoint',
    ],
  ])('refuses %s, naming the key', (_name, clockId, override, key, words) => {
    // Prepare: the loaded configuration, then changed
    const partnership = parsePartnership(raw());
    (partnership.processes as any)[PROCESS_ID] = { clocks: { [clockId]: override } };
    // Act
    const problems = problemsOf(() => effectiveClocks(PROCESS_ID, ihaClocks, partnership));
    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^processes\\.${PROCESS_ID}\\.clocks\\.${key.replaceAll('.', '\\.')}: `));
    expect(problems[0]).toContain(words);
  });

  it.each([
    ['a shorter length', { length: 15 }],
    [
      'the due checkpoint left at the due instant, with other recipients',
      { checkpoints: { 'assessment-due': { at: { due: true }, recipients: ['designatedNurse'] } } },
    ],
    [
      'a warning moved later (the deadline does not move)',
      { checkpoints: { 'completion-reminder': { at: { after: 17 } } } },
    ],
  ])('allows %s', (_name, override) => {
    // Prepare
    const partnership = withClockOverrides({ [ASSESSMENT_CLOCK]: override });
    // Act
    const assessment = effectiveClocks(PROCESS_ID, ihaClocks, partnership).find((c) => c.id === ASSESSMENT_CLOCK)!;
    // Assess
    expect(assessment.length).toBeLessThanOrEqual(20);
    expect(assessment.checkpoints.find((c) => c.id === 'assessment-due')!.at).toEqual({ due: true });
    expect(assessment).toMatchObject({
      kind: 'workingDays',
      source: { kind: 'statutory' },
      owner: 'healthProvider',
      pausable: false,
    });
  });

  it("a local target's due checkpoint stays at its due instant too: its length is what a partnership sets", () => {
    const partnership = withClockOverrides({
      [REQUEST_CLOCK]: { checkpoints: { 'request-due': { at: { after: 8 } } } },
    });
    expect(problemsOf(() => effectiveClocks(PROCESS_ID, ihaClocks, partnership))).toEqual([
      `processes.${PROCESS_ID}.clocks.${REQUEST_CLOCK}.checkpoints.request-due.at: the due checkpoint of Request for the initial health assessment is at its due instant; change the length instead`,
    ]);
  });
});

describe('several councils and police forces in one partnership', () => {
  it('the shipped partnership: two councils, each force covering one, the ICB and its provider serving both', () => {
    const config = parsePartnership(shipped);
    expect(config.organisations.filter((o) => o.kind === 'council').map((o) => [o.id, o.localAuthorityCode])).toEqual([
      ['riverside-council', '330'],
      ['eastbrook-council', '338'],
    ]);
    expect(councilsServedBy(config, 'riverside-police')).toEqual(['riverside-council']);
    expect(councilsServedBy(config, 'eastbrook-police')).toEqual(['eastbrook-council']);
    expect(councilsServedBy(config, 'riverside-icb')).toEqual(['riverside-council', 'eastbrook-council']);
    expect(councilsServedBy(config, 'riverside-health')).toEqual(['riverside-council', 'eastbrook-council']);
    // A council acts for itself; the host area's provider outside the partnership, and an unknown id, for none.
    expect(councilsServedBy(config, 'eastbrook-council')).toEqual(['eastbrook-council']);
    expect(councilsServedBy(config, 'northvale-health')).toEqual([]);
    expect(councilsServedBy(config, 'nowhere')).toEqual([]);
  });

  it('refuses a council named that is not in the directory, naming the organisation and the place in its list', () => {
    const config = raw();
    config.organisations[5].councils = ['riverside-council', 'westmoor-council'];
    expect(problemsOf(() => parsePartnership(config))).toEqual([
      'organisations.riverside-police.councils.1: no organisation westmoor-council in the directory ' +
        '(riverside-police names it)',
    ]);
  });

  it('refuses an organisation named as a council that is not one', () => {
    const config = raw();
    config.organisations[2].councils = ['riverside-council', 'riverside-health'];
    expect(problemsOf(() => parsePartnership(config))).toEqual([
      'organisations.riverside-icb.councils.1: riverside-health is a healthProvider, not a council (riverside-icb)',
    ]);
  });

  it('refuses a council listed twice, councils on a council, and an empty list', () => {
    const config = raw();
    config.organisations[1].councils = ['riverside-council', 'riverside-council'];
    config.organisations[0].councils = ['eastbrook-council'];
    config.organisations[7].councils = [];
    expect(problemsOf(() => parsePartnership(config)).sort()).toEqual([
      'organisations.7.councils: must name at least one council, or be left out',
    ]);
    config.organisations[7].councils = ['eastbrook-council'];
    expect(problemsOf(() => parsePartnership(config))).toEqual([
      'organisations.riverside-council.councils: riverside-council is a council; only a police force, ' +
        'a health provider or an ICB names the councils it covers or serves',
      'organisations.riverside-health.councils.1: riverside-council is listed twice for riverside-health',
    ]);
  });

  it('refuses two councils with one local authority code (a school finds its council by it)', () => {
    const config = raw();
    config.organisations[6].localAuthorityCode = '330';
    expect(problemsOf(() => parsePartnership(config))).toEqual([
      "organisations.eastbrook-council.localAuthorityCode: 330 is already riverside-council's; " +
        'each council has its own local authority code',
    ]);
  });
});

describe('the organisation directory', () => {
  it('refuses a mailbox that is not an email address, naming the mailbox', () => {
    // Prepare
    const config = raw();
    config.organisations[1].mailboxes.assessmentTeam = 'lac.health.team at riverside';
    // Act
    const problems = problemsOf(() => parsePartnership(config));
    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^organisations\.1\.mailboxes\.assessmentTeam: /);
  });

  it('refuses an organisation listed twice', () => {
    const config = raw();
    config.organisations.push({ ...config.organisations[1], name: 'Riverside Health again' });
    expect(problemsOf(() => parsePartnership(config))).toEqual(['organisations: riverside-health is listed twice']);
  });

  it('refuses a health provider whose ICB is not in the directory', () => {
    const config = raw();
    config.organisations[3].icb = 'southvale-icb';
    expect(problemsOf(() => parsePartnership(config))).toEqual([
      'organisations.northvale-health.icb: no organisation southvale-icb',
    ]);
  });

  it.each([
    [
      'an organisation id with capitals',
      (c: any) => (c.organisations[0].id = 'Riverside-Council'),
      'organisations.0.id',
    ],
    ['an unknown organisation kind', (c: any) => (c.organisations[0].kind = 'charity'), 'organisations.0.kind'],
    [
      'a local authority code that is not three digits',
      (c: any) => (c.organisations[0].localAuthorityCode = '33'),
      'organisations.0.localAuthorityCode',
    ],
    ['a closure day that is not a real date', (c: any) => (c.closureDays[0].date = '2026-02-30'), 'closureDays.0.date'],
    [
      'a closure day that names no organisation (closing the whole partnership)',
      (c: any) => delete c.closureDays[0].organisation,
      'closureDays.0.organisation',
    ],
    [
      'a closure day of an organisation not in the directory',
      (c: any) => (c.closureDays[1].organisation = 'riverside'),
      'closureDays.1.organisation',
    ],
    ['a sign-in address that is not a URL', (c: any) => (c.signInUrl = 'riverside'), 'signInUrl'],
    ['no organisations', (c: any) => (c.organisations = []), 'organisations'],
  ])('refuses %s', (_name, change, path) => {
    const config = raw();
    change(config);
    const problems = problemsOf(() => parsePartnership(config));
    expect(problems.some((p) => p.startsWith(`${path}: `))).toBe(true);
  });

  it('refuses an unknown field at the top level, by name', () => {
    const config = raw();
    config.notifyApiKey = 'secret';
    const problems = problemsOf(() => parsePartnership(config));
    expect(problems.join('\n')).toContain('notifyApiKey');
  });
});

describe('process settings', () => {
  it('may be structured (a list of members, an object of hours), left for the process schema to check', () => {
    const config = raw();
    config.processes = {
      'some-process': {
        settings: { members: [{ role: 'chair', address: 'chair@example.org' }], hours: { from: '08:00', to: '20:00' } },
      },
    };
    const parsed = parsePartnership(config);
    expect(parsed.processes['some-process']!.settings).toEqual({
      members: [{ role: 'chair', address: 'chair@example.org' }],
      hours: { from: '08:00', to: '20:00' },
    });
  });

  it('refuses a value that is not JSON (a function), naming its key', () => {
    const config = raw();
    config.processes = { 'some-process': { settings: { members: () => 1 } } };
    const problems = problemsOf(() => parsePartnership(config));
    expect(problems.some((p) => p.startsWith('processes.some-process.settings.members: '))).toBe(true);
  });
});

describe("a local target's checkpoints may be timed by a share of its length or, when recurring, by a rhythm", () => {
  // A process of this test's own: a local target (calendar days) with a review recurring while the
  // episode is open, following pauses, and a statutory working-day clock with one of its own.
  const TEST_PROCESS = 'timing-test';
  const message = { subject: 's', body: 'b' };
  const episode: ClockDefinition = {
    id: 'episode',
    title: 'Episode of support',
    kind: 'calendarDays',
    length: 112,
    source: { kind: 'localTarget', citation: 'test' },
    owner: 'council',
    pausable: true,
    checkpoints: [
      { id: 'midway', kind: 'warning', at: { after: 56 }, recipients: ['leadPractitioner'], message },
      {
        id: 'review',
        kind: 'warning',
        at: { every: 6, unit: 'weeks', whileCase: 'episodeOpen', followsPauses: true },
        recipients: ['leadPractitioner'],
        message,
      },
      { id: 'due', kind: 'due', at: { due: true }, recipients: ['leadPractitioner'], message },
    ],
  };
  const statutory: ClockDefinition = {
    ...episode,
    id: 'statutory',
    title: 'Assessment',
    kind: 'workingDays',
    length: 45,
    source: { kind: 'statutory', citation: 'test' },
    pausable: false,
    checkpoints: [
      { id: 'midway', kind: 'warning', at: { after: 20 }, recipients: ['leadPractitioner'], message },
      {
        id: 'visit',
        kind: 'warning',
        at: { every: 10, unit: 'workingDays', whileCase: 'episodeOpen' },
        recipients: ['leadPractitioner'],
        message,
      },
      { id: 'due', kind: 'due', at: { due: true }, recipients: ['leadPractitioner'], message },
    ],
  };
  const clocks = [episode, statutory];
  const configured = (clockId: string, checkpoints: Record<string, unknown>) => {
    const config = raw();
    config.processes = { [TEST_PROCESS]: { clocks: { [clockId]: { checkpoints } } } };
    return parsePartnership(config);
  };
  const calendars = { workingDays: createWorkingDayCalendar() };
  // Started Mon 7 Sep 2026 10:00 BST
  const startedAt = new Date('2026-09-07T09:00:00Z');

  it('shareOfLength on a local target: 0.25 of 112 days is the end of day 28, Mon 5 Oct 2026 (BST)', () => {
    // Act
    const [effective] = effectiveClocks(
      TEST_PROCESS,
      clocks,
      configured('episode', { midway: { at: { shareOfLength: 0.25 } } }),
    );
    // Assess
    expect(effective!.checkpoints.find((c) => c.id === 'midway')!.at).toEqual({ shareOfLength: 0.25 });
    const planned = plannedCheckpoints(effective!, startClock(effective!, { startedAt }, calendars), calendars);
    expect(planned.find((p) => p.checkpointId === 'midway')!.at.toISOString()).toBe('2026-10-05T22:59:59.999Z');
  });

  it('every on a recurring checkpoint of a local target: every 4 weeks at 10:00 London, still while the episode is open and following pauses', () => {
    // Act
    const [effective] = effectiveClocks(
      TEST_PROCESS,
      clocks,
      configured('episode', { review: { at: { every: 4, unit: 'weeks', atTime: '10:00' } } }),
    );
    // Assess: the condition and pause-following are the process's; 28 days after Mon 7 Sep is Mon 5 Oct, 10:00 BST
    expect(effective!.checkpoints.find((c) => c.id === 'review')!.at).toEqual({
      every: 4,
      unit: 'weeks',
      whileCase: 'episodeOpen',
      followsPauses: true,
      atTime: '10:00',
    });
    const planned = plannedCheckpoints(effective!, startClock(effective!, { startedAt }, calendars), calendars);
    expect(planned.find((p) => p.checkpointId === 'review')).toMatchObject({
      at: new Date('2026-10-05T09:00:00.000Z'),
      occurrence: 1,
      whileCase: 'episodeOpen',
    });
  });

  it.each([
    [
      'shareOfLength on a statutory clock',
      'statutory',
      { midway: { at: { shareOfLength: 0.5 } } },
      'statutory.checkpoints.midway.at.shareOfLength',
      'Assessment is statutory; shareOfLength can be set for a local target only',
    ],
    [
      'every on a statutory clock',
      'statutory',
      { visit: { at: { every: 5, unit: 'workingDays' } } },
      'statutory.checkpoints.visit.at.every',
      'Assessment is statutory; every can be set for a local target only',
    ],
    [
      'every on a checkpoint that happens once',
      'episode',
      { midway: { at: { every: 2, unit: 'weeks' } } },
      'episode.checkpoints.midway.at.every',
      'this checkpoint happens once',
    ],
    [
      'a one-off timing on a recurring checkpoint',
      'episode',
      { review: { at: { after: 30 } } },
      'episode.checkpoints.review.at',
      'recurs while episodeOpen; set its rhythm with every and unit',
    ],
    [
      'a rhythm in working days where it follows the pauses of a calendar-day clock',
      'episode',
      { review: { at: { every: 20, unit: 'workingDays' } } },
      'episode.checkpoints.review.at.unit',
      "counts the clock's own days (days or weeks), not workingDays",
    ],
    [
      'shareOfLength on the due checkpoint',
      'episode',
      { due: { at: { shareOfLength: 0.9 } } },
      'episode.checkpoints.due.at',
      'change the length instead',
    ],
  ])('refuses %s, naming the key', (_name, clockId, checkpoints, key, words) => {
    // Act
    const problems = problemsOf(() => effectiveClocks(TEST_PROCESS, clocks, configured(clockId, checkpoints)));
    // Assess
    expect(problems).toEqual([
      `processes.${TEST_PROCESS}.clocks.${key}: ${problems[0]!.split(': ').slice(1).join(': ')}`,
    ]);
    expect(problems[0]).toContain(words);
  });

  it.each([
    ['a share of 1 or more (the due checkpoint is the whole length)', { shareOfLength: 1 }],
    ['a share of 0', { shareOfLength: 0 }],
    ['a rhythm of 0 weeks', { every: 0, unit: 'weeks' }],
    ['a rhythm naming the condition (the process keeps it)', { every: 2, unit: 'weeks', whileCase: 'always' }],
    ['a time that is not HH:MM', { every: 2, unit: 'weeks', atTime: '9am' }],
  ])('the schema refuses %s when the configuration is loaded', (_name, at) => {
    const problems = problemsOf(() => configured('episode', { review: { at } }));
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems)
      expect(problem).toMatch(/^processes\.timing-test\.clocks\.episode\.checkpoints\.review\.at/);
  });
});

describe('bank holidays proclaimed for one year (proclaimedBankHolidays)', () => {
  const day = {
    date: '2027-06-04',
    name: 'Bank holiday proclaimed for a national occasion',
    proclamation: 'Proclamation of 1 December 2026 (Banking and Financial Dealings Act 1971 s1(3))',
  };
  const refusal = (config: unknown) => {
    try {
      parsePartnership(config);
    } catch (error) {
      if (error instanceof PartnershipConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('none by default; a proclaimed day is kept with its proclamation, and statutory working days skip it', () => {
    // Act
    const none = parsePartnership(shipped);
    const config = parsePartnership({ ...shipped, proclaimedBankHolidays: [day] });
    // Assess
    expect(none.proclaimedBankHolidays).toEqual([]);
    expect(config.proclaimedBankHolidays).toEqual([day]);
    const england = createWorkingDayCalendar({
      closureDays: config.closureDays,
      proclaimedBankHolidays: config.proclaimedBankHolidays,
    }).england();
    expect(england.isWorkingDay('2027-06-04')).toBe(false);
  });

  it.each([
    [
      { ...day, date: '2027-06-05' },
      'proclaimedBankHolidays.0.date: must be a weekday: a bank holiday is proclaimed for a weekday',
    ],
    [{ ...day, date: '4 June 2027' }, 'proclaimedBankHolidays.0.date: must be a date written YYYY-MM-DD'],
    [{ date: day.date, name: day.name }, expect.stringMatching(/^proclaimedBankHolidays\.0\.proclamation: /)],
    [
      { ...day, proclamation: ' ' },
      'proclaimedBankHolidays.0.proclamation: must cite the proclamation that made it a bank holiday (the citation shown with the day)',
    ],
    [{ ...day, removes: true }, expect.stringMatching(/^proclaimedBankHolidays\.0: .*removes/)],
  ])('refuses %j', (entry, problem) => {
    expect(refusal({ ...shipped, proclaimedBankHolidays: [entry] })).toEqual([problem]);
  });

  it('there is no key to remove a bank holiday: an unknown key is refused by name', () => {
    expect(refusal({ ...shipped, removedBankHolidays: ['2027-05-03'] })).toEqual([
      expect.stringContaining('removedBankHolidays'),
    ]);
  });
});
