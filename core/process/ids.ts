import { createHash, createHmac } from 'node:crypto';

/** A short, stable id from its parts (hex). */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 24)}`;
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I

/**
 * A pseudonymous case code such as IHA-7K3F-9Q2M: keyed, so it cannot be worked back to the child's
 * case reference without the partnership's key.
 */
export function caseCodeFor(prefix: string, key: string, caseKey: string): string {
  const digest = createHmac('sha256', key).update(caseKey).digest();
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[digest[i]! % CODE_ALPHABET.length];
  return `${prefix}-${code.slice(0, 4)}-${code.slice(4)}`;
}
