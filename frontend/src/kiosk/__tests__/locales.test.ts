// The kiosk's translation files: every language has every key of en.json, each names
// itself, and adding a file is all it takes to add a language.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, LOCALES, localesFrom, translator, type Messages } from '../i18n';
import { RATINGS } from '../KioskForm';

const here = dirname(fileURLToPath(import.meta.url));
const kioskDir = join(here, '..');
const en = LOCALES.find((l) => l.code === DEFAULT_LOCALE)!.messages;

describe('kiosk locales', () => {
  it('finds every file in locales/, English first', () => {
    const files = readdirSync(join(kioskDir, 'locales')).filter((f) => f.endsWith('.json'));
    expect(LOCALES.map((l) => `${l.code}.json`).sort()).toEqual(files.sort());
    expect(LOCALES[0].code).toBe('en');
    expect(LOCALES.length).toBeGreaterThanOrEqual(2);
    expect(LOCALES.map((l) => l.name)).toContain('Español');
  });

  for (const locale of LOCALES) {
    it(`${locale.code}.json has every key of en.json, each with text`, () => {
      const missing = Object.keys(en).filter((k) => typeof locale.messages[k] !== 'string' || locale.messages[k].trim() === '');
      expect(missing).toEqual([]);
      const extra = Object.keys(locale.messages).filter((k) => !(k in en));
      expect(extra).toEqual([]);
      expect(['ltr', 'rtl']).toContain(locale.messages['language.dir']);
    });
  }

  it('has a text in en.json for every key the kiosk asks for', () => {
    const files = ['KioskForm.tsx', 'KioskScreen.tsx', 'KioskQuestions.tsx', '../questions/ask/AskQuestion.tsx'];
    const source = files.map((f) => readFileSync(join(kioskDir, f), 'utf8')).join('\n');
    const used = [...source.matchAll(/\bt\('([^']+)'/g)].map((m) => m[1]);
    // Keys made from parts: the number hints and errors, and the answers' problems.
    used.push(...['any', 'range', 'min', 'max'].map((k) => `ask.number.${k}`), ...['number', 'range', 'min', 'max'].map((k) => `errors.ask.${k}`));
    used.push(...RATINGS.map((r) => `rating.${r}`), 'errors.text', 'errors.rating', 'errors.themes', 'errors.ageBand', 'errors.ethnicGroup', 'errors.borough');
    expect(used.length).toBeGreaterThan(30);
    expect(used.filter((k) => !(k in en))).toEqual([]);
  });

  it('adds a language by adding a file, named in its own language', () => {
    const fake: Record<string, Messages> = {
      './locales/en.json': en,
      './locales/pt.json': { ...en, 'language.name': 'Português', 'page.title': 'Diga-nos o que pensa' },
      './locales/ar.json': { ...en, 'language.name': 'العربية', 'language.dir': 'rtl' },
    };
    const list = localesFrom(fake);
    expect(list.map((l) => [l.code, l.name, l.dir])).toEqual([
      ['en', 'English', 'ltr'],
      ['pt', 'Português', 'ltr'],
      ['ar', 'العربية', 'rtl'],
    ]);
    const t = translator(list[1]);
    expect(t('page.title')).toBe('Diga-nos o que pensa');
  });

  it('falls back to English, then to the given label, then to the key', () => {
    const partial = localesFrom({ './locales/xx.json': { 'language.name': 'Test' } })[0];
    const t = translator(partial);
    expect(t('submit')).toBe('Send feedback');
    expect(t('borough.E09000022', 'Lambeth')).toBe('Lambeth');
    expect(t('no.such.key')).toBe('no.such.key');
  });

  it('sizes the kiosk in rem, never px, so text can be resized to 200 %', () => {
    const scss = readFileSync(join(kioskDir, 'kiosk.scss'), 'utf8').replace(/\/\/.*$/gm, '');
    expect(scss.match(/\d+(\.\d+)?px/g) ?? []).toEqual([]);
    expect(scss).toContain('prefers-reduced-motion');
  });
});
