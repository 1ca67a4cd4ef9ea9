import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openValue, sealValue } from '../../../../adapters/crypto/field-cipher';
import { KeyCache } from '../../../../adapters/crypto/key-cache';
import { LocalKeyWrapper } from '../../../../adapters/crypto/local-key-wrapper';
import { isSealed } from '../../../../events/personal-fields';

const key = { keyId: 'k1', key: randomBytes(32) };
const aad = 'child#c1\nChildDecisionRecorded\nchildsWords';

describe('a sealed field', () => {
  it('opens to the value it sealed, and shows nothing of it', () => {
    const words = 'I want someone who likes drawing, like my aunt Zofia Kowalczyk';
    const sealed = sealValue(key, words, aad);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('Zofia');
    expect(sealed.length).toBeLessThan(words.length * 1.4 + 60);
    expect(openValue(key, sealed, aad)).toBe(words);
    expect(openValue(key, sealValue(key, ['bsl', 'wheelchair-user'], aad), aad)).toEqual([
      'bsl',
      'wheelchair-user',
    ]);
  });

  it('seals the same value differently each time (a fresh IV)', () => {
    expect(sealValue(key, '2015-06-01', aad)).not.toBe(sealValue(key, '2015-06-01', aad));
  });

  it('does not open with another key, once changed, or moved to another field or record', () => {
    const sealed = sealValue(key, '2015-06-01', aad);
    expect(() => openValue({ keyId: 'k1', key: randomBytes(32) }, sealed, aad)).toThrow();
    expect(() => openValue({ keyId: 'k2', key: key.key }, sealed, aad)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('2016-06-01').toString('base64url');
    expect(() => openValue(key, parts.join('.'), aad)).toThrow();
    expect(() => openValue(key, sealed, 'child#c2\nChildDecisionRecorded\nchildsWords')).toThrow();
  });
});

describe('the local key-encryption key', () => {
  it('unwraps a data key only for the person it was made for, and only with the same key', async () => {
    const wrapper = LocalKeyWrapper.ephemeral();
    const { plaintext, wrapped } = await wrapper.generate('child#c1');
    expect(plaintext).toHaveLength(32);
    expect(await wrapper.unwrap('child#c1', wrapped)).toEqual(plaintext);
    await expect(wrapper.unwrap('child#c2', wrapped)).rejects.toThrow();
    await expect(LocalKeyWrapper.ephemeral().unwrap('child#c1', wrapped)).rejects.toThrow();
  });
});

describe('the cache of unwrapped keys', () => {
  it('holds at most its bound, dropping the least recently used first', () => {
    const cache = new KeyCache<string>({ max: 2, ttlMs: 60_000 });
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    expect(cache.size).toBe(2);
  });

  it('forgets a key once it expires, so a destroyed key is noticed', () => {
    let now = 0;
    const cache = new KeyCache<string>({ max: 10, ttlMs: 1000, now: () => now });
    cache.set('a', 'A');
    now = 999;
    expect(cache.get('a')).toBe('A');
    now = 2000;
    expect(cache.get('a')).toBeUndefined();
  });
});
