/**
 * "About the child (optional)": the block every opening may carry beside its process's own payload, at
 * platform level (the API takes it as `aboutChild` in the opening's body; no process's schema names it):
 * the council's own person id for the child, which links the child's cases through a pseudonymous child
 * key (core/identity/child-key.ts), and the equality monitoring fields the board asks breakdowns by.
 *
 * Every field is optional; each is validated here and a refusal names the field. Only a council's staff
 * may give it (an opener of another kind of organisation is refused by the API: validateAboutChild).
 * None of it ever goes into a message, a log or an execution's input; it is kept on the case and shown
 * only to those who may read the case.
 */
import { fieldWords } from './index';
import * as z from './zod';

/**
 * The ethnicity codes of the Department for Education's children in need census and children looked
 * after return (SSDA903), with their words: "Children in need census 2024 to 2025: guide", annex A
 * (ethnicity codes), and "Children looked after return 2024 to 2025: guide", section on ETHNIC. The same
 * 18 codes and 2 codes for "refused" and "not yet obtained".
 */
export const ETHNICITY_WORDS = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WOTH: 'Any other White background',
  WROM: 'Gypsy / Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Black Caribbean',
  BAFR: 'Black African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
} as const;
export type EthnicityCode = keyof typeof ETHNICITY_WORDS;
export const ETHNICITY_CODES = Object.keys(ETHNICITY_WORDS) as [EthnicityCode, ...EthnicityCode[]];

/**
 * The major ethnic groups the DfE's own statistics on children looked after and children in need report
 * by ("Children looked after in England including adoptions", ethnic origin): White, Mixed or multiple,
 * Asian or Asian British, Black, African, Caribbean or Black British, Other ethnic groups (with Chinese),
 * and refused or not yet obtained. A breakdown by group keeps each cell larger than by code.
 */
export const ETHNIC_GROUP_WORDS = {
  white: 'White',
  mixed: 'Mixed or multiple ethnic groups',
  asian: 'Asian or Asian British',
  black: 'Black, African, Caribbean or Black British',
  other: 'Other ethnic groups',
  notKnown: 'Refused or not yet obtained',
} as const;
export type EthnicGroup = keyof typeof ETHNIC_GROUP_WORDS;

export function ethnicGroupOf(code: EthnicityCode): EthnicGroup {
  if (code === 'REFU' || code === 'NOBT') return 'notKnown';
  if (code === 'CHNE' || code === 'OOTH') return 'other';
  return ({ W: 'white', M: 'mixed', A: 'asian', B: 'black' } as const)[code[0] as 'W' | 'M' | 'A' | 'B'];
}

/** The census's codes for sex (children in need census and SSDA903, "GENDER"/"SEX"). */
export const SEX_WORDS = {
  '1': 'Male',
  '2': 'Female',
  '0': 'Not known',
  '9': 'Not specified',
} as const;
export type SexCode = keyof typeof SEX_WORDS;
export const SEX_CODES = Object.keys(SEX_WORDS) as [SexCode, ...SexCode[]];

/** Special educational needs and disabilities, as the school census records support. */
export const SEND_WORDS = {
  none: 'No special educational needs recorded',
  senSupport: 'SEN support',
  ehcPlan: 'Education, health and care plan',
} as const;
export type SendCode = keyof typeof SEND_WORDS;
export const SEND_CODES = Object.keys(SEND_WORDS) as [SendCode, ...SendCode[]];

/** A council's person id for the child (LCS, Mosaic or EHM number): letters, digits and hyphens, up to 40. */
export const PERSON_ID_MESSAGE = 'must be 1 to 40 letters, numbers or hyphens';
export const personId = z.string().check(
  z.trim(),
  z.regex(/^[A-Za-z0-9-]{1,40}$/, PERSON_ID_MESSAGE),
  z.meta(
    fieldWords({
      title: 'Person id in your case system',
      description:
        'The child’s number in your council’s case system (for example LCS, Mosaic or EHM). It links this ' +
        'child’s cases for the people who may read each of them; it is never shown or sent anywhere.',
      errorName: 'the person id',
    }),
  ),
);

const yesNo = (title: string, errorName: string) => z.boolean().check(z.meta(fieldWords({ title, errorName })));

/** The block itself: every field optional, nothing else allowed (an unknown field is refused by name). */
export const aboutChild = z.strictObject({
  personId: z.optional(personId),
  ethnicity: z.optional(
    z
      .enum(ETHNICITY_CODES)
      .check(z.meta(fieldWords({ title: 'Ethnicity', errorName: 'the ethnicity', choices: ETHNICITY_WORDS }))),
  ),
  sex: z.optional(z.enum(SEX_CODES).check(z.meta(fieldWords({ title: 'Sex', errorName: 'sex', choices: SEX_WORDS })))),
  send: z.optional(
    z.enum(SEND_CODES).check(
      z.meta(
        fieldWords({
          title: 'Special educational needs and disabilities',
          errorName: 'special educational needs and disabilities',
          choices: SEND_WORDS,
        }),
      ),
    ),
  ),
  unaccompaniedAsylumSeeking: z.optional(
    yesNo('Unaccompanied asylum-seeking child', 'whether the child is an unaccompanied asylum-seeking child'),
  ),
  careExperienced: z.optional(yesNo('Care experienced', 'whether the child is care experienced')),
});
export type AboutChild = z.infer<typeof aboutChild>;

/** What is kept on a case of the equality monitoring fields (the person id is never kept: its key is). */
export type EqualityMonitoring = Omit<AboutChild, 'personId'>;

/** What a case keeps about its child: the child key (when the council gave a person id) and the equality fields. */
export interface ChildOnCase {
  key?: string;
  equality?: EqualityMonitoring;
}
