/** The words pages use for roles and clock states: plain, calm, and never a label on a child or family. */
import type { ClockStateName } from '#core/clocks/state';
import type { Role } from '#core/identity/actor';

export const ROLE_WORDS: Record<Role, string> = {
  'front-door': 'front door',
  'lead-practitioner': 'lead practitioner',
  'team-leader': 'team leader',
  'service-manager': 'service manager',
  health: 'health practitioner',
  'designated-nurse': 'designated nurse',
  'school-key-adult': 'school Key Adult',
  'crisis-chair': 'crisis chair',
  'crisis-working-group': 'crisis working group member',
  commissioner: 'commissioner',
  administrator: 'administrator',
  'partnership-administrator': 'partnership administrator',
  police: 'police',
  'case-system': 'case system',
};

export const roleText = (role: string): string => ROLE_WORDS[role as Role] ?? role;

/**
 * A clock's state as pages show it: the one state the API gives every clock (core/clocks/state.ts), never
 * worked out here.
 */
export type ClockState = ClockStateName;

export const SOURCE_WORDS: Record<string, string> = {
  statutory: 'Statutory',
  nationalStandard: 'National standard',
  localTarget: 'Local target',
};

/**
 * How the menu names starting each process, in the words of the person who starts it (a process not
 * listed: "Start: <its title>").
 */
const START_WORDS: Record<string, { text: string; description: string }> = {
  'initial-health-assessment': {
    text: 'Child entering care',
    description: 'Start the health assessment clocks when a child enters care.',
  },
  'supporting-families': {
    text: 'Request family support',
    description: 'Ask the council’s front door for support for a family, with their agreement.',
  },
  'crisis-escalation': {
    text: 'Crisis presentation',
    description: 'Record a young person presenting in mental health crisis: the assessment clock starts.',
  },
  'before-admission': {
    text: 'At risk of admission',
    description:
      'Record a young person on the Dynamic Support Register at risk of admission: the community review and ' +
      'all-agency meeting clocks start.',
  },
  'child-protection': {
    text: 'Referral to children’s social care',
    description: 'Record a referral: strategy discussions, the enquiry and the conferences follow, each on its clock.',
  },
  'children-in-care': {
    text: 'Reviews and visits of a child in care',
    description: 'Start the review and visit clocks when a child becomes looked after, beside the health assessment.',
  },
};

export const startWords = (process: { id: string; title: string }): { text: string; description: string } =>
  START_WORDS[process.id] ?? { text: `Start: ${process.title}`, description: `Start ${process.title}.` };
