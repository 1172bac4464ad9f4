// The kiosk's languages: one JSON file per language in ./locales (flat "key": "text"),
// found at build time, so adding a language is adding a file. Each file names itself
// ("language.name": "Español") and its direction ("language.dir": "ltr" or "rtl"); the
// file name is the BCP 47 code used for the lang attribute (es.json → lang="es").
// en.json is the reference: every other file has every key it has (a test checks).

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
