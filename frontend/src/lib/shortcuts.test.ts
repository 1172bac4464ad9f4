import { describe, expect, it } from 'vitest';
import { altLetter, altRating, assignThemeKeys, FLAG_KEYS } from './shortcuts';

const key = (over: Partial<{ key: string; code: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean }>) => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...over,
});

describe('quick capture keys', () => {
  it('gives themes distinct letters, preferring their own initials', () => {
    const keys = assignThemeKeys([
      { id: 'a', label: 'Access' },
      { id: 'b', label: 'Appointments' },
      { id: 'c', label: 'Cost of living' },
      { id: 'd', label: 'communication' },
    ]);
    expect(keys.get('a')).toBe('A');
    expect(keys.get('b')).toBe('P');
    expect(keys.get('c')).toBe('C');
    expect(keys.get('d')).toBe('O');
    expect(new Set(keys.values()).size).toBe(4);
  });

  it('never gives a theme the flags\' letters (R: needs a response, Q: can quote)', () => {
    const keys = assignThemeKeys(
      [
        { id: 'r', label: 'Referrals' },
        { id: 'q', label: 'Quality' },
      ],
      FLAG_KEYS.needsResponse + FLAG_KEYS.quoteConsent,
    );
    expect(keys.get('r')).toBe('E');
    expect(keys.get('q')).toBe('U');
    const many = Array.from({ length: 30 }, (_, i) => ({ id: String(i), label: `Theme ${i}` }));
    const all = assignThemeKeys(many, 'RQ');
    expect(all.size).toBe(24);
    expect([...all.values()]).not.toContain('R');
    expect([...all.values()]).not.toContain('Q');
  });

  it('stops at 26 themes', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: String(i), label: `Theme ${i}` }));
    expect(assignThemeKeys(many).size).toBe(26);
  });

  it('reads Alt+digit by the physical key (Option on a Mac types other characters)', () => {
    expect(altRating(key({ altKey: true, code: 'Digit5', key: '∞' }))).toBe(5);
    expect(altRating(key({ altKey: true, code: 'Numpad0', key: '0' }))).toBe(0);
    expect(altRating(key({ altKey: true, key: '3' }))).toBe(3);
    expect(altRating(key({ altKey: true, code: 'Digit6', key: '6' }))).toBeUndefined();
    expect(altRating(key({ code: 'Digit5', key: '5' }))).toBeUndefined();
    expect(altRating(key({ altKey: true, ctrlKey: true, code: 'Digit5' }))).toBeUndefined();
  });

  it('reads Alt+letter', () => {
    expect(altLetter(key({ altKey: true, code: 'KeyW', key: '∑' }))).toBe('W');
    expect(altLetter(key({ altKey: true, key: 'w' }))).toBe('W');
    expect(altLetter(key({ code: 'KeyW', key: 'w' }))).toBeUndefined();
  });
});
