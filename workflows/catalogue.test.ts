import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '#core/process/model';
import { PartnershipConfigError } from '#core/partnership/config';
import { partnership } from '#functions/runtime';
import { catalogue, checkPartnership, processOfCase } from './catalogue';

const alwaysFilled = ['caseCode', 'link', 'clock', 'due'];

describe('the process catalogue', () => {
  it.each(catalogue.map((p) => [p.id, p] as const))('%s: every checkpoint message uses only words that are filled in', (_id, definition) => {
    const processWords = Object.keys(definition.messageVars?.({ details: {} } as CaseRecord) ?? {});
    for (const clock of definition.clocks) {
      for (const checkpoint of clock.checkpoints) {
        const words = [...`${checkpoint.message.subject} ${checkpoint.message.body}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        for (const word of words) expect([...alwaysFilled, ...processWords], `${clock.id}.${checkpoint.id} uses {${word}}`).toContain(word);
      }
    }
  });

  it('gives every process its own case prefix, so a case id names its process', () => {
    const prefixes = catalogue.map((p) => p.casePrefix.toLowerCase());
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const p of catalogue) expect(processOfCase(`${p.casePrefix.toLowerCase()}-abcd-efgh`)?.id).toBe(p.id);
  });

  it('has exactly one opening event per process, and unique event types', () => {
    for (const p of catalogue) {
      expect(p.events.filter((e) => e.opensCase)).toHaveLength(1);
      expect(new Set(p.events.map((e) => e.type)).size).toBe(p.events.length);
    }
  });

  it('accepts the shipped partnership configuration', () => {
    expect(checkPartnership(partnership)).toBe(partnership);
  });

  it('refuses an override for a process that does not exist, and a statutory clock lengthened, naming both', () => {
    const misspelt = { ...partnership, processes: { ...partnership.processes, 'initial-health-assesment': { clocks: {} }, 'initial-health-assessment': { clocks: { 'initial-health-assessment': { length: 25 } } } } };
    try {
      checkPartnership(misspelt);
      expect.unreachable('should have refused the configuration');
    } catch (error) {
      expect(error).toBeInstanceOf(PartnershipConfigError);
      const problems = (error as PartnershipConfigError).problems.join('\n');
      expect(problems).toContain("processes.initial-health-assesment: there is no process 'initial-health-assesment'");
      expect(problems).toContain('statutory');
    }
  });
});
