import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildDirectory,
  type DirectoryLeftOut,
  type DirectoryProblem,
  isUkPhone,
  NO_KEY_ADULT,
  parseContacts,
  parseRegister,
  schoolsToRemove,
} from './directory-import';
import type { School } from './model';

const NOW = new Date('2026-10-05T09:15:00Z');
const KNOWN = ['la-330', 'academy-riverbank'];

const REGISTER_HEADER =
  'URN,LA (code),LA (name),EstablishmentName,EstablishmentStatus (name),PhaseOfEducation (name),Postcode';
const CONTACTS_HEADER =
  'URN,KeyAdultName,KeyAdultEmail,KeyAdultPhone,DeputyName,DeputyEmail,DeputyPhone,TermCalendar,StartOfDay,HolidayCover';

const registerOf = (...rows: string[]) => `${[REGISTER_HEADER, ...rows].join('\r\n')}\r\n`;
const contactsOf = (...rows: string[]) => `${[CONTACTS_HEADER, ...rows].join('\n')}\n`;

const oakRegister = '100001,330,Riverside,Oak Primary School,Open,Primary,RV1 2AB';
const elmRegister = '100002,330,Riverside,Elm Academy,Open,Secondary,RV2 3CD';
const oakContacts =
  '100001,Kim Walsh,kim.walsh@oak.example.sch.uk,01632 960123,Dev Patel,dev.patel@oak.example.sch.uk,01632 960124,,,yes';
const elmContacts = '100002,Ana Lima,ana.lima@elm.example.sch.uk,+44 1632 960200,,,,academy-riverbank,08:45,false';

describe('isUkPhone', () => {
  it.each([
    ['01632 960123', true],
    ['01632960123', true],
    ['+44 1632 960123', true],
    ['020 7946 0000', true],
    ['07700 900123', true],
    ['1632 960123', false],
    ['+1 202 555 0100', false],
    ['01632-960123', false],
    ['(01632) 960123', false],
    ['0163', false],
  ])('%s: %s', (phone, expected) => {
    expect(isUkPhone(phone)).toBe(expected);
  });
});

describe('parseRegister', () => {
  it('maps the GIAS phases and ignores the other columns', () => {
    // Prepare
    const phases = [
      'Nursery',
      'Primary',
      'Middle deemed primary',
      'Middle deemed secondary',
      'Secondary',
      'All-through',
      '16 plus',
      'Not applicable',
    ];
    const text = registerOf(
      ...phases.map((phase, i) => `10000${i + 1},330,Riverside,School ${i + 1},Open,${phase},RV1 1AA`),
    );
    // Act
    const { rows, problems, usable } = parseRegister(text);
    // Assess
    expect(problems).toEqual([]);
    expect(usable).toBe(true);
    expect(rows.map((r) => r.phase)).toEqual([
      'nursery',
      'primary',
      'middle',
      'middle',
      'secondary',
      'allThrough',
      'sixteenPlus',
      'notApplicable',
    ]);
    expect(rows[0]).toEqual({
      file: 'register',
      line: 2,
      urn: '100001',
      name: 'School 1',
      localAuthorityCode: '330',
      phase: 'nursery',
    });
  });

  it('matches header names after trimming, in any order', () => {
    const { rows, problems } = parseRegister(
      ' PhaseOfEducation (name) , EstablishmentName ,URN, LA (code),EstablishmentStatus (name)\n Primary , Oak Primary School ,100001,330,Open\n',
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        file: 'register',
        line: 2,
        urn: '100001',
        name: 'Oak Primary School',
        localAuthorityCode: '330',
        phase: 'primary',
      },
    ]);
  });

  it('a missing column makes the file unusable, reported on line 1', () => {
    const { rows, problems, usable } = parseRegister(
      'URN,EstablishmentName,LA,PhaseOfEducation (name)\n100001,Oak,330,Primary\n',
    );
    expect(usable).toBe(false);
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { file: 'register', line: 1, reason: expect.stringContaining('no column LA (code), EstablishmentStatus (name)') },
    ]);
  });

  it('an empty file is unusable', () => {
    const { problems, usable } = parseRegister('');
    expect(usable).toBe(false);
    expect(problems).toEqual([{ file: 'register', line: 1, reason: expect.stringContaining('empty') }]);
  });

  it('reports every bad row with its line and reason', () => {
    // Prepare
    const text = registerOf(
      oakRegister, // line 2: fine
      '10003,330,Riverside,Short URN School,Open,Primary,RV1 1AA', // line 3
      '100004,330,Riverside,,Open,Primary,RV1 1AA', // line 4
      '100005,33,Riverside,Ash School,Open,Primary,RV1 1AA', // line 5
      '100006,330,Riverside,Birch School,Open,Infant,RV1 1AA', // line 6
      '100007,330,Riverside,Cedar School,Open,Primary', // line 7: a field short
      '100008,330,Riverside,"Dale School, ""Old""",Open,Primary,RV1 1AA', // line 8: fine, with quotes
      ',,,,,,', // line 9: blank spreadsheet row, skipped
      '100008,330,Riverside,Dale School again,Open,Primary,RV1 1AA', // line 10: duplicate of line 8
    );
    // Act
    const { rows, problems } = parseRegister(text);
    // Assess
    expect(rows.map((r) => [r.line, r.urn])).toEqual([[2, '100001']]);
    expect(problems).toEqual<DirectoryProblem[]>([
      { file: 'register', line: 3, reason: "URN '10003' is not 6 digits" },
      { file: 'register', line: 4, urn: '100004', reason: 'EstablishmentName is missing' },
      { file: 'register', line: 5, urn: '100005', reason: "LA (code) '33' is not 3 digits" },
      { file: 'register', line: 6, urn: '100006', reason: expect.stringContaining("unknown phase 'Infant'") },
      {
        file: 'register',
        line: 7,
        urn: '100007',
        reason: expect.stringMatching(
          /^not valid CSV: has 6 values but the header has 7 \(a comma too many or too few/,
        ),
      },
      {
        file: 'register',
        line: 8,
        urn: '100008',
        reason: 'duplicate URN 100008 (on lines 8, 10); none of these rows was loaded',
      },
      {
        file: 'register',
        line: 10,
        urn: '100008',
        reason: 'duplicate URN 100008 (on lines 8, 10); none of these rows was loaded',
      },
    ]);
  });

  it('a row with several problems gets one problem for each', () => {
    const { problems } = parseRegister(registerOf('ABC123,3300,Riverside,,Open,Infant,RV1 1AA'));
    expect(problems.map((p) => p.reason)).toEqual([
      "URN 'ABC123' is not 6 digits",
      'EstablishmentName is missing',
      "LA (code) '3300' is not 3 digits",
      expect.stringContaining("unknown phase 'Infant'"),
    ]);
    expect(problems.every((p) => p.line === 2)).toBe(true);
  });
});

describe('names in the directory files: normalised, and refused when nothing visible is left', () => {
  const INVISIBLE = 'must have at least one visible character; spaces and invisible characters alone are not enough';
  it.each([
    ['a plain name', 'Oak Primary School', { name: 'Oak Primary School' }],
    ['a decomposed accent (NFC)', 'E\u0301cole Saint-Anne', { name: '\u00C9cole Saint-Anne' }],
    ['zero-width spaces around it', '\u200BOak Primary School\u200B', { name: 'Oak Primary School' }],
    ['only zero-width characters', '\u200B\u2060\uFEFF', { reason: `EstablishmentName ${INVISIBLE}` }],
    [
      'a control character',
      'Oak\u0007 Primary',
      {
        reason:
          'EstablishmentName must be one line of plain text, without control characters such as tabs or line breaks',
      },
    ],
  ])('EstablishmentName: %s', (_what, name, expected) => {
    // Act
    const { rows, problems } = parseRegister(registerOf(`100001,330,Riverside,"${name}",Open,Primary,RV1 2AB`));
    // Assess
    if ('name' in expected) expect(rows.map((r) => r.name)).toEqual([expected.name]);
    else expect(problems).toEqual([{ file: 'register', line: 2, urn: '100001', reason: expected.reason }]);
  });

  it('a lone surrogate in text handed over makes the file unreadable, naming the line and column (it would otherwise become U+FFFD)', () => {
    const { rows, problems, usable } = parseRegister(
      registerOf('100001,330,Riverside,"Oak \uD800Primary",Open,Primary,RV1 2AB'),
    );
    expect(usable).toBe(false);
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      {
        file: 'register',
        line: 2,
        column: 27,
        reason: expect.stringContaining('cannot be read: it holds a broken character (a lone surrogate)'),
      },
    ]);
  });

  it.each([
    [
      'KeyAdultName',
      '\u3164',
      `100001,\u3164,kim@oak.example.sch.uk,01632 960123,,,,,,yes`,
      `KeyAdultName ${INVISIBLE}`,
    ],
    [
      'DeputyName',
      '\u200D\u200D',
      `100001,Kim Walsh,kim@oak.example.sch.uk,01632 960123,\u200D\u200D,dev@oak.example.sch.uk,01632 960124,,,yes`,
      `DeputyName ${INVISIBLE}`,
    ],
  ])('%s of only %j is refused, naming the column', (_column, _name, row, reason) => {
    const { rows, problems } = parseContacts(contactsOf(row));
    expect(rows).toEqual([]);
    expect(problems).toEqual([{ file: 'contacts', line: 2, urn: '100001', reason }]);
  });

  it('a Key Adult name is normalised', () => {
    const { rows } = parseContacts(
      contactsOf('100001,\u200BZoe\u0308 Walsh ,kim@oak.example.sch.uk,01632 960123,,,,,,yes'),
    );
    expect(rows[0]!.keyAdult!.name).toBe('Zo\u00EB Walsh');
  });
});

describe('parseContacts', () => {
  it('reads a Key Adult, a deputy, the calendar, the start of day and holiday cover, with defaults', () => {
    const { rows, problems } = parseContacts(contactsOf(oakContacts, elmContacts));
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        file: 'contacts',
        line: 2,
        urn: '100001',
        keyAdult: { name: 'Kim Walsh', email: 'kim.walsh@oak.example.sch.uk', phone: '01632 960123' },
        deputy: { name: 'Dev Patel', email: 'dev.patel@oak.example.sch.uk', phone: '01632 960124' },
        startOfDay: '08:30',
        holidayCover: true,
      },
      {
        file: 'contacts',
        line: 3,
        urn: '100002',
        keyAdult: { name: 'Ana Lima', email: 'ana.lima@elm.example.sch.uk', phone: '+44 1632 960200' },
        termCalendarId: 'academy-riverbank',
        startOfDay: '08:45',
        holidayCover: false,
      },
    ]);
  });

  it.each([
    ['YES', true],
    ['True', true],
    ['no', false],
    ['FALSE', false],
    ['', false],
  ])('HolidayCover %j is %s', (text, expected) => {
    const { rows } = parseContacts(contactsOf(`100001,Kim Walsh,kim@oak.example.sch.uk,01632 960123,,,,,,${text}`));
    expect(rows[0]!.holidayCover).toBe(expected);
  });

  it('reports every bad row with its line and reason', () => {
    // Prepare
    const text = contactsOf(
      '10001,Kim Walsh,kim@oak.example.sch.uk,01632 960123,,,,,,yes', // line 2: bad URN
      '100002,Ana Lima,ana.lima at elm,01632 960200,,,,,,yes', // line 3: bad email
      '100003,Jo Bright,jo@ash.example.sch.uk,01632-960300,,,,,,yes', // line 4: bad phone
      '100004,Lee Kaur,lee@birch.example.sch.uk,01632 960400,,,,,8.30am,yes', // line 5: bad time
      '100005,Max Ode,max@cedar.example.sch.uk,01632 960500,,,,,25:00,maybe', // line 6: bad time and cover
      '100006,Nia Rees,nia@dale.example.sch.uk,01632 960600,Deputy Only,,,,,yes', // line 7: deputy half given
      '100007,,,,,,,,,yes', // line 8: no Key Adult named: fine here, reported by buildDirectory
      '100008,Pat Cole,pat@elm.example.sch.uk,01632 960700,,,,Academy Calendar,,yes', // line 9: not a calendar id
    );
    // Act
    const { rows, problems } = parseContacts(text);
    // Assess
    expect(rows.map((r) => r.urn)).toEqual(['100007']);
    expect(problems).toEqual<DirectoryProblem[]>([
      { file: 'contacts', line: 2, reason: "URN '10001' is not 6 digits" },
      { file: 'contacts', line: 3, urn: '100002', reason: "KeyAdultEmail 'ana.lima at elm' is not an email address" },
      {
        file: 'contacts',
        line: 4,
        urn: '100003',
        reason: "KeyAdultPhone '01632-960300' is not a UK phone number (digits and spaces, starting 0 or +44)",
      },
      { file: 'contacts', line: 5, urn: '100004', reason: "StartOfDay '8.30am' is not a time written HH:MM" },
      { file: 'contacts', line: 6, urn: '100005', reason: "StartOfDay '25:00' is not a time written HH:MM" },
      { file: 'contacts', line: 6, urn: '100005', reason: "HolidayCover 'maybe' must be yes, no, true or false" },
      { file: 'contacts', line: 7, urn: '100006', reason: 'DeputyEmail is missing' },
      { file: 'contacts', line: 7, urn: '100006', reason: 'DeputyPhone is missing' },
      {
        file: 'contacts',
        line: 9,
        urn: '100008',
        reason: expect.stringContaining("TermCalendar 'Academy Calendar' is not a term calendar id"),
      },
    ]);
  });

  it('a contacts file with a column missing is unusable', () => {
    const { problems, usable } = parseContacts(
      'URN,KeyAdultName,KeyAdultEmail,KeyAdultPhone\n100001,Kim Walsh,kim@oak.example.sch.uk,01632 960123\n',
    );
    expect(usable).toBe(false);
    expect(problems).toEqual([
      {
        file: 'contacts',
        line: 1,
        reason: expect.stringContaining('DeputyName, DeputyEmail, DeputyPhone, TermCalendar, StartOfDay, HolidayCover'),
      },
    ]);
  });
});

describe('buildDirectory', () => {
  it('joins the register and the contacts into schools, stamped with the time of loading', () => {
    // Act
    const directory = buildDirectory(registerOf(oakRegister, elmRegister), contactsOf(oakContacts, elmContacts), {
      now: NOW,
      knownCalendars: KNOWN,
    });
    // Assess
    expect(directory.problems).toEqual([]);
    expect(directory.loaded).toBe(true);
    expect(directory.schools).toEqual([
      {
        urn: '100001',
        name: 'Oak Primary School',
        localAuthorityCode: '330',
        phase: 'primary',
        keyAdult: { name: 'Kim Walsh', email: 'kim.walsh@oak.example.sch.uk', phone: '01632 960123' },
        deputy: { name: 'Dev Patel', email: 'dev.patel@oak.example.sch.uk', phone: '01632 960124' },
        termCalendarId: 'la-330',
        extraInsetDays: [],
        startOfDay: '08:30',
        holidayCover: true,
        updatedAt: '2026-10-05T09:15:00.000Z',
      },
      {
        urn: '100002',
        name: 'Elm Academy',
        localAuthorityCode: '330',
        phase: 'secondary',
        keyAdult: { name: 'Ana Lima', email: 'ana.lima@elm.example.sch.uk', phone: '+44 1632 960200' },
        termCalendarId: 'academy-riverbank',
        extraInsetDays: [],
        startOfDay: '08:45',
        holidayCover: false,
        updatedAt: '2026-10-05T09:15:00.000Z',
      },
    ]);
  });

  it('a school without a contacts row is valid but has no Key Adult, and that is reported', () => {
    const directory = buildDirectory(registerOf(oakRegister, elmRegister), contactsOf(oakContacts), {
      now: NOW,
      knownCalendars: KNOWN,
    });
    expect(directory.problems).toEqual([
      {
        file: 'register',
        line: 3,
        urn: '100002',
        reason: `${NO_KEY_ADULT}: the contacts file has no row for URN 100002`,
      },
    ]);
    expect(directory.loaded).toBe(false);
    const elm = directory.schools.find((s) => s.urn === '100002')!;
    expect(elm).toMatchObject({ termCalendarId: 'la-330', startOfDay: '08:30', holidayCover: false });
    expect(elm.keyAdult).toBeUndefined();
  });

  it('a contacts row that names nobody is reported on its own line', () => {
    const directory = buildDirectory(registerOf(oakRegister), contactsOf('100001,,,,,,,,08:45,yes'), {
      now: NOW,
      knownCalendars: KNOWN,
    });
    expect(directory.problems).toEqual([{ file: 'contacts', line: 2, urn: '100001', reason: NO_KEY_ADULT }]);
    expect(directory.schools).toEqual([
      expect.objectContaining({ urn: '100001', startOfDay: '08:45', holidayCover: true }),
    ]);
  });

  it('reports unknown term calendars, and leaves out contacts for a URN not in the register (listed, not a problem)', () => {
    // Prepare: Ash (LA 331) has no calendar of its own local authority; Elm names a calendar nobody knows
    const register = registerOf(oakRegister, elmRegister, '100003,331,Northvale,Ash School,Open,Primary,NV1 1AA');
    const contacts = contactsOf(
      oakContacts,
      '100002,Ana Lima,ana.lima@elm.example.sch.uk,01632 960200,,,,academy-elsewhere,,yes',
      '100003,Jo Bright,jo@ash.example.sch.uk,01632 960300,,,,,,yes',
      '100099,Lee Kaur,lee@birch.example.sch.uk,01632 960400,,,,,,yes',
    );
    // Act
    const directory = buildDirectory(register, contacts, { now: NOW, knownCalendars: KNOWN });
    // Assess
    expect(directory.problems).toEqual<DirectoryProblem[]>([
      {
        file: 'contacts',
        line: 3,
        urn: '100002',
        reason: "unknown term calendar 'academy-elsewhere' (known: la-330, academy-riverbank)",
      },
      {
        file: 'contacts',
        line: 4,
        urn: '100003',
        reason: "unknown term calendar 'la-331' (known: la-330, academy-riverbank)",
      },
    ]);
    expect(directory.leftOut).toEqual<DirectoryLeftOut[]>([
      {
        file: 'contacts',
        line: 5,
        urn: '100099',
        reason: expect.stringContaining(
          'URN 100099 is not in this register file: its contacts are read when its own local authority',
        ),
      },
    ]);
    expect(directory.schools.map((s) => s.urn)).toEqual(['100001']);
  });

  it('a school with no contacts row and no calendar for its local authority is reported against its register line', () => {
    const directory = buildDirectory(registerOf('100003,331,Northvale,Ash School,Open,Primary,NV1 1AA'), contactsOf(), {
      now: NOW,
      knownCalendars: KNOWN,
    });
    expect(directory.problems).toEqual([
      { file: 'register', line: 2, urn: '100003', reason: expect.stringContaining("unknown term calendar 'la-331'") },
    ]);
    expect(directory.schools).toEqual([]);
  });

  it('a school whose contacts row is bad is left out (a partial load never wipes its Key Adult)', () => {
    const directory = buildDirectory(
      registerOf(oakRegister, elmRegister),
      contactsOf(oakContacts, '100002,Ana Lima,ana.lima@,01632 960200,,,,,,yes'),
      { now: NOW, partial: true, knownCalendars: KNOWN },
    );
    expect(directory.problems).toEqual([
      { file: 'contacts', line: 3, urn: '100002', reason: "KeyAdultEmail 'ana.lima@' is not an email address" },
    ]);
    expect(directory.schools.map((s) => s.urn)).toEqual(['100001']);
    expect(directory.loaded).toBe(true);
  });

  it('contacts for a school whose register row is bad are not reported a second time', () => {
    const directory = buildDirectory(
      registerOf(oakRegister, '100002,330,Riverside,Elm Academy,Open,Infant,RV2 3CD'),
      contactsOf(oakContacts, elmContacts),
      { now: NOW, knownCalendars: KNOWN },
    );
    expect(directory.problems).toEqual([
      { file: 'register', line: 3, urn: '100002', reason: expect.stringContaining("unknown phase 'Infant'") },
    ]);
  });

  describe('partial or not', () => {
    const register = registerOf(oakRegister, '100002,330,Riverside,,Open,Secondary,RV2 3CD');
    const contacts = contactsOf(oakContacts, elmContacts);

    it('with a bad row and no partial load, nothing is loaded, though the valid schools are listed', () => {
      const directory = buildDirectory(register, contacts, { now: NOW, knownCalendars: KNOWN });
      expect(directory.loaded).toBe(false);
      expect(directory.problems).toEqual([
        { file: 'register', line: 3, urn: '100002', reason: 'EstablishmentName is missing' },
      ]);
      expect(directory.schools.map((s) => s.urn)).toEqual(['100001']);
    });

    it('with a partial load the valid schools load and the problems are still reported', () => {
      const directory = buildDirectory(register, contacts, { now: NOW, partial: true, knownCalendars: KNOWN });
      expect(directory.loaded).toBe(true);
      expect(directory.problems).toHaveLength(1);
      expect(directory.schools.map((s) => s.urn)).toEqual(['100001']);
    });

    it('a file that cannot be read is never loaded, even partially', () => {
      const directory = buildDirectory(register, 'URN,KeyAdultName\n100001,Kim Walsh\n', {
        now: NOW,
        partial: true,
        knownCalendars: KNOWN,
      });
      expect(directory.loaded).toBe(false);
      expect(directory.problems).toEqual([
        { file: 'register', line: 3, urn: '100002', reason: 'EstablishmentName is missing' },
        { file: 'contacts', line: 1, reason: expect.stringContaining('no column KeyAdultEmail') },
      ]);
      expect(directory.schools).toEqual([]);
    });
  });

  it('the shipped demo files load with no problems: 8 Riverside schools, one academy, one without holiday cover, one starting 08:45', () => {
    // Prepare
    const register = readFileSync(new URL('../../config/demo-schools/register.csv', import.meta.url), 'utf8');
    const contacts = readFileSync(new URL('../../config/demo-schools/contacts.csv', import.meta.url), 'utf8');
    // Act (with the shipped calendars)
    const directory = buildDirectory(register, contacts, { now: NOW });
    // Assess
    expect(directory.problems).toEqual([]);
    expect(directory.loaded).toBe(true);
    expect(directory.schools.map((s) => s.urn)).toEqual([
      '100001',
      '100002',
      '100003',
      '100004',
      '100005',
      '100006',
      '100007',
      '100008',
    ]);
    expect(directory.schools.every((s) => s.localAuthorityCode === '330' && s.keyAdult && s.deputy)).toBe(true);
    expect(directory.schools.find((s) => s.urn === '100001')).toMatchObject({
      name: 'Riverside Primary School',
      keyAdult: { name: 'Kim Walsh', email: 'kim.walsh@riverside-primary.example.sch.uk' },
    });
    expect(directory.schools.find((s) => s.urn === '100005')!.name).toBe('Millbrook Nursery School, Riverside');
    expect(directory.schools.filter((s) => s.termCalendarId === 'academy-riverbank').map((s) => s.urn)).toEqual([
      '100006',
    ]);
    expect(directory.schools.filter((s) => !s.holidayCover).map((s) => s.urn)).toEqual(['100002']);
    expect(directory.schools.filter((s) => s.startOfDay !== '08:30').map((s) => [s.urn, s.startOfDay])).toEqual([
      ['100003', '08:45'],
    ]);
  });
});

describe('real register extracts: their encoding, closed establishments, one council after another', () => {
  const fixture = (name: string) =>
    new Uint8Array(readFileSync(new URL(`../../test/fixtures/schools/${name}`, import.meta.url)));
  const WITH_NORTHVALE = [...KNOWN, 'la-331'];

  it('a Windows-1252 extract with accented names and closed schools loads with the names intact and the closed schools left out', () => {
    // Prepare: the register's own bytes (Windows-1252, CRLF, every GIAS column it has), and contacts saved as Excel's "CSV UTF-8" (with a BOM)
    const register = fixture('gias-northvale-331-windows-1252.csv');
    const contacts = fixture('contacts-northvale-331-utf8-bom.csv');
    // Act
    const directory = buildDirectory(register, contacts, { now: NOW, knownCalendars: WITH_NORTHVALE });
    // Assess: the names as the register spells them; Closed left out and listed with line and name
    expect(directory.problems).toEqual([]);
    expect(directory.loaded).toBe(true);
    expect(directory.schools.map((s) => [s.urn, s.name])).toEqual([
      ['200101', 'St Thomas à Becket Catholic Primary School'],
      ['200102', 'St Bede\u2019s Catholic Primary School'],
      ['200103', 'Brontë Primary School'],
      ['200105', 'Northvale Academy, Sixth Form & Café'],
      ['200107', 'Riverbend Free School'],
    ]);
    expect(directory.schools.every((s) => !s.name.includes('\uFFFD'))).toBe(true);
    expect(directory.schools.find((s) => s.urn === '200103')!.keyAdult).toEqual({
      name: 'Zoë Adébáyò',
      email: 'z.adebayo@bronte.example.sch.uk',
      phone: '01632 961031',
    });
    expect(directory.schools.find((s) => s.urn === '200101')!.keyAdult!.name).toBe('Siobhán Ó Briain');
    expect(directory.leftOut).toEqual<DirectoryLeftOut[]>([
      {
        file: 'register',
        line: 5,
        urn: '200104',
        name: 'Northvale Infant School',
        reason: 'the register lists it as Closed',
      },
      {
        file: 'register',
        line: 7,
        urn: '200106',
        name: 'Fenwick Church of England Primary School',
        reason: 'the register lists it as Closed',
      },
      { file: 'contacts', line: 5, urn: '200104', reason: 'the register lists URN 200104 as closed (line 5)' },
      {
        file: 'contacts',
        line: 8,
        urn: '100001',
        reason: expect.stringContaining('URN 100001 is not in this register file'),
      },
    ]);
    expect(directory.localAuthorityCodes).toEqual(['331']);
  });

  it('the same extract read as Latin-1 or as UTF-8 upstream, and handed over as text, is refused naming the line', () => {
    // Prepare: what a tool that guessed wrong passes on
    const bytes = fixture('gias-northvale-331-windows-1252.csv');
    const asLatin1 = Buffer.from(bytes).toString('latin1');
    const asUtf8 = Buffer.from(bytes).toString('utf8');
    const contacts = fixture('contacts-northvale-331-utf8-bom.csv');
    // Act
    const latin1 = buildDirectory(asLatin1, contacts, { now: NOW, knownCalendars: WITH_NORTHVALE });
    const utf8 = buildDirectory(asUtf8, contacts, { now: NOW, knownCalendars: WITH_NORTHVALE });
    // Assess: nothing loaded; line 3 is St Bede's (its apostrophe, 0x92, became U+0092); line 2 St Thomas à Becket (à became U+FFFD)
    expect(latin1.loaded).toBe(false);
    expect(latin1.schools).toEqual([]);
    expect(latin1.problems).toEqual([
      { file: 'register', line: 3, column: 34, reason: expect.stringContaining('control character U+0092') },
    ]);
    expect(utf8.loaded).toBe(false);
    expect(utf8.problems[0]).toEqual({
      file: 'register',
      line: 2,
      column: 37,
      reason: expect.stringContaining('replacement character'),
    });
  });

  it('a file in neither encoding is refused, naming the line, and nothing is loaded even partially', () => {
    const register = new Uint8Array(
      Buffer.concat([
        Buffer.from(registerOf(oakRegister), 'latin1'),
        Buffer.from([0x31, 0x30, 0x30, 0x30, 0x30, 0x32, 0x2c, 0x33, 0x33, 0x30, 0x2c, 0x8d, 0x0d, 0x0a]),
      ]),
    );
    const directory = buildDirectory(register, contactsOf(oakContacts), {
      now: NOW,
      partial: true,
      knownCalendars: KNOWN,
    });
    expect(directory.loaded).toBe(false);
    expect(directory.problems).toEqual([
      {
        file: 'register',
        line: 3,
        column: 12,
        reason: expect.stringContaining('holds the byte 0x8D, which is not a character in UTF-8 or in Windows-1252'),
      },
    ]);
  });

  it.each([
    ['Open', true],
    ['Open, but proposed to close', true],
    ['Proposed to open', true],
    ['Closed', false],
  ])('EstablishmentStatus (name) %j: loaded %s', (status, loaded) => {
    const directory = buildDirectory(
      registerOf(`100001,330,Riverside,Oak Primary School,"${status}",Primary,RV1 2AB`),
      contactsOf(oakContacts),
      { now: NOW, knownCalendars: KNOWN },
    );
    expect(directory.problems).toEqual([]);
    expect(directory.schools.map((s) => s.urn)).toEqual(loaded ? ['100001'] : []);
    expect(directory.leftOut.filter((l) => l.file === 'register')).toEqual(
      loaded
        ? []
        : [
            {
              file: 'register',
              line: 2,
              urn: '100001',
              name: 'Oak Primary School',
              reason: 'the register lists it as Closed',
            },
          ],
    );
  });

  it('a closed establishment is left out whatever else its row has (its phase is not checked)', () => {
    const directory = buildDirectory(
      registerOf(oakRegister, '100002,330,Riverside,Elm Infants,Closed,Infant,RV2 3CD'),
      contactsOf(oakContacts),
      { now: NOW, knownCalendars: KNOWN },
    );
    expect(directory.problems).toEqual([]);
    expect(directory.loaded).toBe(true);
    expect(directory.leftOut).toEqual([
      { file: 'register', line: 3, urn: '100002', name: 'Elm Infants', reason: 'the register lists it as Closed' },
    ]);
  });

  it('an unknown or missing status is a problem on its line', () => {
    const { problems } = parseRegister(
      registerOf('100001,330,Riverside,Oak,Shut,Primary,RV1', '100002,330,Riverside,Elm,,Primary,RV1'),
    );
    expect(problems).toEqual([
      {
        file: 'register',
        line: 2,
        urn: '100001',
        reason:
          "unknown EstablishmentStatus (name) 'Shut' (expected one of Open; Open, but proposed to close; Proposed to open; Closed)",
      },
      { file: 'register', line: 3, urn: '100002', reason: 'EstablishmentStatus (name) is missing' },
    ]);
  });

  it("csv-parse's errors come in plain words with the line: a quote not closed makes the file unreadable from there", () => {
    const directory = buildDirectory(
      registerOf(
        oakRegister,
        '100002,330,Riverside,"Elm Academy,Open,Secondary,RV2 3CD',
        '100003,330,Riverside,Ash,Open,Primary,RV3',
      ),
      contactsOf(oakContacts),
      { now: NOW, partial: true, knownCalendars: KNOWN },
    );
    expect(directory.loaded).toBe(false);
    expect(directory.problems).toEqual([
      {
        file: 'register',
        line: 3,
        reason:
          'not valid CSV: a quoted value is not closed: a double quote opened here has no closing quote before the end of the file (value 4 of the row); the rest of the file cannot be read reliably, so nothing in it was loaded',
      },
    ]);
  });

  it('a stray quote inside a value is a problem on its row; a partial load loads the others', () => {
    const directory = buildDirectory(
      registerOf(oakRegister, '100002,330,Riverside,Elm "New" Academy,Open,Secondary,RV2 3CD'),
      contactsOf(oakContacts, elmContacts),
      { now: NOW, partial: true, knownCalendars: KNOWN },
    );
    expect(directory.loaded).toBe(true);
    expect(directory.schools.map((s) => s.urn)).toEqual(['100001']);
    expect(directory.problems).toEqual([
      {
        file: 'register',
        line: 3,
        reason: expect.stringContaining('not valid CSV: a double quote is inside a value that does not start with one'),
      },
    ]);
  });

  it('several register files, one per local authority, in one import: places name the file; a URN in two files is refused in both', () => {
    // Prepare
    const riverside = registerOf(oakRegister, elmRegister);
    const northvale = registerOf(
      '100003,331,Northvale,Ash School,Open,Primary,NV1 1AA',
      '100002,331,Northvale,Elm Academy,Open,Secondary,NV2 3CD',
      '100004,331,Northvale,Birch,Open,Infant,NV1',
    );
    const contacts = contactsOf(
      oakContacts,
      elmContacts,
      '100003,Jo Bright,jo@ash.example.sch.uk,01632 960300,,,,,,yes',
    );
    // Act
    const directory = buildDirectory([riverside, northvale], contacts, {
      now: NOW,
      knownCalendars: [...KNOWN, 'la-331'],
    });
    // Assess
    expect(directory.localAuthorityCodes).toEqual(['330', '331']);
    expect(directory.problems).toEqual<DirectoryProblem[]>([
      {
        file: 'register',
        fileNumber: 1,
        line: 3,
        urn: '100002',
        reason:
          'duplicate URN 100002 (on register file 1 line 3, register file 2 line 3); none of these rows was loaded',
      },
      {
        file: 'register',
        fileNumber: 2,
        line: 3,
        urn: '100002',
        reason:
          'duplicate URN 100002 (on register file 1 line 3, register file 2 line 3); none of these rows was loaded',
      },
      {
        file: 'register',
        fileNumber: 2,
        line: 4,
        urn: '100004',
        reason: expect.stringContaining("unknown phase 'Infant'"),
      },
    ]);
    expect(directory.schools.map((s) => [s.urn, s.localAuthorityCode])).toEqual([
      ['100001', '330'],
      ['100003', '331'],
    ]);
  });
});

describe('schoolsToRemove: an import replaces the schools of the local authorities it names, and no others', () => {
  const stored = (urn: string, localAuthorityCode: string, name = `School ${urn}`): School => ({
    urn,
    name,
    localAuthorityCode,
    phase: 'primary',
    termCalendarId: `la-${localAuthorityCode}`,
    extraInsetDays: [],
    startOfDay: '08:30',
    holidayCover: false,
    updatedAt: '2026-09-01T00:00:00.000Z',
  });
  const directoryOf = (register: string, contacts = contactsOf(oakContacts, elmContacts), partial = false) =>
    buildDirectory(register, contacts, { now: NOW, partial, knownCalendars: [...KNOWN, 'la-331'] });

  it("removes a school of the same authority the register lists as closed or no longer lists; another authority's schools stay", () => {
    // Prepare: the directory holds Oak, Elm and Ash (330) and Birch (331); the new 330 extract lists Oak open and Elm closed, and not Ash
    const directory = directoryOf(registerOf(oakRegister, '100002,330,Riverside,Elm Academy,Closed,Secondary,RV2 3CD'));
    // Act
    const plan = schoolsToRemove(directory, [
      stored('100001', '330'),
      stored('100002', '330'),
      stored('100003', '330'),
      stored('200001', '331'),
    ]);
    // Assess
    expect(plan.withheld).toBeUndefined();
    expect(plan.remove.map((r) => [r.school.urn, r.reason])).toEqual([
      ['100002', 'the register lists it as closed (line 3)'],
      ['100003', 'not in the register file for local authority 330'],
    ]);
  });

  it('a school whose row has a problem is kept as it is (partial load)', () => {
    const directory = directoryOf(
      registerOf(oakRegister, '100002,330,Riverside,,Open,Secondary,RV2 3CD'),
      contactsOf(oakContacts, elmContacts),
      true,
    );
    expect(directory.loaded).toBe(true);
    expect(schoolsToRemove(directory, [stored('100001', '330'), stored('100002', '330')]).remove).toEqual([]);
  });

  it("when a line's URN cannot be read, nothing is removed, and the answer says why", () => {
    const directory = directoryOf(
      registerOf(oakRegister, '10002,330,Riverside,Elm Academy,Open,Secondary,RV2 3CD'),
      contactsOf(oakContacts),
      true,
    );
    const plan = schoolsToRemove(directory, [stored('100001', '330'), stored('100002', '330')]);
    expect(plan.remove).toEqual([]);
    expect(plan.withheld).toBe(
      'No school was removed: the URN on line 3 could not be read, and it may be one of the 1 school the register files no longer list',
    );
  });

  it('nothing is removed when the import does not load', () => {
    const directory = directoryOf(registerOf(oakRegister, '100002,330,Riverside,,Open,Secondary,RV2 3CD'));
    expect(directory.loaded).toBe(false);
    expect(schoolsToRemove(directory, [stored('100003', '330')]).remove).toEqual([]);
  });
});
