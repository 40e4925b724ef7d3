/**
 * Operation Encompass: the dates and names police send, and a case whose school has no term dates for
 * the year police attended in. Rules level: the process's pure rules through the engine's decide.
 */
import { describe, expect, it } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import type { SchoolSnapshot } from '#core/schools/model';
import { ProcessHarness } from '#test/support/process-harness';
import type { EncompassDetails } from './contract';
import * as oeParts from './index';

const operationEncompass = definitionOf(oeParts);

const police = {
  kind: 'person' as const,
  userId: 'c-police',
  name: 'Riverside Police case system',
  role: 'police' as const,
  organisation: 'riverside-police',
};
const admin = {
  kind: 'person' as const,
  userId: 'u-admin',
  name: 'Jo Patel',
  role: 'administrator' as const,
  organisation: 'riverside-council',
};

const school = (): SchoolSnapshot => ({
  urn: '100001',
  name: 'Riverside Primary School',
  localAuthorityCode: '330',
  termCalendarId: 'la-330',
  extraInsetDays: [],
  startOfDay: '08:30',
  holidayCover: true,
  keyAdult: { name: 'Kim Walsh', email: 'kim.walsh@riverside-primary.example.sch.uk', phone: '01632 960001' },
});

const notification = (attendedAt: string, overrides: Record<string, unknown> = {}) => ({
  forceIncidentReference: 'RP-26-004417',
  attendedAt,
  child: {
    name: 'Jamie Test',
    dateOfBirth: '2016-03-03',
    schoolUrn: '100001',
    present: true,
    welfareCheck: true,
    policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
    ...overrides,
  },
});

/** Police send a notification at `receivedAt`; the school is in the directory unless `snapshot` is null. */
function opened(
  attendedAt: string,
  snapshot: SchoolSnapshot | null,
  receivedAt: string,
  overrides: Record<string, unknown> = {},
) {
  const h = new ProcessHarness<EncompassDetails>(operationEncompass);
  const d = h.apply(
    'policeNotification',
    notification(attendedAt, overrides),
    police,
    receivedAt,
    undefined,
    snapshot ? { school: snapshot } : undefined,
  );
  return { h, d };
}

describe('dates police send: each refused with a 400 naming the field and the range accepted', () => {
  const NOW = '2026-11-04T19:30:00Z';
  const WINDOW = 'must be a date from 1 January 2000 to 31 December 2099';
  const BIRTH_WINDOW = 'must be a date from 1 January 1990 to 31 December 2099';
  const TOO_LONG_AGO =
    'must be from 7 October 2026 (28 days ago) to now: Operation Encompass notifications are sent soon after police attend';

  it.each([
    ['year 1', '0001-06-01T20:00:00Z', WINDOW],
    ['year 217', '0217-06-01T20:00:00Z', WINDOW],
    ['1900', '1900-06-01T20:00:00Z', WINDOW],
    ['2019', '2019-06-01T20:00:00Z', TOO_LONG_AGO],
    ['29 days before it is sent', '2026-10-06T19:30:00Z', TOO_LONG_AGO],
    ['28 days before it is sent', '2026-10-07T08:00:00Z', undefined],
    ['an hour before it is sent', '2026-11-04T18:30:00Z', undefined],
    ['a minute after it is sent', '2026-11-04T19:31:00Z', 'cannot be in the future'],
    ['decades ahead', '2056-11-04T19:30:00Z', 'cannot be in the future'],
    ['9999', '9999-06-01T20:00:00Z', WINDOW],
  ])('attendedAt %s', (_what, attendedAt, message) => {
    // Act: police send the notification at NOW
    const { h, d } = opened(attendedAt, school(), NOW);
    // Assess
    if (!message) return expect(d.outcome).toBe('applied');
    expect(d.response.rejection).toMatchObject({ status: 400, issues: [{ path: 'attendedAt', message }] });
    expect(h.record).toBeUndefined();
  });

  it.each([
    ['year 1', '0001-03-03', BIRTH_WINDOW],
    ['year 217', '0217-03-03', BIRTH_WINDOW],
    ['1900', '1900-03-03', BIRTH_WINDOW],
    ['2019: a child of 7', '2019-03-03', undefined],
    ['decades ahead', '2056-03-03', 'is after police attended'],
    ['9999', '9999-03-03', BIRTH_WINDOW],
  ])('child.dateOfBirth %s, when police notify and when they correct it', (_what, dateOfBirth, message) => {
    // Act: a new notification with this date of birth
    const first = opened('2026-11-04T19:00:00Z', school(), NOW, { dateOfBirth });
    // Act: a correction of a notification already sent
    const { h } = opened('2026-11-04T19:00:00Z', school(), NOW);
    const corrected = h.apply('amended', { child: { dateOfBirth } }, police, '2026-11-04T20:00:00Z');
    // Assess
    for (const d of [first.d, corrected]) {
      if (!message) expect(d.outcome).toBe('applied');
      else
        expect(d.response.rejection).toMatchObject({ status: 400, issues: [{ path: 'child.dateOfBirth', message }] });
    }
    expect(h.record!.details.child).toMatchObject({ dateOfBirth: message ? '2016-03-03' : dateOfBirth });
  });

  it('a correction that makes the child 18 or over is refused like a new notification', () => {
    const { h } = opened('2026-11-04T19:00:00Z', school(), NOW);
    const d = h.apply('amended', { child: { dateOfBirth: '2008-01-01' } }, police, '2026-11-04T20:00:00Z');
    expect(d.response.rejection?.issues).toEqual([
      { path: 'child.dateOfBirth', message: 'the child is 18 or over: Operation Encompass covers children up to 17' },
    ]);
  });

  it('names are normalised and names with nothing visible are refused', () => {
    // Act
    const normal = opened('2026-11-04T19:00:00Z', school(), NOW, { name: '  Zoe\u0308 Test\u200B ' });
    const invisible = opened('2026-11-04T19:00:00Z', school(), NOW, { name: '\u200B\u200D\u3164' });
    // Assess
    expect(normal.h.record!.details.child).toMatchObject({ name: 'Zo\u00EB Test' });
    expect(invisible.d.response.rejection).toMatchObject({
      status: 400,
      code: 'invalidEvent',
      issues: [
        {
          path: 'child.name',
          message: 'must have at least one visible character; spaces and invisible characters alone are not enough',
        },
      ],
    });
  });
});

describe('a school with no term dates for the school year police attended in', () => {
  const unknownSchoolIn2019 = () => {
    // A case for a school police could not name, stored before attendance dates were bounded: police
    // attended in June 2019, long before the earliest term dates loaded (2025/26).
    const { h } = opened('2026-11-04T19:00:00Z', null, '2026-11-04T19:30:00Z', { schoolUrn: 'not known' });
    h.record!.details.attendedAt = '2019-06-01T20:00:00.000Z';
    return h;
  };

  it('police attendance in August 2025, before the loaded term dates: a 400 naming attendedAt, and an alert for the administrator', () => {
    // Act: Riverside's term dates start with 2025/26; police attended on 20 August 2025 (2024/25)
    const { h, d } = opened('2025-08-20T20:00:00Z', school(), '2025-08-20T21:00:00Z');
    // Assess
    expect(d.outcome).toBe('rejected');
    expect(d.response.rejection).toEqual({
      status: 400,
      code: 'dateOutsideCalendar',
      message:
        "'Police notification' cannot be recorded: no term dates loaded for this school year (2024/25). The administrator has been alerted to load them",
      issues: [
        {
          path: 'attendedAt',
          message:
            'no term dates loaded for this school year (2024/25) at Riverside Primary School (URN 100001); term dates are loaded for school years 2025/26 to 2027/28 (term calendar Riverside LA 330)',
        },
      ],
    });
    expect(d.outcome === 'rejected' && d.audit.map((a) => a.what)).toContain(
      "Alert for the administrator: load the term dates for school year 2024/25 (term dates for school year 2024/25 in term calendar Riverside LA 330 (id la-330), used by school Riverside Primary School (URN 100001)); 'Police notification' was refused until they are loaded",
    );
    expect(h.record).toBeUndefined();
  });

  it('was stuck: finding its school now gives a 400 naming schoolUrn (every time), and the case is unchanged', () => {
    // Prepare
    const h = unknownSchoolIn2019();
    const before = structuredClone(h.record);
    // Act: the administrator finds the school, twice
    const first = h.apply('schoolIdentified', { schoolUrn: '100001' }, admin, '2026-11-05T09:15:00Z', undefined, {
      school: school(),
    });
    const again = h.apply('schoolIdentified', { schoolUrn: '100001' }, admin, '2026-11-05T09:20:00Z', undefined, {
      school: school(),
    });
    // Assess
    for (const d of [first, again]) {
      expect(d.response.rejection).toMatchObject({
        status: 400,
        code: 'dateOutsideCalendar',
        issues: [
          {
            path: 'schoolUrn',
            message: expect.stringContaining(
              'no term dates loaded for this school year (2018/19) at Riverside Primary School (URN 100001)',
            ),
          },
        ],
      });
    }
    expect(h.record).toEqual(before);
    expect(h.record!.clocks['find-school']!.status).toBe('running');
  });

  it("can be moved on: an administrator closes it; its clocks stop and the child's details are removed", () => {
    // Prepare
    const h = unknownSchoolIn2019();
    h.apply('schoolIdentified', { schoolUrn: '100001' }, admin, '2026-11-05T09:15:00Z', undefined, {
      school: school(),
    });
    // Act
    const d = h.apply(
      'closedByAdministrator',
      { reason: 'other', reasonText: 'Police attended in 2019; no term dates reach it' },
      admin,
      '2026-11-05T09:30:00Z',
    );
    // Assess
    expect(d.outcome).toBe('applied');
    expect(h.record!.status).toBe('closed');
    expect(h.record!.clocks['find-school']!.status).toBe('notApplicable');
    expect(h.timers).toEqual([]);
    expect(h.record!.details).toMatchObject({ child: { removed: true }, policeContact: { removed: true } });
    expect(JSON.stringify(h.record)).not.toMatch(/Jamie|2016-03-03|Public Protection/);
    expect(operationEncompass.viewFor!(police, h.record!)).toMatchObject({ status: 'closed' });
    expect(
      h.apply('schoolIdentified', { schoolUrn: '100001' }, admin, '2026-11-05T10:00:00Z', undefined, {
        school: school(),
      }).response.rejection,
    ).toMatchObject({ status: 409, code: 'caseClosed' });
  });
});
