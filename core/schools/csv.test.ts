import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDirectory, isUkPhone, NO_KEY_ADULT, parseContacts, parseCsv, parseRegister, type DirectoryProblem } from './csv';

const NOW = new Date('2026-10-05T09:15:00Z');
const KNOWN = ['la-330', 'academy-riverbank'];

const REGISTER_HEADER = 'URN,LA (code),LA (name),EstablishmentName,EstablishmentStatus (name),PhaseOfEducation (name),Postcode';
const CONTACTS_HEADER = 'URN,KeyAdultName,KeyAdultEmail,KeyAdultPhone,DeputyName,DeputyEmail,DeputyPhone,TermCalendar,StartOfDay,HolidayCover';

const registerOf = (...rows: string[]) => [REGISTER_HEADER, ...rows].join('\r\n') + '\r\n';
const contactsOf = (...rows: string[]) => [CONTACTS_HEADER, ...rows].join('\n') + '\n';

const oakRegister = '100001,330,Riverside,Oak Primary School,Open,Primary,RV1 2AB';
const elmRegister = '100002,330,Riverside,Elm Academy,Open,Secondary,RV2 3CD';
const oakContacts = '100001,Kim Walsh,kim.walsh@oak.example.sch.uk,01632 960123,Dev Patel,dev.patel@oak.example.sch.uk,01632 960124,,,yes';
const elmContacts = '100002,Ana Lima,ana.lima@elm.example.sch.uk,+44 1632 960200,,,,academy-riverbank,08:45,false';

describe('parseCsv', () => {
  it('reads plain records with their line numbers', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('reads CRLF, LF and a lone CR as record ends', () => {
    expect(parseCsv('a,b\r\n1,2\n3,4\r5,6').map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
      [4, ['5', '6']],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields, and counts the lines they span', () => {
    // Prepare
    const text = 'name,note\r\n"Millbrook Nursery School, Riverside","She said ""hello"""\r\n"St Anne\'s","two\r\nlines\nhere"\r\nlast,row\r\n';
    // Act
    const records = parseCsv(text);
    // Assess
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Millbrook Nursery School, Riverside', 'She said "hello"'] },
      { line: 3, fields: ["St Anne's", 'two\r\nlines\nhere'] },
      { line: 6, fields: ['last', 'row'] },
    ]);
  });

  it('drops a byte order mark and blank lines, including the blank trailing line', () => {
    expect(parseCsv('\uFEFFURN,Name\r\n100001,Oak\r\n\r\n100002,Elm\r\n\r\n')).toEqual([
      { line: 1, fields: ['URN', 'Name'] },
      { line: 2, fields: ['100001', 'Oak'] },
      { line: 4, fields: ['100002', 'Elm'] },
    ]);
  });

  it('keeps empty fields, a quoted empty field, and a trailing empty field', () => {
    expect(parseCsv('a,,"",\n')).toEqual([{ line: 1, fields: ['a', '', '', ''] }]);
  });

  it('keeps a quote inside an unquoted field as it is', () => {
    expect(parseCsv('Oak "Old" School,1')[0]!.fields).toEqual(['Oak "Old" School', '1']);
  });

  it('marks text after a closing quote, and a quote never closed, as malformed', () => {
    const records = parseCsv('a,b\n"Oak"x,1\n2,"never closed\n3,4\n');
    expect(records[1]).toMatchObject({ line: 2, malformed: 'text after the closing quote of field 1' });
    expect(records[2]).toMatchObject({ line: 3, malformed: expect.stringContaining('not closed') });
    expect(records).toHaveLength(3);
  });

  it('an empty text has no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF\r\n')).toEqual([]);
  });
});

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
    const phases = ['Nursery', 'Primary', 'Middle deemed primary', 'Middle deemed secondary', 'Secondary', 'All-through', '16 plus', 'Not applicable'];
    const text = registerOf(...phases.map((phase, i) => `10000${i + 1},330,Riverside,School ${i + 1},Open,${phase},RV1 1AA`));
    // Act
    const { rows, problems, usable } = parseRegister(text);
    // Assess
    expect(problems).toEqual([]);
    expect(usable).toBe(true);
    expect(rows.map((r) => r.phase)).toEqual(['nursery', 'primary', 'middle', 'middle', 'secondary', 'allThrough', 'sixteenPlus', 'notApplicable']);
    expect(rows[0]).toEqual({ line: 2, urn: '100001', name: 'School 1', localAuthorityCode: '330', phase: 'nursery' });
  });

  it('matches header names after trimming, in any order', () => {
    const { rows, problems } = parseRegister(' PhaseOfEducation (name) , EstablishmentName ,URN, LA (code)\n Primary , Oak Primary School ,100001,330\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ line: 2, urn: '100001', name: 'Oak Primary School', localAuthorityCode: '330', phase: 'primary' }]);
  });

  it('a missing column makes the file unusable, reported on line 1', () => {
    const { rows, problems, usable } = parseRegister('URN,EstablishmentName,LA,PhaseOfEducation (name)\n100001,Oak,330,Primary\n');
    expect(usable).toBe(false);
    expect(rows).toEqual([]);
    expect(problems).toEqual([{ file: 'register', line: 1, reason: expect.stringContaining('no column LA (code)') }]);
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
      { file: 'register', line: 7, urn: '100007', reason: 'has 6 fields but the header has 7' },
      { file: 'register', line: 8, urn: '100008', reason: 'duplicate URN 100008 (on lines 8, 10); none of these rows was loaded' },
      { file: 'register', line: 10, urn: '100008', reason: 'duplicate URN 100008 (on lines 8, 10); none of these rows was loaded' },
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
    ['a control character', 'Oak\u0007 Primary', { reason: 'EstablishmentName must be one line of plain text, without control characters such as tabs or line breaks' }],
    ['a lone surrogate', 'Oak \uD800Primary', { reason: 'EstablishmentName holds a broken character (a lone surrogate); please type it again' }],
  ])('EstablishmentName: %s', (_what, name, expected) => {
    // Act
    const { rows, problems } = parseRegister(registerOf(`100001,330,Riverside,"${name}",Open,Primary,RV1 2AB`));
    // Assess
    if ('name' in expected) expect(rows.map((r) => r.name)).toEqual([expected.name]);
    else expect(problems).toEqual([{ file: 'register', line: 2, urn: '100001', reason: expected.reason }]);
  });

  it.each([
    ['KeyAdultName', '\u3164', `100001,\u3164,kim@oak.example.sch.uk,01632 960123,,,,,,yes`, `KeyAdultName ${INVISIBLE}`],
    ['DeputyName', '\u200D\u200D', `100001,Kim Walsh,kim@oak.example.sch.uk,01632 960123,\u200D\u200D,dev@oak.example.sch.uk,01632 960124,,,yes`, `DeputyName ${INVISIBLE}`],
  ])('%s of only %j is refused, naming the column', (_column, _name, row, reason) => {
    const { rows, problems } = parseContacts(contactsOf(row));
    expect(rows).toEqual([]);
    expect(problems).toEqual([{ file: 'contacts', line: 2, urn: '100001', reason }]);
  });

  it('a Key Adult name is normalised', () => {
    const { rows } = parseContacts(contactsOf('100001,\u200BZoe\u0308 Walsh ,kim@oak.example.sch.uk,01632 960123,,,,,,yes'));
    expect(rows[0]!.keyAdult!.name).toBe('Zo\u00EB Walsh');
  });
});

describe('parseContacts', () => {
  it('reads a Key Adult, a deputy, the calendar, the start of day and holiday cover, with defaults', () => {
    const { rows, problems } = parseContacts(contactsOf(oakContacts, elmContacts));
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        urn: '100001',
        keyAdult: { name: 'Kim Walsh', email: 'kim.walsh@oak.example.sch.uk', phone: '01632 960123' },
        deputy: { name: 'Dev Patel', email: 'dev.patel@oak.example.sch.uk', phone: '01632 960124' },
        startOfDay: '08:30',
        holidayCover: true,
      },
      {
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
      { file: 'contacts', line: 4, urn: '100003', reason: "KeyAdultPhone '01632-960300' is not a UK phone number (digits and spaces, starting 0 or +44)" },
      { file: 'contacts', line: 5, urn: '100004', reason: "StartOfDay '8.30am' is not a time written HH:MM" },
      { file: 'contacts', line: 6, urn: '100005', reason: "StartOfDay '25:00' is not a time written HH:MM" },
      { file: 'contacts', line: 6, urn: '100005', reason: "HolidayCover 'maybe' must be yes, no, true or false" },
      { file: 'contacts', line: 7, urn: '100006', reason: 'DeputyEmail is missing' },
      { file: 'contacts', line: 7, urn: '100006', reason: 'DeputyPhone is missing' },
      { file: 'contacts', line: 9, urn: '100008', reason: expect.stringContaining("TermCalendar 'Academy Calendar' is not a term calendar id") },
    ]);
  });

  it('a contacts file with a column missing is unusable', () => {
    const { problems, usable } = parseContacts('URN,KeyAdultName,KeyAdultEmail,KeyAdultPhone\n100001,Kim Walsh,kim@oak.example.sch.uk,01632 960123\n');
    expect(usable).toBe(false);
    expect(problems).toEqual([{ file: 'contacts', line: 1, reason: expect.stringContaining('DeputyName, DeputyEmail, DeputyPhone, TermCalendar, StartOfDay, HolidayCover') }]);
  });
});

describe('buildDirectory', () => {
  it('joins the register and the contacts into schools, stamped with the time of loading', () => {
    // Act
    const directory = buildDirectory(registerOf(oakRegister, elmRegister), contactsOf(oakContacts, elmContacts), { now: NOW, knownCalendars: KNOWN });
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
    const directory = buildDirectory(registerOf(oakRegister, elmRegister), contactsOf(oakContacts), { now: NOW, knownCalendars: KNOWN });
    expect(directory.problems).toEqual([{ file: 'register', line: 3, urn: '100002', reason: `${NO_KEY_ADULT}: the contacts file has no row for URN 100002` }]);
    expect(directory.loaded).toBe(false);
    const elm = directory.schools.find((s) => s.urn === '100002')!;
    expect(elm).toMatchObject({ termCalendarId: 'la-330', startOfDay: '08:30', holidayCover: false });
    expect(elm.keyAdult).toBeUndefined();
  });

  it('a contacts row that names nobody is reported on its own line', () => {
    const directory = buildDirectory(registerOf(oakRegister), contactsOf('100001,,,,,,,,08:45,yes'), { now: NOW, knownCalendars: KNOWN });
    expect(directory.problems).toEqual([{ file: 'contacts', line: 2, urn: '100001', reason: NO_KEY_ADULT }]);
    expect(directory.schools).toEqual([expect.objectContaining({ urn: '100001', startOfDay: '08:45', holidayCover: true })]);
  });

  it('reports contacts for a URN not in the register, and unknown term calendars', () => {
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
      { file: 'contacts', line: 3, urn: '100002', reason: "unknown term calendar 'academy-elsewhere' (known: la-330, academy-riverbank)" },
      { file: 'contacts', line: 4, urn: '100003', reason: "unknown term calendar 'la-331' (known: la-330, academy-riverbank)" },
      { file: 'contacts', line: 5, urn: '100099', reason: 'contacts for URN 100099, which is not in the register' },
    ]);
    expect(directory.schools.map((s) => s.urn)).toEqual(['100001']);
  });

  it('a school with no contacts row and no calendar for its local authority is reported against its register line', () => {
    const directory = buildDirectory(registerOf('100003,331,Northvale,Ash School,Open,Primary,NV1 1AA'), contactsOf(), { now: NOW, knownCalendars: KNOWN });
    expect(directory.problems).toEqual([{ file: 'register', line: 2, urn: '100003', reason: expect.stringContaining("unknown term calendar 'la-331'") }]);
    expect(directory.schools).toEqual([]);
  });

  it('a school whose contacts row is bad is left out (a partial load never wipes its Key Adult)', () => {
    const directory = buildDirectory(registerOf(oakRegister, elmRegister), contactsOf(oakContacts, '100002,Ana Lima,ana.lima@,01632 960200,,,,,,yes'), { now: NOW, partial: true, knownCalendars: KNOWN });
    expect(directory.problems).toEqual([{ file: 'contacts', line: 3, urn: '100002', reason: "KeyAdultEmail 'ana.lima@' is not an email address" }]);
    expect(directory.schools.map((s) => s.urn)).toEqual(['100001']);
    expect(directory.loaded).toBe(true);
  });

  it('contacts for a school whose register row is bad are not reported a second time', () => {
    const directory = buildDirectory(registerOf(oakRegister, '100002,330,Riverside,Elm Academy,Open,Infant,RV2 3CD'), contactsOf(oakContacts, elmContacts), { now: NOW, knownCalendars: KNOWN });
    expect(directory.problems).toEqual([{ file: 'register', line: 3, urn: '100002', reason: expect.stringContaining("unknown phase 'Infant'") }]);
  });

  describe('partial or not', () => {
    const register = registerOf(oakRegister, '100002,330,Riverside,,Open,Secondary,RV2 3CD');
    const contacts = contactsOf(oakContacts, elmContacts);

    it('with a bad row and no partial load, nothing is loaded, though the valid schools are listed', () => {
      const directory = buildDirectory(register, contacts, { now: NOW, knownCalendars: KNOWN });
      expect(directory.loaded).toBe(false);
      expect(directory.problems).toEqual([{ file: 'register', line: 3, urn: '100002', reason: 'EstablishmentName is missing' }]);
      expect(directory.schools.map((s) => s.urn)).toEqual(['100001']);
    });

    it('with a partial load the valid schools load and the problems are still reported', () => {
      const directory = buildDirectory(register, contacts, { now: NOW, partial: true, knownCalendars: KNOWN });
      expect(directory.loaded).toBe(true);
      expect(directory.problems).toHaveLength(1);
      expect(directory.schools.map((s) => s.urn)).toEqual(['100001']);
    });

    it('a file that cannot be read is never loaded, even partially', () => {
      const directory = buildDirectory(register, 'URN,KeyAdultName\n100001,Kim Walsh\n', { now: NOW, partial: true, knownCalendars: KNOWN });
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
    expect(directory.schools.map((s) => s.urn)).toEqual(['100001', '100002', '100003', '100004', '100005', '100006', '100007', '100008']);
    expect(directory.schools.every((s) => s.localAuthorityCode === '330' && s.keyAdult && s.deputy)).toBe(true);
    expect(directory.schools.find((s) => s.urn === '100001')).toMatchObject({ name: 'Riverside Primary School', keyAdult: { name: 'Kim Walsh', email: 'kim.walsh@riverside-primary.example.sch.uk' } });
    expect(directory.schools.find((s) => s.urn === '100005')!.name).toBe('Millbrook Nursery School, Riverside');
    expect(directory.schools.filter((s) => s.termCalendarId === 'academy-riverbank').map((s) => s.urn)).toEqual(['100006']);
    expect(directory.schools.filter((s) => !s.holidayCover).map((s) => s.urn)).toEqual(['100002']);
    expect(directory.schools.filter((s) => s.startOfDay !== '08:30').map((s) => [s.urn, s.startOfDay])).toEqual([['100003', '08:45']]);
  });
});
