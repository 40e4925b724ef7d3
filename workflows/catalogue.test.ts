import { describe, expect, it } from 'vitest';
import shipped from '#config/partnership.json';
import { PartnershipConfigError, parsePartnership } from '#core/partnership/config';
import {
  catalogueOf,
  checkPartnership,
  checkPartnershipOf,
  definitionOf,
  definitionsOf,
  versionOf,
} from '#core/process/catalogue';
import { handlersFor } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { partnership } from '#functions/runtime';
import { catalogue, processCatalogue } from './catalogue';
import { contractCatalogue } from './contracts';
import * as ihaParts from './initial-health-assessment/index';
import { processes } from './processes';
import { runnableCatalogue } from './runnable';

const initialHealthAssessment = definitionOf(ihaParts);

const alwaysFilled = ['caseCode', 'link', 'clock', 'due'];

describe('the process catalogue', () => {
  it('the API, the rules step and infra read the processes of the one list, every version by its own contract: the API with its views and no rule, the rules step with its rules and no view', () => {
    const versions = (c: { processes: readonly { id: string }[]; byId(id: string, version?: number): unknown }) =>
      c.processes.flatMap((p) => [1, 2, 3].filter((v) => c.byId(p.id, v)).map((v) => `${p.id}@${v}`));
    const listed = processes.flatMap((parts) => parts.contracts.map((c) => `${c.id}@${versionOf(c)}`));
    expect(versions(processCatalogue)).toEqual(listed);
    expect(versions(contractCatalogue)).toEqual(listed);
    expect(versions(runnableCatalogue)).toEqual(listed);
    for (const parts of processes) {
      for (const contract of parts.contracts) {
        const version = versionOf(contract);
        const readable = contractCatalogue.byId(contract.id, version)! as unknown as Record<string, unknown>;
        const runnable = runnableCatalogue.byId(contract.id, version)! as unknown as Record<string, unknown>;
        const full = processCatalogue.byId(contract.id, version)! as unknown as Record<string, unknown>;
        for (const [key, value] of Object.entries(contract))
          for (const one of [readable, runnable, full]) expect(one[key]).toBe(value);
        for (const [key, value] of Object.entries(parts.views)) {
          expect(readable[key]).toBe(value);
          expect(full[key]).toBe(value);
          expect(key in runnable).toBe(false);
        }
        const rules = parts.rules[version]!;
        for (const [key, value] of Object.entries(rules)) {
          expect(runnable[key]).toBe(value);
          expect(full[key]).toBe(value);
          expect(key in readable).toBe(false);
        }
        expect(Object.keys(rules.handlers).sort()).toEqual(contract.events.map((e) => e.type).sort());
      }
    }
  });

  it('refuses a version whose folder exports no rules for it, naming it', () => {
    const [first] = processes;
    expect(() => definitionsOf({ ...first!, rules: {} })).toThrow(
      `${first!.contracts[0]!.id} version 1: its folder exports no rules for it`,
    );
  });

  it('refuses a definition without a rule for one of its events, or with a rule for an event it does not have', () => {
    const first = initialHealthAssessment;
    const { [first.events[0]!.type]: _left, ...fewer } = first.handlers;
    expect(() => catalogueOf([{ ...first, handlers: fewer }])).toThrow(
      `${first.id} version ${first.version ?? 1}: no rule for ${first.events[0]!.type}`,
    );
    expect(() => handlersFor()(first.events)({ ...first.handlers, notAnEvent: () => {} })).toThrow(
      'handlers for events the process does not have: notAnEvent',
    );
  });

  it.each(catalogue.map((p) => [p.id, p] as const))(
    '%s: every checkpoint message uses only words that are filled in',
    (_id, definition) => {
      const processWords = Object.keys(definition.messageVars?.({ details: {} } as CaseRecord) ?? {});
      for (const clock of definition.clocks) {
        for (const checkpoint of clock.checkpoints) {
          const words = [...`${checkpoint.message.subject} ${checkpoint.message.body}`.matchAll(/\{(\w+)\}/g)].map(
            (m) => m[1]!,
          );
          for (const word of words)
            expect([...alwaysFilled, ...processWords], `${clock.id}.${checkpoint.id} uses {${word}}`).toContain(word);
        }
      }
    },
  );

  it('gives every process its own case prefix, so a case id names its process', () => {
    const prefixes = catalogue.map((p) => p.casePrefix.toLowerCase());
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const p of catalogue)
      expect(processCatalogue.ofCaseId(`${p.casePrefix.toLowerCase()}-abcd-efgh`)?.id).toBe(p.id);
  });

  it('has exactly one opening event per process, and unique event types', () => {
    for (const p of catalogue) {
      expect(p.events.filter((e) => e.opensCase)).toHaveLength(1);
      expect(new Set(p.events.map((e) => e.type)).size).toBe(p.events.length);
    }
  });

  it('accepts the shipped partnership configuration', () => {
    expect(checkPartnership(processCatalogue, partnership)).toBe(partnership);
  });

  it('refuses an override for a process that does not exist, and a statutory clock lengthened, naming both', () => {
    const misspelt = {
      ...partnership,
      processes: {
        ...partnership.processes,
        'initial-health-assesment': { clocks: {} },
        'initial-health-assessment': { clocks: { 'initial-health-assessment': { length: 25 } } },
      },
    };
    try {
      checkPartnership(processCatalogue, misspelt);
      expect.unreachable('should have refused the configuration');
    } catch (error) {
      expect(error).toBeInstanceOf(PartnershipConfigError);
      const problems = (error as PartnershipConfigError).problems.join('\n');
      expect(problems).toContain("processes.initial-health-assesment: there is no process 'initial-health-assesment'");
      expect(problems).toContain('statutory');
    }
  });

  it("a function of one process (its rules step) checks that process's overrides and leaves the others' to the API's", () => {
    // Prepare: the catalogue of the IHA alone, as its rules step's build reads the list
    const ihaAlone = catalogueOf(definitionsOf(ihaParts));
    const configured = (processes: Record<string, unknown>) => ({
      ...partnership,
      processes: { ...partnership.processes, ...processes },
    });
    const others = configured({ 'no-such-process': { clocks: {} } });
    const lengthened = configured({
      'initial-health-assessment': { clocks: { 'initial-health-assessment': { length: 25 } } },
    });
    // Act / Assess: the other processes' overrides (a misspelt id too) are not its to check; the whole
    // catalogue's check refuses the misspelt id; its own process's lengthened clock is refused
    expect(checkPartnershipOf(ihaAlone, others as never)).toBe(others);
    expect(refusals(() => checkPartnership(processCatalogue, others as never)).join('\n')).toContain('no-such-process');
    expect(refusals(() => checkPartnershipOf(ihaAlone, lengthened as never)).join('\n')).toContain('statutory');
  });
});

/** The problems a check reports, or fails the test when it accepts the configuration. */
function refusals(check: () => unknown): string[] {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(PartnershipConfigError);
    return (error as PartnershipConfigError).problems;
  }
  return expect.fail('expected the configuration to be refused');
}

describe('no setting lengthens a statutory clock, by any route', () => {
  const IHA = 'initial-health-assessment';
  const clocksKey = `processes.${IHA}.clocks`;
  /** Override the IHA clocks (kept alongside the shipped request-to-health override). */
  const overriding = (clocks: Record<string, unknown>) => (c: any) => {
    c.processes[IHA].clocks = { ...c.processes[IHA].clocks, ...clocks };
  };
  const assessmentDue = (at: unknown) => overriding({ [IHA]: { checkpoints: { 'assessment-due': { at } } } });

  // Each route: how the configuration is changed, the key the refusal names, and a word it uses.
  const routes: [string, (c: any) => void, string, string][] = [
    ['a longer length', overriding({ [IHA]: { length: 21 } }), `${clocksKey}.${IHA}.length`, 'statutory'],
    [
      'calendar days instead of working days',
      overriding({ [IHA]: { kind: 'calendarDays' } }),
      `${clocksKey}.${IHA}`,
      'kind',
    ],
    [
      'school days instead of working days',
      overriding({ [IHA]: { kind: 'schoolDays' } }),
      `${clocksKey}.${IHA}`,
      'kind',
    ],
    ['a unit of calendar days', overriding({ [IHA]: { unit: 'calendarDays' } }), `${clocksKey}.${IHA}`, 'unit'],
    [
      'its due checkpoint moved to working day 25',
      assessmentDue({ after: 25 }),
      `${clocksKey}.${IHA}.checkpoints.assessment-due.at`,
      'never moved later',
    ],
    [
      'its due checkpoint moved 48 hours after the due instant',
      assessmentDue({ afterDueHours: 48 }),
      `${clocksKey}.${IHA}.checkpoints.assessment-due.at`,
      'never moved later',
    ],
    [
      'its due checkpoint turned into a warning',
      overriding({ [IHA]: { checkpoints: { 'assessment-due': { kind: 'warning' } } } }),
      `${clocksKey}.${IHA}.checkpoints.assessment-due`,
      'kind',
    ],
    [
      'its due checkpoint skipped once an appointment is booked',
      overriding({ [IHA]: { checkpoints: { 'assessment-due': { unlessCase: 'appointmentBooked' } } } }),
      `${clocksKey}.${IHA}.checkpoints.assessment-due`,
      'unlessCase',
    ],
    [
      'closure days applied to the clock',
      overriding({ [IHA]: { closureDays: [{ date: '2026-12-29', reason: 'closed' }] } }),
      `${clocksKey}.${IHA}`,
      'closureDays',
    ],
    [
      'a closure day of the whole partnership, owned by no organisation',
      (c) => c.closureDays.push({ date: '2027-01-04', reason: 'Partnership closure' }),
      'closureDays.5.organisation',
      'organisation',
    ],
    [
      'a closure day of an organisation not in the directory',
      (c) => c.closureDays.push({ organisation: 'riverside', date: '2027-01-04', reason: 'closed' }),
      'closureDays.5.organisation',
      'riverside',
    ],
    [
      'its source re-labelled as a local target',
      overriding({ [IHA]: { source: { kind: 'localTarget', citation: 'local' } } }),
      `${clocksKey}.${IHA}`,
      'source',
    ],
    ['made pausable', overriding({ [IHA]: { pausable: true } }), `${clocksKey}.${IHA}`, 'pausable'],
    ['given to another owner', overriding({ [IHA]: { owner: 'council' } }), `${clocksKey}.${IHA}`, 'owner'],
    [
      'a length on the review clock, whose due date the process sets',
      overriding({ 'review-health-assessment': { length: 13 } }),
      `${clocksKey}.review-health-assessment.length`,
      'due date set by the process',
    ],
    [
      'the review due checkpoint moved a day later',
      overriding({ 'review-health-assessment': { checkpoints: { 'review-due': { at: { afterDueHours: 24 } } } } }),
      `${clocksKey}.review-health-assessment.checkpoints.review-due.at`,
      'never moved later',
    ],
  ];

  it.each(routes)('refuses %s when the configuration is loaded, naming the key', (_name, change, key, word) => {
    // Prepare
    const config = structuredClone(shipped) as any;
    change(config);
    // Act
    const problems = refusals(() => checkPartnership(processCatalogue, parsePartnership(config)));
    // Assess
    const named = problems.filter((p) => p.startsWith(`${key}: `) || p.startsWith(`${key}.`));
    expect(named, problems.join('\n')).not.toEqual([]);
    expect(named.join('\n')).toContain(word);
  });

  it.each(routes)('refuses %s when the configuration was changed after loading', (_name, change, key, word) => {
    // Prepare
    const config = structuredClone(partnership) as any;
    change(config);
    // Act
    const problems = refusals(() => checkPartnership(processCatalogue, config));
    // Assess
    const named = problems.filter((p) => p.startsWith(`${key}: `) || p.startsWith(`${key}.`));
    expect(named, problems.join('\n')).not.toEqual([]);
    expect(named.join('\n')).toContain(word);
  });

  it.each([
    ['a shorter statutory length', overriding({ [IHA]: { length: 15 } })],
    [
      'the council closed one more day',
      (c: any) =>
        c.closureDays.push({ organisation: 'riverside-council', date: '2027-01-04', reason: 'Council closure day' }),
    ],
    [
      'health closed on Christmas Eve',
      (c: any) =>
        c.closureDays.push({ organisation: 'riverside-health', date: '2026-12-24', reason: 'Health closure day' }),
    ],
    ["a longer council target (the council's own)", overriding({ 'request-to-health': { length: 7 } })],
  ])('accepts %s', (_name, change) => {
    // Prepare
    const config = structuredClone(shipped) as any;
    change(config);
    // Act
    const loaded = parsePartnership(config);
    // Assess
    expect(checkPartnership(processCatalogue, loaded)).toBe(loaded);
  });
});
