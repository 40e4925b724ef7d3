/** A crisis case's identity: the presentation reference, kept apart for each organisation that records it. */
import { describe, expect, it } from 'vitest';
import { caseKeyOf, type Presented } from './events';
import { examplePresentation } from './example';

describe('a presentation reference is kept apart for each organisation that records it', () => {
  it('the same reference recorded by another organisation is another case (a 409 would name a case its recorder may not see)', () => {
    const p = examplePresentation({ healthProvider: 'northvale-health' }) as Presented;
    expect(caseKeyOf(p, 'riverside-health')).not.toBe(caseKeyOf(p, 'northvale-health'));
    expect(caseKeyOf(p, 'northvale-health')).toBe(
      caseKeyOf({ ...p, caseReference: ` ${p.caseReference.toLowerCase()} ` }, 'northvale-health'),
    );
  });
});
