/**
 * Before admission: what a partnership sets (`processes.before-admission.settings`), parsed at start so a
 * bad setting is refused naming its key. The clocks' lengths are set, as every process's, under
 * `processes.before-admission.clocks`: the community Care (Education) and Treatment Review is a national
 * standard, so a partnership may shorten it and never lengthen it (core/partnership/config.ts
 * effectiveClocks); the first all-agency meeting and the key worker are local targets.
 */

import { organisation, type PartnershipConfig, processSettings } from '#core/partnership/config';
import * as z from '#core/schema/zod';
import { PROCESS_ID } from './details';

const organisationId = z
  .string()
  .check(z.regex(/^[a-z0-9-]+$/, 'expected an organisation id from the partnership directory'));

export const settingsSchema = z.strictObject({
  /**
   * Who keeps the Dynamic Support Register and chairs the weekly all-agency meeting to prevent
   * admissions: told before and at each deadline. Absent: the Bronze chair of crisis escalation.
   */
  dynamicSupportRegisterLead: z.optional(
    z.strictObject({
      title: z.string().check(z.minLength(1), z.maxLength(120)),
      organisation: organisationId,
      address: z.email(),
    }),
  ),
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
