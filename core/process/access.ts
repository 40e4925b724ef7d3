/** Who may read a case: one rule, used by the API's reads and by the rules step's answers. */
import type { Actor } from '../identity/actor';
import type { ProcessContract } from './definition';
import type { CaseRecord } from './model';

/** The process's own rule, or its reader roles from organisations named on the case. */
export function canReadCase(actor: Actor, definition: Pick<ProcessContract, 'canRead' | 'readerRoles'>, record: CaseRecord): boolean {
  if (definition.canRead) return definition.canRead(actor, record);
  // Administrators are in a process's reader roles and, like everyone else, only of organisations on the case.
  return (definition.readerRoles as readonly string[]).includes(actor.role) && record.organisations.includes(actor.organisation);
}
