// Keyboard scheme of quick capture (shown on screen):
//   Enter            save the card (Shift+Enter: new line)
//   Alt+1 … Alt+5    rating Very poor … Very good (the FFT code), Alt+0 Don't know;
//                    the same key again clears the rating
//   Alt+letter       toggle the theme showing that letter
//   Alt+R, Alt+Q     toggle "Needs a response" and "Can quote" (themes never take R or Q)
//   0–5              pick a rating while focus is on the rating buttons
import type { Theme } from './types';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The letters of quick capture's two flags; no theme is given them. */
export const FLAG_KEYS = { needsResponse: 'R', quoteConsent: 'Q' } as const;

/** Gives each theme a letter: the first letter of its label still free, else any free letter.
 * Letters in reserved are never given. */
export function assignThemeKeys(themes: Pick<Theme, 'id' | 'label'>[], reserved = ''): Map<string, string> {
  const used = new Set<string>(reserved.toUpperCase());
  const keys = new Map<string, string>();
  for (const t of themes) {
    const fromLabel = t.label.toUpperCase().replace(/[^A-Z]/g, '');
    // Prefer the first letter of each word, then any letter of the label.
    const words = t.label.toUpperCase().split(/[^A-Z]+/).filter(Boolean).map((w) => w[0]);
    const candidates = [...words, ...fromLabel, ...LETTERS];
    const letter = candidates.find((c) => !used.has(c));
    if (!letter) continue; // more than 26 themes: the rest have no key
    used.add(letter);
    keys.set(t.id, letter);
  }
  return keys;
}

export interface KeyLike {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey?: boolean;
}

/** Alt+digit → rating 0..5 (undefined if not such a key). Uses the physical key. */
export function altRating(e: KeyLike): number | undefined {
  if (!e.altKey || e.ctrlKey || e.metaKey) return undefined;
  const m = /^(?:Digit|Numpad)([0-5])$/.exec(e.code ?? '') ?? /^([0-5])$/.exec(e.key);
  return m ? Number(m[1]) : undefined;
}

/** Alt+letter → "A".."Z" (undefined if not such a key). Uses the physical key. */
export function altLetter(e: KeyLike): string | undefined {
  if (!e.altKey || e.ctrlKey || e.metaKey) return undefined;
  const m = /^Key([A-Z])$/.exec(e.code ?? '') ?? /^([a-zA-Z])$/.exec(e.key);
  return m ? m[1].toUpperCase() : undefined;
}
