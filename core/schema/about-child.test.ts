import { describe, expect, it } from 'vitest';
import { aboutChild, ETHNICITY_CODES, ETHNICITY_WORDS, ethnicGroupOf } from './about-child';

describe('about the child', () => {
  it('takes every field, each optional', () => {
    expect(aboutChild.parse({})).toEqual({});
    const all = {
      personId: ' MOS-123456 ',
      ethnicity: 'WIRT',
      sex: '9',
      send: 'ehcPlan',
      unaccompaniedAsylumSeeking: true,
      careExperienced: false,
    };
    expect(aboutChild.parse(all)).toEqual({ ...all, personId: 'MOS-123456' });
  });

  it.each([
    [{ personId: 'LCS/1' }, 'personId'],
    [{ personId: 'A'.repeat(41) }, 'personId'],
    [{ ethnicity: 'wbri' }, 'ethnicity'],
    [{ sex: 1 }, 'sex'],
    [{ send: 'EHCP' }, 'send'],
    [{ unaccompaniedAsylumSeeking: 'no' }, 'unaccompaniedAsylumSeeking'],
    [{ religion: 'x' }, ''],
  ])('refuses %j, naming the field', (value, field) => {
    const parsed = aboutChild.safeParse(value);
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(field);
  });

  it('knows the 18 ethnicity codes of the DfE census and the 2 for refused or not obtained, each in words', () => {
    expect(ETHNICITY_CODES).toHaveLength(20);
    for (const code of ETHNICITY_CODES) expect(ETHNICITY_WORDS[code].length).toBeGreaterThan(0);
  });

  it('groups each code under the DfE major ethnic group', () => {
    expect(ethnicGroupOf('WBRI')).toBe('white');
    expect(ethnicGroupOf('WROM')).toBe('white');
    expect(ethnicGroupOf('MWAS')).toBe('mixed');
    expect(ethnicGroupOf('ABAN')).toBe('asian');
    expect(ethnicGroupOf('BAFR')).toBe('black');
    expect(ethnicGroupOf('CHNE')).toBe('other');
    expect(ethnicGroupOf('OOTH')).toBe('other');
    expect(ethnicGroupOf('REFU')).toBe('notKnown');
    expect(ethnicGroupOf('NOBT')).toBe('notKnown');
  });
});
