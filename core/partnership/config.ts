/**
 * A partnership's configuration: its organisations and their mailboxes, extra closure days, and the
 * local targets it sets. Validated when loaded; a statutory length can be shortened, never lengthened.
 */
import { z } from 'zod';
import type { ClockDefinition, CheckpointTiming } from '../clocks/model';
import { isLocalDate } from '../calendar';

const localDate = z.string().refine(isLocalDate, 'must be a date written YYYY-MM-DD');
const email = z.email();

export const organisationKinds = ['council', 'healthProvider', 'icb', 'police', 'school'] as const;

const organisationSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'),
  kind: z.enum(organisationKinds),
  name: z.string().min(1),
  /** For a council: its local authority code (three digits). */
  localAuthorityCode: z.string().regex(/^\d{3}$/).optional(),
  /** For a health provider: the ICB it belongs to. */
  icb: z.string().optional(),
  /** Team mailboxes by role, e.g. assessmentTeam, designatedNurse, childrenInCareManager. */
  mailboxes: z.record(z.string(), email),
});

const timingSchema: z.ZodType<CheckpointTiming> = z.union([
  z.strictObject({ after: z.number().int().min(0) }),
  z.strictObject({ due: z.literal(true) }),
  z.strictObject({ beforeDueDays: z.number().int().min(0) }),
  z.strictObject({ afterDueHours: z.number().min(0) }),
]);

const checkpointOverrideSchema = z.strictObject({
  at: timingSchema.optional(),
  recipients: z.array(z.string().min(1)).min(1).optional(),
});

const clockOverrideSchema = z.strictObject({
  length: z.number().int().positive().optional(),
  checkpoints: z.record(z.string(), checkpointOverrideSchema).optional(),
});

const processOverrideSchema = z.strictObject({
  clocks: z.record(z.string(), clockOverrideSchema).optional(),
  /** Reasons offered when a timescale is missed, by code. */
  delayReasons: z.record(z.string().regex(/^[a-zA-Z]+$/), z.string().min(1)).optional(),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export const partnershipSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** Base address of the sign-in page; emails link here instead of carrying personal data. */
  signInUrl: z.url(),
  closureDays: z.array(z.strictObject({ date: localDate, reason: z.string().min(1) })).default([]),
  organisations: z.array(organisationSchema).min(1),
  processes: z.record(z.string(), processOverrideSchema).default({}),
});

export type PartnershipConfig = z.infer<typeof partnershipSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type ProcessOverride = z.infer<typeof processOverrideSchema>;

export class PartnershipConfigError extends Error {
  override readonly name = 'PartnershipConfigError';
  constructor(readonly problems: string[]) {
    super(`The partnership configuration is not valid:\n- ${problems.join('\n- ')}`);
  }
}

export function parsePartnership(raw: unknown): PartnershipConfig {
  const parsed = partnershipSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PartnershipConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const org of parsed.data.organisations) {
    if (ids.has(org.id)) problems.push(`organisations: ${org.id} is listed twice`);
    ids.add(org.id);
  }
  for (const org of parsed.data.organisations) {
    if (org.icb && !ids.has(org.icb)) problems.push(`organisations.${org.id}.icb: no organisation ${org.icb}`);
  }
  if (problems.length) throw new PartnershipConfigError(problems);
  return parsed.data;
}

/**
 * The clocks a process runs in this partnership: the process's defaults with the partnership's
 * overrides applied. A statutory clock may be shortened but never lengthened.
 */
export function effectiveClocks(processId: string, defaults: ClockDefinition[], partnership: PartnershipConfig): ClockDefinition[] {
  const override = partnership.processes[processId]?.clocks ?? {};
  const problems: string[] = [];
  for (const id of Object.keys(override)) {
    if (!defaults.some((c) => c.id === id)) problems.push(`processes.${processId}.clocks.${id}: ${processId} has no clock ${id}`);
  }
  const clocks = defaults.map((clock) => {
    const o = override[clock.id];
    if (!o) return clock;
    if (o.length !== undefined && clock.source.kind === 'statutory' && o.length > clock.length) {
      problems.push(
        `processes.${processId}.clocks.${clock.id}.length: ${clock.title} is statutory (${clock.length}); configuration may shorten it but not lengthen it to ${o.length}`,
      );
    }
    for (const cpId of Object.keys(o.checkpoints ?? {})) {
      if (!clock.checkpoints.some((c) => c.id === cpId)) problems.push(`processes.${processId}.clocks.${clock.id}.checkpoints.${cpId}: no such checkpoint`);
    }
    return {
      ...clock,
      length: o.length ?? clock.length,
      checkpoints: clock.checkpoints.map((cp) => {
        const co = o.checkpoints?.[cp.id];
        return co ? { ...cp, at: co.at ?? cp.at, recipients: co.recipients ?? cp.recipients } : cp;
      }),
    };
  });
  if (problems.length) throw new PartnershipConfigError(problems);
  return clocks;
}

export function organisation(partnership: PartnershipConfig, id: string): Organisation | undefined {
  return partnership.organisations.find((o) => o.id === id);
}

/** An organisation's team mailbox as a recipient, labelled with the recipient role that asked for it. */
export function mailboxRecipient(partnership: PartnershipConfig, orgId: string | undefined, mailboxName: string, role = mailboxName): { role: string; address: string }[] {
  const address = orgId ? organisation(partnership, orgId)?.mailboxes[mailboxName] : undefined;
  return address ? [{ role, address }] : [];
}
