// A session's own questions (issue 15; Go: app/involve/question_set.go, response.go,
// translation.go, app/desktop/questions.go): question sets, their translations, the
// kiosk's own words as data, and the answers saved with a feedback item. The DTOs are
// checked against Go's at the end of types.ts.
import type { RecordMeta } from './types';

export const QuestionType = {
  text: 'text',
  single: 'single',
  multiple: 'multiple',
  yesNo: 'yes_no',
  scale: 'scale',
  ranking: 'ranking',
  number: 'number',
} as const;
export type QuestionTypeCode = (typeof QuestionType)[keyof typeof QuestionType];

/** Choice codes the app fills in (yes / no / not sure) or reserves. */
export const CHOICE_OTHER = 'other';
export const KIOSK_WORDS = 'kiosk';
export const MAX_QUESTIONS = 15;

export interface Choice {
  code: string; // lower-case key, stable across versions and translations
  label: string; // English
}
export interface ShowIf {
  question: string; // an earlier question's id
  answers: string[]; // its choice codes that show this question
}
export interface Question {
  id: string; // lower-case key: stable across versions; the CSV's column name
  type: string; // QuestionTypeCode
  text: string;
  help: string;
  required: boolean;
  choices: Choice[];
  other: boolean; // offers "Other, please say" (single and multiple choice)
  preferNot: boolean; // offers "Prefer not to say"
  faces: boolean; // a 5-point scale with faces
  pick: number; // ranking: how many to pick
  min: number | null; // number: bounds
  max: number | null;
  showIf: ShowIf | null;
}
/** involve.QuestionSet: one version of a set. */
export interface QuestionSet extends RecordMeta {
  familyId: string; // "" on version 1 (its own id names the set)
  version: number;
  name: string;
  purpose: string; // "what your answers will help us decide", shown to the public
  questions: Question[];
  starter: string;
  archived: boolean;
}
/** involve.Translation: a set version's words (of = its id) or the kiosk's (of = "kiosk"). */
export interface Translation extends RecordMeta {
  of: string;
  language: string; // BCP 47: es, ar, ur, bn, pl, en-x-easyread…
  languageName: string; // as its readers write it
  reviewed: boolean;
  texts: Record<string, string>; // key → text: name, purpose, q.<id>.text, q.<id>.help, q.<id>.c.<code>, q.<id>.other
}
/** One answer (unanswered questions have none). */
export interface Answer {
  q: string;
  choices?: string[]; // chosen codes; ranking: in order of preference
  text?: string; // free text, or the words of "Other, please say"
  number?: number;
  preferNot?: boolean;
}
export interface ResponseInput {
  questionSetId: string; // the version answered
  language: string;
  answers: Answer[];
}
export interface Response extends RecordMeta {
  sessionId: string;
  feedbackId: string;
  questionSetId: string;
  language: string;
  answers: Answer[];
}

export interface LanguageInfo {
  code: string;
  name: string;
  rtl: boolean;
  reviewed: boolean;
}
export interface QuestionSetSummary {
  familyId: string;
  id: string; // the newest version
  version: number;
  name: string;
  purpose: string;
  questions: number;
  responses: number;
  languages: LanguageInfo[];
  archived: boolean;
  updatedAt: string;
  sessionsUsing: number;
}
export interface QuestionSetVersion {
  id: string;
  version: number;
  responses: number;
  createdAt: string;
}
export interface QuestionSetView {
  set: QuestionSet;
  answered: boolean; // saving a change makes a new version
  newest: boolean; // older versions are read-only
  versions: QuestionSetVersion[];
  translations: Translation[];
}
export interface QuestionSetSaved {
  set: QuestionSet;
  newVersion: boolean;
}
export interface AskedSet {
  set: QuestionSet;
  translations: Translation[];
}
export interface SessionQuestions {
  sessionId: string;
  fft: boolean; // ask the Friends and Family Test rating
  sets: AskedSet[];
}

const RTL = new Set(['ar', 'ur', 'fa', 'he', 'ps', 'sd', 'ug', 'yi', 'ckb', 'dv']);
/** Whether a language (BCP 47) is written right to left (mirrors involve.LanguageRTL). */
export function languageRTL(tag: string): boolean {
  const [lang, ...rest] = tag.split('-');
  for (const p of rest) {
    const s = p.toLowerCase();
    if (['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg'].includes(s)) return true;
    if (['latn', 'cyrl', 'beng', 'deva'].includes(s)) return false;
  }
  return RTL.has(lang.toLowerCase());
}

/** The set's words in a language: the translation's text for key, else the English. */
export function setText(set: QuestionSet, tr: Translation | undefined, key: string): string {
  const t = tr?.texts?.[key];
  if (t) return t;
  if (key === 'name') return set.name;
  if (key === 'purpose') return set.purpose;
  const m = /^q\.([^.]+)\.(text|help|other|c\.(.+))$/.exec(key);
  if (!m) return '';
  const q = set.questions?.find((x) => x.id === m[1]);
  if (!q) return '';
  if (m[2] === 'text') return q.text;
  if (m[2] === 'help') return q.help;
  if (m[2] === 'other') return q.other ? 'Other, please say' : '';
  return q.choices?.find((c) => c.code === m[3])?.label ?? '';
}

/** Whether question q is shown given the answers so far (mirrors QuestionSet.Shown). */
export function shown(q: Question, answers: Answer[]): boolean {
  if (!q.showIf) return true;
  const a = answers.find((x) => x.q === q.showIf!.question);
  return !!a?.choices?.some((c) => q.showIf!.answers.includes(c));
}
