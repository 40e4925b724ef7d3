/** Supporting Families / Family Help's words: closure outcomes and every message, without blame. */
import { describe, expect, it } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import { ProcessHarness } from '#test/support/process-harness';
import { actors } from '#test/support/supporting-families';
import type { SfDetails } from './contract';
import { outcomeWords } from './details';
import * as sfParts from './index';
import {
  allocatedMessage,
  checkpointMessages,
  childProtectionPlanMessage,
  stepUpMessage,
  sustainCheckMessage,
} from './messages';

const supportingFamilies = definitionOf(sfParts, 1);

describe('words without blame', () => {
  const blame =
    /did not|didn’t|engage|refus|fail|non-?complian|challenging|behaviour|chaotic|resist|hard to reach|troubled|unwilling|uncooperative/i;
  it('closure outcomes and every message say what happened, never who is at fault', () => {
    const messages = [
      ...Object.values(checkpointMessages),
      stepUpMessage,
      allocatedMessage,
      childProtectionPlanMessage,
      sustainCheckMessage,
    ].flatMap((m) => [m.subject, m.body]);
    const words = [...Object.values(outcomeWords), ...messages];
    expect(words.filter((w) => blame.test(w))).toEqual([]);
    expect(outcomeWords.noConsent).toBe(
      'Recorded without the family’s consent: only the channel and date of the request are kept',
    );
  });

  it('a request without consent closes with those words on the case', () => {
    const h = new ProcessHarness<SfDetails>(supportingFamilies);
    h.apply(
      'requestForSupport',
      { requestReference: 'RFS-9', channel: 'telephone', requestedAt: '2026-03-02T09:00:00Z', consent: false },
      actors.frontDoor,
      '2026-03-02T09:30:00Z',
    );
    expect(h.record!.closureReason).toBe(outcomeWords.noConsent);
  });
});
