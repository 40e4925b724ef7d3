import { describe, expect, it } from 'vitest';
import { CHILD_KEY_PATTERN, childKeyOf } from './child-key';

describe('the child key', () => {
  const secret = 'a-secret-of-the-deployment';

  it('is the same for the same person id of the same council, however it is typed', () => {
    const key = childKeyOf(secret, 'riverside-council', 'LCS-40017');
    expect(key).toMatch(CHILD_KEY_PATTERN);
    expect(childKeyOf(secret, 'riverside-council', 'LCS-40017')).toBe(key);
    expect(childKeyOf(secret, 'riverside-council', ' lcs-40017 ')).toBe(key);
  });

  it('differs for another person id, another council, or another secret', () => {
    const key = childKeyOf(secret, 'riverside-council', 'LCS-40017');
    expect(childKeyOf(secret, 'riverside-council', 'LCS-40018')).not.toBe(key);
    expect(childKeyOf(secret, 'northvale-council', 'LCS-40017')).not.toBe(key);
    expect(childKeyOf('another-secret', 'riverside-council', 'LCS-40017')).not.toBe(key);
  });

  it('is the keyed hash the design names, HMAC-SHA256 of council:personId, its first 128 bits in hex', () => {
    // Computed independently: printf 'riverside-council:LCS-40017' | openssl dgst -sha256 -hmac key
    expect(childKeyOf('key', 'riverside-council', 'LCS-40017')).toBe(
      '7d3b1f12485a3d394bdb6f2b25b06ae879d3a024eafc0f50836fb0988e59b4ef'.slice(0, 32),
    );
  });

  it('refuses to make a key without a secret', () => {
    expect(() => childKeyOf('', 'riverside-council', 'LCS-40017')).toThrow(/secret/);
  });
});
