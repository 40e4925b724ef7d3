/** The log check itself: which values it knows, that it finds them in a line, and that it sees what code logs. */
import { describe, expect, it } from 'vitest';
import {
  captured,
  findPersonalValues,
  knownPersonalValues,
  personalValuesInContacts,
  personalValuesInSource,
  withdraw,
} from './log-check';

describe('knownPersonalValues', () => {
  it("knows the fixtures' children, people and dates of birth, and the demo directory's contacts", () => {
    // Act
    const known = knownPersonalValues();
    // Assess: test/support/process-harness.ts, the IHA example, local/demo.ts, Operation Encompass, contacts.csv, and always the brief's
    for (const value of [
      'Sam Okafor',
      'Alex Morgan',
      'Test Child',
      '2015-06-01',
      'Ruth Green',
      'Amara Johnson',
      '2019-03-14',
      'Leo Martin',
      '2017-06-14',
      'Kim Walsh',
      'kim.walsh@riverside-primary.example.sch.uk',
      'Maria Santos',
      // Eastbrook's demo schools' contacts (eastbrook-contacts.csv), and Eastbrook's demo people and children
      'Omar Ali',
      'leah.fox@eastbrook-primary.example.sch.uk',
      'Bea Lawson',
      'Tomas Novak',
      'Ava Thompson',
      '2016-04-12',
    ]) {
      expect(known, value).toContain(value);
    }
  });

  it('leaves out schools, holidays, error names and system actors', () => {
    // Prepare
    const source = `{ name: 'Riverside Primary School' }, { name: 'Good Friday' }, { name: 'RightTime scheduler' }, { name: 'AxiosError' }, { name: 'Spring 1' }, { name: 'Jo Patel' }, { dateOfBirth: 'not a date' }, { "dateOfBirth": "2012-07-02" }`;
    // Act
    const values = personalValuesInSource(source);
    // Assess
    expect(values.sort()).toEqual(['2012-07-02', 'Jo Patel']);
  });

  it("takes a council's person id for a child, whole, and not a value that is no id", () => {
    // Prepare
    const source = `{ personId: 'LCS-40017' }, { "personId": " MOS-123456 " }, { personId: 'LCS 1' }, { personId: 'none' }`;
    // Act / Assess
    expect(personalValuesInSource(source).sort()).toEqual(['LCS-40017', 'MOS-123456']);
  });

  it("takes the Key Adults' and deputies' names, emails and phones from the contacts file, not its other columns", () => {
    // Prepare
    const csv =
      'URN,KeyAdultName,KeyAdultEmail,KeyAdultPhone,DeputyName,DeputyEmail,DeputyPhone,TermCalendar,StartOfDay,HolidayCover\n100009,Ann Lee,ann@x.example,01632 960999,,,,,08:30,yes\n';
    // Act / Assess
    expect(personalValuesInContacts(csv)).toEqual(['Ann Lee', 'ann@x.example', '01632 960999']);
  });
});

describe('findPersonalValues', () => {
  it('finds a name or a date of birth anywhere in a line, whatever its case, and nothing in a clean line', () => {
    // Prepare
    const lines = [
      '{"level":"ERROR","message":"Date out of range: 2016-04-12 + 216 months"}',
      '{"level":"INFO","message":"case opened","child":"AVA THOMPSON"}',
      '{"level":"INFO","message":"case opened","eventId":"evt-1","caseCode":"IHA-7Q2K"}',
    ];
    // Act
    const leaks = findPersonalValues(lines, knownPersonalValues());
    // Assess
    expect(leaks).toEqual([
      { value: '2016-04-12', line: lines[0] },
      { value: 'Ava Thompson', line: lines[1] },
    ]);
  });
});

describe('the setup file (test/support/log-check.setup.ts)', () => {
  it('captures what code writes to the console and to stdout in this worker, so a planted name is caught', () => {
    // Prepare: the setup file is installed for this file too
    const marker = `planted-${Date.now()}`;
    // Act: log a name the way careless code would, through console and through stdout (as Powertools does)
    console.error(`${marker} could not open the case of Ava Thompson`);
    process.stdout.write(`{"level":"ERROR","message":"${marker}","dateOfBirth":"2016-04-12"}\n`);
    const planted = captured.filter((line) => line.includes(marker));
    const leaks = findPersonalValues(planted, knownPersonalValues());
    withdraw((line) => line.includes(marker)); // so this file itself passes the check
    // Assess
    expect(planted).toHaveLength(2);
    expect(leaks.map((l) => l.value).sort()).toEqual(['2016-04-12', 'Ava Thompson']);
    expect(captured.some((line) => line.includes(marker))).toBe(false);
  });
});
