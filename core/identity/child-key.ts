/**
 * One child across processes: a council's pseudonymous child key, a keyed hash of the council's own
 * person id for the child (its LCS, Mosaic or EHM number). Every opening by the council may carry the
 * person id; the key links that child's cases, and the person id itself is never kept.
 *
 * Written by hand over node:crypto's HMAC because it is one line of it: no library does less.
 */
import { createHmac } from 'node:crypto';

/** How many hex characters of the HMAC a key keeps: 128 bits, no collision in any council's lifetime. */
export const CHILD_KEY_LENGTH = 32;

/**
 * The child key of a council's person id: HMAC-SHA256(secret, council + ':' + person id), hex, the first
 * 128 bits. The person id is compared without regard to case or surrounding spaces (a case system's ids
 * are typed in both ways), so `ab-123` and `AB-123` are one child. Another council, or another secret,
 * gives another key: one council's key tells nothing about another's child. Neither part can hold a colon
 * (an organisation id is lower-case letters, digits and hyphens; a person id letters, digits and hyphens:
 * core/schema/about-child.ts), so the joined text names one pair only.
 */
export function childKeyOf(secret: string, council: string, personId: string): string {
  if (!secret) throw new Error('The child key needs its secret');
  return createHmac('sha256', secret)
    .update(`${council}:${personId.trim().toUpperCase()}`)
    .digest('hex')
    .slice(0, CHILD_KEY_LENGTH);
}

/** The pattern of a child key as stored (the index's partition names it). */
export const CHILD_KEY_PATTERN = /^[0-9a-f]{32}$/;
