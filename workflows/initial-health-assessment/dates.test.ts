/**
 * Initial health assessment: every date field refused outside a range a caseworker would recognise,
 * with a 400 naming the field and the range; names normalised or refused. Rules level, through decide.
 */
import { describe, expect, it } from 'vitest';
import { enteredCare, IhaHarness } from '#test/support/initial-health-assessment';
import { people } from '#test/support/process-harness';

const ENTRY = '2026-12-14T10:00:00Z';
const NOW = '2027-01-04T11:00:00Z'; // when each later event is recorded
const WINDOW = 'must be a date from 1 January 2000 to 31 December 2099';
const BIRTH_WINDOW = 'must be a date from 1 January 1990 to 31 December 2099';

/** A child entered care on Mon 14 Dec 2026; for a review, the initial assessment was done on 22 Dec. */
function caseFor(type: string) {
  const h = new IhaHarness();
  h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
  if (type === 'reviewAssessmentCompleted') {
    h.apply(
      'assessmentCompleted',
      { completedOn: '2026-12-22', practitioner: { name: 'Dr Ward' }, healthPlanShared: true },
      people.health,
      '2026-12-22T15:00:00Z',
    );
  }
  return h;
}

const fromEntryToToday = 'must be from 14 December 2026 (the day the child entered care) to 4 January 2027 (today)';
const fields = [
  {
    type: 'requestSentToHealth',
    path: 'sentAt',
    actor: people.socialWorker,
    payload: (day: string) => ({ sentAt: `${day}T10:30:00Z`, consentIncluded: true }),
    range: 'must be from 14 December 2026 at 10:00 (when the child entered care) to now',
    inside: '2026-12-15',
  },
  {
    type: 'appointmentBooked',
    path: 'appointmentOn',
    actor: people.health,
    payload: (day: string) => ({ appointmentOn: day }),
    range: 'must be from 14 December 2026 (the day the child entered care) to 4 January 2028 (a year from today)',
    inside: '2028-01-04',
  },
  {
    type: 'assessmentCompleted',
    path: 'completedOn',
    actor: people.health,
    payload: (day: string) => ({ completedOn: day, practitioner: { name: 'Dr Ward' }, healthPlanShared: true }),
    range: fromEntryToToday,
    inside: '2026-12-23',
  },
  {
    type: 'reviewAssessmentCompleted',
    path: 'completedOn',
    actor: people.health,
    payload: (day: string) => ({ completedOn: day, practitioner: { name: 'Nurse Bell' } }),
    range: 'must be from 22 December 2026 (the last health assessment) to 4 January 2027 (today)',
    inside: '2027-01-04',
  },
  {
    type: 'placementMoved',
    path: 'movedOn',
    actor: people.socialWorker,
    payload: (day: string) => ({ movedOn: day, area: 'outOfArea', icb: 'northvale-icb' }),
    range: fromEntryToToday,
    inside: '2026-12-14',
  },
  {
    type: 'childLeftCare',
    path: 'leftOn',
    actor: people.socialWorker,
    payload: (day: string) => ({ leftOn: day, reason: 'returnedToFamily' }),
    range: fromEntryToToday,
    inside: '2027-01-04',
  },
];

const years = [
  ['year 1', '0001-06-01', 'window'],
  ['year 217', '0217-06-01', 'window'],
  ['1900', '1900-06-01', 'window'],
  ['2019', '2019-06-01', 'range'],
  ['a day before the range', '2026-12-13', 'range'],
  ['decades ahead', '2056-06-01', 'range'],
  ['9999', '9999-06-01', 'window'],
] as const;

describe('each date of a case is refused outside its range, naming the field and the range', () => {
  it.each(
    fields.flatMap((f) =>
      years.map(([what, day, which]) => [f.type, f.path, what, day, which === 'window' ? WINDOW : f.range, f] as const),
    ),
  )('%s %s: %s', (_type, path, _what, day, message, f) => {
    // Prepare
    const h = caseFor(f.type);
    const before = structuredClone(h.record);
    // Act
    const d = h.apply(f.type, f.payload(day), f.actor, NOW);
    // Assess: a 400 naming the field and the range accepted, and nothing changed
    expect(d.outcome).toBe('rejected');
    expect(d.response.rejection).toMatchObject({ status: 400, issues: [{ path, message }] });
    expect(h.record).toEqual(before);
  });

  it.each(fields.map((f) => [f.type, f.path, f.inside, f] as const))(
    '%s %s: %s, inside the range, is accepted',
    (_type, _path, day, f) => {
      // Prepare
      const h = caseFor(f.type);
      // Act
      const d = h.apply(f.type, f.payload(day), f.actor, NOW);
      // Assess
      expect(d.outcome).toBe('applied');
    },
  );

  it('an appointment a day past a year ahead is refused', () => {
    const h = caseFor('appointmentBooked');
    const d = h.apply('appointmentBooked', { appointmentOn: '2028-01-05' }, people.health, NOW);
    expect(d.response.rejection?.issues).toEqual([
      {
        path: 'appointmentOn',
        message: 'must be from 14 December 2026 (the day the child entered care) to 4 January 2028 (a year from today)',
      },
    ]);
  });
});

describe("entering care: when, and the child's date of birth", () => {
  const OPENED = '2026-12-14T12:00:00Z';
  const LAST_YEAR =
    'must be on or after 14 December 2025 (a year ago): a new record is for a child who entered care in the last year';
  it.each([
    ['year 1', '0001-06-01T10:00:00Z', WINDOW],
    ['year 217', '0217-06-01T10:00:00Z', WINDOW],
    ['1900', '1900-06-01T10:00:00Z', WINDOW],
    ['2019', '2019-06-01T10:00:00Z', LAST_YEAR],
    ['a year and a day ago', '2025-12-13T10:00:00Z', LAST_YEAR],
    ['a year ago', '2025-12-14T10:00:00Z', undefined],
    ['an hour ago', '2026-12-14T11:00:00Z', undefined],
    ['tomorrow', '2026-12-15T10:00:00Z', 'cannot be in the future'],
    ['decades ahead', '2056-06-01T10:00:00Z', 'cannot be in the future'],
    ['9999', '9999-06-01T10:00:00Z', WINDOW],
  ])('enteredCareAt %s', (_what, enteredCareAt, message) => {
    // Act
    const h = new IhaHarness();
    const d = h.apply('childEnteredCare', enteredCare({ enteredCareAt }), people.frontDoor, OPENED);
    // Assess
    if (!message) return expect(d.outcome).toBe('applied');
    expect(d.response.rejection).toMatchObject({ status: 400, issues: [{ path: 'enteredCareAt', message }] });
    expect(h.record).toBeUndefined();
  });

  it.each([
    ['year 1', '0001-06-01', BIRTH_WINDOW],
    ['year 217', '0217-06-01', BIRTH_WINDOW],
    ['1900', '1900-06-01', BIRTH_WINDOW],
    ['1995: an adult', '1995-06-01', 'the child must be under 18 on entering care'],
    ['2019: a child of 7', '2019-06-01', undefined],
    ['decades ahead', '2056-06-01', 'must be on or before the day the child entered care'],
    ['9999', '9999-06-01', BIRTH_WINDOW],
  ])('child.dateOfBirth %s', (_what, dateOfBirth, message) => {
    // Act
    const h = new IhaHarness();
    const d = h.apply(
      'childEnteredCare',
      enteredCare({ child: { name: 'Test Child', dateOfBirth } }),
      people.frontDoor,
      OPENED,
    );
    // Assess
    if (!message) return expect(d.outcome).toBe('applied');
    expect(d.response.rejection).toMatchObject({ status: 400, issues: [{ path: 'child.dateOfBirth', message }] });
  });

  it('the time the child entered care is kept in UTC, whatever offset it was written with', () => {
    const h = new IhaHarness();
    h.apply('childEnteredCare', enteredCare({ enteredCareAt: '2026-12-14T10:00:00+00:00' }), people.frontDoor, OPENED);
    expect(h.record!.details.enteredCareAt).toBe('2026-12-14T10:00:00.000Z');
  });
});

describe('names and free text', () => {
  it('names are normalised (NFC, trimmed); names with nothing visible, a control character or a broken character are refused by field', () => {
    // Act
    const normal = new IhaHarness();
    normal.apply(
      'childEnteredCare',
      enteredCare({ child: { name: '  Zoe\u0308 Test\u200B ', dateOfBirth: '2015-06-01' } }),
      people.frontDoor,
      ENTRY,
    );
    const refused = new IhaHarness().apply(
      'childEnteredCare',
      enteredCare({
        child: { name: '\u200B\u2060\u3164', dateOfBirth: '2015-06-01' },
        socialWorker: { name: 'Sam\u0007', email: 'sam.okafor@riverside.example.gov.uk' },
        socialWorkManager: { name: 'Ruth \uD800Green', email: 'ruth.green@riverside.example.gov.uk' },
      }),
      people.frontDoor,
      ENTRY,
    );
    // Assess
    expect(normal.record!.details.child.name).toBe('Zo\u00EB Test');
    expect(refused.response.rejection).toMatchObject({
      status: 400,
      code: 'invalidEvent',
      issues: [
        {
          path: 'child.name',
          message: 'must have at least one visible character; spaces and invisible characters alone are not enough',
        },
        {
          path: 'socialWorker.name',
          message: 'must be one line of plain text, without control characters such as tabs or line breaks',
        },
        {
          path: 'socialWorkManager.name',
          message: 'holds a broken character (a lone surrogate); please type it again',
        },
      ],
    });
  });

  it('a delay reason typed over two lines keeps its line break', () => {
    // Prepare: the assessment is late (due end of Thu 14 Jan 2027 at the latest)
    const h = caseFor('assessmentCompleted');
    h.runUntil('2027-01-25T00:00:00Z');
    // Act
    const d = h.apply(
      'assessmentCompleted',
      {
        completedOn: '2027-01-25',
        practitioner: { name: 'Dr Ward' },
        healthPlanShared: true,
        delayReason: { code: 'other', text: 'Family moved.\nSeen at the new address.' },
      },
      people.health,
      '2027-01-25T12:00:00Z',
    );
    // Assess
    expect(d.outcome).toBe('applied');
    expect(h.record!.details.assessment!.delayReason).toEqual({
      code: 'other',
      label: 'Other',
      text: 'Family moved.\nSeen at the new address.',
    });
  });
});
