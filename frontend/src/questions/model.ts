// The builder's rules for question sets, mirrored from Go (app/involve/question_set.go,
// translation.go): the question types and their labels, the keys a translation has, and
// keys made from words (question ids and choice codes: lower-case letters, digits and _).
import type { Choice, Question, QuestionSet, Translation } from '../lib/questions';
import { CHOICE_OTHER, QuestionType } from '../lib/questions';

/** involve.QuestionTypes: the types a question may have, as the builder offers them. */
export const QUESTION_TYPES: { code: string; label: string }[] = [
  { code: QuestionType.text, label: 'Free text' },
  { code: QuestionType.single, label: 'Choose one' },
  { code: QuestionType.multiple, label: 'Choose all that apply' },
  { code: QuestionType.yesNo, label: 'Yes, no or not sure' },
  { code: QuestionType.scale, label: 'Agreement or rating scale' },
  { code: QuestionType.ranking, label: 'Pick your top choices, in order' },
  { code: QuestionType.number, label: 'Number' },
];

/** involve.YesNoChoices. */
export const YES_NO_CHOICES: Choice[] = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
  { code: 'not_sure', label: 'Not sure' },
];
export const CHOICE_PREFER_NOT = 'prefer_not_say';
export const FACE_POINTS = 5;
export const MAX_CHOICES = 20;
export const MAX_SCALE_POINTS = 11;

const AGREE: string[] = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

/** Whether answers to a question of this type are choice codes (involve.Question.HasChoices). */
export const hasChoices = (type: string) =>
  type === QuestionType.single ||
  type === QuestionType.multiple ||
  type === QuestionType.yesNo ||
  type === QuestionType.scale ||
  type === QuestionType.ranking;

/** Whether the builder edits the choices of this type (yes / no / not sure are fixed). */
export const editsChoices = (type: string) => hasChoices(type) && type !== QuestionType.yesNo;

/** Whether a later question may be shown only if this one's answer is … (one level, not ranking). */
export const canDriveShowIf = (q: Question) => hasChoices(q.type) && q.type !== QuestionType.ranking && !q.showIf;

export const typeLabel = (code: string) => QUESTION_TYPES.find((t) => t.code === code)?.label ?? code;

/** involve.ValidKey. */
export const validKey = (s: string) => /^[a-z][a-z0-9_]{0,39}$/.test(s);

/**
 * A key made from words ("Very good!" → "very_good"): lower-case letters, digits and
 * _, a letter first, at most 40 characters, not one of `taken` (a number is added).
 */
export function keyFrom(words: string, taken: readonly string[], fallback = 'choice'): string {
  let base = words
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(base)) base = base ? `${fallback}_${base}` : fallback;
  base = base.slice(0, 36).replace(/_+$/, '');
  const bad = new Set([...taken, CHOICE_OTHER, CHOICE_PREFER_NOT]);
  if (!bad.has(base)) return base;
  for (let n = 2; ; n++) if (!bad.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** The next free question key: q1, q2… */
export function nextQuestionId(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`q${n}`)) return `q${n}`;
}

/** The choices a question of the type starts with. */
export function startingChoices(type: string): Choice[] {
  switch (type) {
    case QuestionType.yesNo:
      return YES_NO_CHOICES.map((c) => ({ ...c }));
    case QuestionType.scale:
      return AGREE.map((label) => ({ code: keyFrom(label, []), label }));
    case QuestionType.single:
    case QuestionType.multiple:
    case QuestionType.ranking:
      return [
        { code: '', label: '' },
        { code: '', label: '' },
      ];
    default:
      return [];
  }
}

export function newQuestion(id: string, type: string = QuestionType.single): Question {
  return {
    id,
    type,
    text: '',
    help: '',
    required: false,
    choices: startingChoices(type),
    other: false,
    preferNot: false,
    faces: false,
    pick: type === QuestionType.ranking ? 1 : 0,
    min: null,
    max: null,
    showIf: null,
  };
}

export function newQuestionSet(): QuestionSet {
  return {
    id: '',
    createdAt: '',
    updatedAt: '',
    createdBy: '',
    deviceId: '',
    rev: 0,
    familyId: '',
    version: 1,
    name: '',
    purpose: '',
    questions: [newQuestion('q1')],
    starter: '',
    archived: false,
  };
}

/** QuestionSet.TextKeys: the keys a translation of the set has, in order. */
export function textKeys(set: QuestionSet): string[] {
  const keys = ['name', 'purpose'];
  for (const q of set.questions ?? []) {
    const p = `q.${q.id}.`;
    keys.push(`${p}text`);
    if (q.help) keys.push(`${p}help`);
    for (const c of q.choices ?? []) keys.push(`${p}c.${c.code}`);
    if (q.other) keys.push(`${p}other`);
  }
  return keys;
}

/** What a translation key names, for people ("Question 2: choice 'Yes'"). */
export function describeKey(set: QuestionSet, key: string): string {
  if (key === 'name') return 'Name of the set';
  if (key === 'purpose') return 'What your answers will help us decide';
  const m = /^q\.([^.]+)\.(text|help|other|c\.(.+))$/.exec(key);
  const i = m ? set.questions.findIndex((q) => q.id === m[1]) : -1;
  if (!m || i < 0) return key;
  const n = `Question ${i + 1}`;
  if (m[2] === 'text') return `${n}: the question`;
  if (m[2] === 'help') return `${n}: help text`;
  if (m[2] === 'other') return `${n}: “Other, please say”`;
  const c = set.questions[i].choices.findIndex((x) => x.code === m[3]);
  return `${n}: choice ${c + 1}`;
}

/** Languages offered when adding one (each named as its readers write it). */
export const LANGUAGE_SUGGESTIONS: { code: string; name: string; english: string }[] = [
  { code: 'es', name: 'Español', english: 'Spanish' },
  { code: 'ar', name: 'العربية', english: 'Arabic' },
  { code: 'ur', name: 'اردو', english: 'Urdu' },
  { code: 'bn', name: 'বাংলা', english: 'Bengali' },
  { code: 'pl', name: 'Polski', english: 'Polish' },
  { code: 'en-x-easyread', name: 'Easy read', english: 'Easy read English' },
];

/** A BCP 47 tag as far as the builder checks it ("es", "en-x-easyread", "pt-BR"). */
export const validLanguageTag = (s: string) => /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(s);

/** A new translation record (Go fills the record's meta). */
export function newTranslation(of: string, language: string, languageName: string): Translation {
  return {
    id: '',
    createdAt: '',
    updatedAt: '',
    createdBy: '',
    deviceId: '',
    rev: 0,
    of,
    language,
    languageName,
    reviewed: false,
    texts: {},
  };
}
