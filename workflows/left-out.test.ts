import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { definitionsOf, readableVersions, runnableVersions } from '#core/process/catalogue';
import { checkpointMessages, rules, views } from './left-out';
import { processes } from './processes';

describe('a part left out of a bundle (workflows/left-out.ts)', () => {
  it('refuses every read of it, naming the part', () => {
    expect(() => (rules as Record<number, unknown>)[1]).toThrow(
      "The processes' rules are left out of this Lambda's bundle",
    );
    expect(() => ({ ...(views as object) })).toThrow("The processes' views are left out");
    expect(() => Object.keys(rules)).toThrow('rules are left out');
    expect(() => 'figures' in views).toThrow('views are left out');
  });

  it('can be held, awaited and inspected without a read', async () => {
    expect(await Promise.resolve({ rules }).then((held) => held.rules)).toBe(rules);
    expect(() => inspect(views)).not.toThrow();
  });

  it('a catalogue made from parts without their rules reads no rule, and one without views no view', () => {
    // Prepare: each process as a bundle that left a part out holds it
    const withoutRules = processes.map((parts) => ({ ...parts, rules }));
    const withoutViews = processes.map((parts) => ({ ...parts, views }));
    // Act, Assess
    expect(withoutRules.flatMap(readableVersions).length).toBe(processes.flatMap((p) => p.contracts).length);
    expect(withoutViews.flatMap(runnableVersions).length).toBe(processes.flatMap((p) => p.contracts).length);
    expect(() => withoutRules.flatMap(definitionsOf)).toThrow('rules are left out');
    expect(() => withoutViews.flatMap(definitionsOf)).toThrow('views are left out');
  });

  it("answers a clock's every message by its path, and refuses reading its words or keys", () => {
    // Prepare: a checkpoint as a clocks.ts names its message when the messages are left out
    const m = checkpointMessages as Record<string, Record<string, { subject: string; body: string }>>;
    const checkpoint = { id: 'review-due', message: m.review!.due! };
    // Act, Assess: holding it (and a copy of the checkpoint) reads nothing
    expect({ ...checkpoint }.message).toBe(checkpoint.message);
    expect(() => checkpoint.message.subject).toThrow("The processes' messages are left out of this Lambda's bundle");
    expect(() => checkpoint.message.body).toThrow('messages are left out');
    expect(() => JSON.stringify(checkpoint)).toThrow('messages are left out');
    expect(() => Object.keys(m)).toThrow('messages are left out');
  });
});
