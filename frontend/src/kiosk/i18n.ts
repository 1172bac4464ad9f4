// The kiosk's languages: one JSON file per language in ./locales (flat "key": "text"),
// found at build time, so adding a language is adding a file. Each file names itself
// ("language.name": "Español") and its direction ("language.dir": "ltr" or "rtl"); the
// file name is the BCP 47 code used for the lang attribute (es.json → lang="es").
// en.json is the reference: every other file has every key it has (a test checks).

import { languageRTL, type AskedSet, type Translation } from '../lib/questions';

export type Messages = Record<string, string>;

export interface Locale {
  code: string; // BCP 47, from the file name
  name: string; // the language's own name
  dir: 'ltr' | 'rtl';
  messages: Messages;
}

export const DEFAULT_LOCALE = 'en';

/** Locales from a glob of JSON modules ({ './locales/es.json': messages }), English first. */
export function localesFrom(files: Record<string, Messages>): Locale[] {
  const out: Locale[] = [];
  for (const [path, messages] of Object.entries(files)) {
    const m = /([A-Za-z0-9-]+)\.json$/.exec(path);
    if (!m) continue;
    const code = m[1];
    out.push({ code, name: messages['language.name'] || code, dir: messages['language.dir'] === 'rtl' ? 'rtl' : 'ltr', messages });
  }
  return out.sort((a, b) => (a.code === DEFAULT_LOCALE ? -1 : b.code === DEFAULT_LOCALE ? 1 : a.name.localeCompare(b.name)));
}

const files = import.meta.glob<Messages>('./locales/*.json', { eager: true, import: 'default' });

export const LOCALES: Locale[] = localesFrom(files);

export function findLocale(code: string): Locale {
  return LOCALES.find((l) => l.code === code) ?? LOCALES.find((l) => l.code === DEFAULT_LOCALE) ?? LOCALES[0];
}

export type Translate = (key: string, fallback?: string) => string;

/** t(key): the locale's text, else English, else the fallback (e.g. Go's label), else the key. */
export function translator(locale: Locale): Translate {
  const en = findLocale(DEFAULT_LOCALE).messages;
  return (key, fallback) => locale.messages[key] ?? en[key] ?? fallback ?? key;
}

/** Puts values into a text's {name} places ("Question {n} of {total}"). */
export function fill(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all));
}

/** A language of the kiosk's words added as data (a Translation of "kiosk"): words it
 * lacks come from English (translator). */
export function localeFromWords(t: Pick<Translation, 'language' | 'languageName' | 'texts'>): Locale {
  return { code: t.language, name: t.languageName || t.language, dir: languageRTL(t.language) ? 'rtl' : 'ltr', messages: { ...(t.texts ?? {}) } };
}

/**
 * The kiosk's languages: the built-in files, the languages of its words added as data
 * (the newest record of each language; its words over a built-in file's), then the
 * languages the session's question sets are translated into (the kiosk's own words
 * then in English). English first, then by name.
 */
export function kioskLocales(words: Translation[] | undefined, sets: AskedSet[] | undefined, builtIn: Locale[] = LOCALES): Locale[] {
  const byCode = new Map<string, Locale>(builtIn.map((l) => [l.code, l]));
  const newest = new Map<string, Translation>();
  for (const w of words ?? []) {
    if (w.deletedAt || !w.language) continue;
    const old = newest.get(w.language);
    if (!old || w.updatedAt > old.updatedAt) newest.set(w.language, w);
  }
  for (const w of newest.values()) {
    const own = localeFromWords(w);
    const base = byCode.get(w.language);
    byCode.set(w.language, base ? { ...base, messages: { ...base.messages, ...own.messages } } : own);
  }
  for (const s of sets ?? []) {
    for (const t of s.translations ?? []) {
      if (t.deletedAt || !t.language || byCode.has(t.language) || t.language === DEFAULT_LOCALE) continue;
      byCode.set(t.language, { ...localeFromWords({ ...t, texts: {} }) });
    }
  }
  return [...byCode.values()].sort((a, b) =>
    a.code === DEFAULT_LOCALE ? -1 : b.code === DEFAULT_LOCALE ? 1 : a.name.localeCompare(b.name),
  );
}
