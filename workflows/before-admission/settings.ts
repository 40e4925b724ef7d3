/**
 * Before admission: what a partnership sets (`processes.before-admission.settings`), parsed at start so a
 * bad setting is refused naming its key. The clocks' lengths are set, as every process's, under
 * `processes.before-admission.clocks`: the community Care (Education) and Treatment Review is a national
 * standard, so a partnership may shorten it and never lengthen it (core/partnership/config.ts
 * effectiveClocks); the first all-agency meeting and the key worker are local targets.
 */
import * as z from 'zod';
import { organisation, type PartnershipConfig, processSettings } from '#core/partnership/config';
import { PROCESS_ID } from './details';

const organisationId = z.string().regex(/^[a-z0-9-]+$/, 'expected an organisation id from the partnership directory');

export const settingsSchema = z.strictObject({
  /**
   * Who keeps the Dynamic Support Register and chairs the weekly all-agency meeting to prevent
   * admissions: told before and at each deadline. Absent: the Bronze chair of crisis escalation.
   */
  dynamicSupportRegisterLead: z
    .strictObject({
      title: z.string().min(1).max(120),
      organisation: organisationId,
      address: z.email(),
    })
    .optional(),
});

export type Settings = z.output<typeof settingsSchema>;

export function settingsFor(partnership: Pick<PartnershipConfig, 'processes'>): Settings {
  return processSettings(PROCESS_ID, settingsSchema, partnership);
}

/** The register lead's organisation must be in the partnership directory (checked at start). */
export function checkConfiguration(partnership: PartnershipConfig): string[] {
  const lead = settingsFor(partnership).dynamicSupportRegisterLead;
  if (lead && !organisation(partnership, lead.organisation))
    return [
      `processes.${PROCESS_ID}.settings.dynamicSupportRegisterLead.organisation: ` +
        `no organisation '${lead.organisation}' in the directory`,
    ];
  return [];
}
