/** Crisis escalation's words: messages, discharge outcomes and step-down reasons, without blame. */
import { describe, expect, it } from 'vitest';
import { deescalationWords, outcomeWords } from './details';
import { checkpointMessages, meetingMessages } from './messages';

describe('words without blame', () => {
  it('messages, discharge outcomes and step-down reasons say what happened, never who is at fault', () => {
    const blame =
      /did not|didn’t|engage|refus|fail|non-?complian|challenging|behaviour|chaotic|resist|hard to reach|troubled|unwilling|uncooperative/i;
    const words = [...Object.values(checkpointMessages), ...Object.values(meetingMessages)].flatMap((m) => [
      m.subject,
      m.body,
    ]);
    words.push(...Object.values(outcomeWords), ...Object.values(deescalationWords));
    expect(words.length).toBeGreaterThan(20);
    expect(words.filter((w) => blame.test(w))).toEqual([]);
  });
});
