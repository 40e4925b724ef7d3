/**
 * Need-to-know as declared: each process's access (workflows/<process>/access.ts) is consistent with its
 * events, and the access table in docs/api.md is the one the declarations make (core/process/access.ts
 * accessTable). A change to a declaration without docs/api.md, or the other way round, fails here; the
 * message holds the table to paste.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accessTable, BUILT_IN_RELATIONS } from '#core/process/access';
import type { ReadableProcess } from '#core/process/definition';
import { contractCatalogue, contracts } from '#workflows/contracts';

/** Every version of every process, in catalogue order. */
const everyVersion: ReadableProcess[] = contracts.flatMap((p) =>
  Array.from({ length: p.version ?? 1 }, (_, i) => contractCatalogue.byId(p.id, i + 1)!),
);

const START =
  "<!-- access table: made from each process's access.ts (core/process/access.ts accessTable); workflows/access-table.test.ts keeps it so -->";
const END = '<!-- /access table -->';

describe("docs/api.md's access table", () => {
  it('is the table the declarations make', () => {
    // Prepare
    const doc = readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start, `docs/api.md needs the markers ${START} and ${END}`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    // Act
    const inDoc = doc.slice(start + START.length, end).trim();
    // Assess
    expect(
      inDoc,
      `docs/api.md's access table differs from the declarations; paste this between the markers:\n\n${accessTable(everyVersion)}\n`,
    ).toBe(accessTable(everyVersion));
  });
});

describe('each process declares its access consistently with its events', () => {
  it.each(everyVersion.map((p) => [`${p.id} v${p.version ?? 1}`, p] as const))('%s', (_name, p) => {
    const relations = new Set([...Object.keys(BUILT_IN_RELATIONS), ...Object.keys(p.access.relations ?? {})]);
    const rules = [...p.access.read, ...p.access.readAudit, ...p.access.record];
    // Every relation a rule names is built in or the process's own.
    expect(rules.map((r) => r.relation).filter((r) => !relations.has(r))).toEqual([]);
    // Openers: the opening event's roles exactly, each of a named kind of organisation (never "any").
    const opening = p.events.find((e) => e.opensCase)!;
    expect(new Set(p.access.open.flatMap((r) => r.roles))).toEqual(new Set(opening.allowedRoles));
    expect(p.access.open.every((r) => r.organisationKinds && r.organisationKinds.length > 0)).toBe(true);
    if (p.submission) expect(p.submission.allowedRoles.every((role) => opening.allowedRoles.includes(role))).toBe(true);
    // Every role an event lets record it is given a relation to record it by, and no record rule names an
    // event the process does not have or a role no event lets record.
    const missing = p.events
      .filter((e) => !e.opensCase)
      .flatMap((e) =>
        e.allowedRoles
          .filter(
            (role) => !p.access.record.some((r) => r.roles.includes(role) && (!r.events || r.events.includes(e.type))),
          )
          .map((role) => `${e.type} by ${role}`),
      );
    expect(missing).toEqual([]);
    const types = new Set(p.events.map((e) => e.type));
    expect(p.access.record.flatMap((r) => r.events ?? []).filter((t) => !types.has(t))).toEqual([]);
    const recorders = new Set(p.events.filter((e) => !e.opensCase).flatMap((e) => e.allowedRoles));
    expect(p.access.record.flatMap((r) => r.roles).filter((role) => !recorders.has(role))).toEqual([]);
    // Versions of a process share one declaration.
    expect(p.access).toBe(contractCatalogue.byId(p.id)!.access);
  });
});
