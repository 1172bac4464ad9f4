// Answers to a question set as the forms that ask it hold them (the kiosk, quick
// capture): setting one answer (and dropping the answers of questions the show-if rule
// now hides), the checks a form makes before asking Go, what number and letter keys do
// on a question, the answers as Go takes them, and Go's errors on answers put back on
// their questions. Pure functions: AskQuestion.tsx draws the questions.
import type { FieldError } from '../../lib/types';
import {
  CHOICE_OTHER,
  QuestionType,
  shown,
  type Answer,
  type Choice,
  type Question,
  type QuestionSet,
  type ResponseInput,
  type Translation,
} from '../../lib/questions';

/** The choices of a yes / no / not sure question (Go fills them in; these if it has not). */
export const YES_NO: Choice[] = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
  { code: 'not_sure', label: 'Not sure' },
];

/** The choices a question offers, in order (not "Other" or "Prefer not to say"). */
export function choicesOf(q: Question): Choice[] {
  if (q.type === QuestionType.yesNo && !(q.choices?.length > 0)) return YES_NO;
  return q.choices ?? [];
}

/** Whether a question's answers are choice codes. */
export function hasChoices(q: Question): boolean {
  return ([QuestionType.single, QuestionType.multiple, QuestionType.yesNo, QuestionType.scale, QuestionType.ranking] as string[]).includes(q.type);
}

/** Whether an answer says anything (a choice, words, a number or "Prefer not to say"). */
export function isAnswered(a: Answer | undefined): boolean {
  if (!a) return false;
  return !!a.preferNot || (a.choices?.length ?? 0) > 0 || (a.text ?? '').trim() !== '' || a.number !== undefined;
}

export function answerFor(answers: Answer[], q: string): Answer | undefined {
  return answers.find((a) => a.q === q);
}

/** The answers to the questions the set shows given those answers (show-if), in the set's order. */
export function prune(set: QuestionSet, answers: Answer[]): Answer[] {
  const out: Answer[] = [];
  for (const q of set.questions ?? []) {
    const a = answerFor(answers, q.id);
    if (a && shown(q, answers)) out.push(a);
  }
  return out;
}

/** The answers with question q's answer set to a (undefined: cleared), hidden ones dropped. */
export function withAnswer(set: QuestionSet, answers: Answer[], q: string, a: Answer | undefined): Answer[] {
  const rest = answers.filter((x) => x.q !== q);
  return prune(set, a ? [...rest, a] : rest);
}

/** The questions the set shows given the answers so far, in order. */
export function shownQuestions(set: QuestionSet, answers: Answer[]): Question[] {
  return (set.questions ?? []).filter((q) => shown(q, answers));
}

/** A number as typed ("12", "-3", "2.5"); NaN when it is not one. */
export function parseNumber(raw: string): number {
  const s = raw.trim();
  if (s === '' || !/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return Number.NaN;
  return Number(s.replace(',', '.'));
}

/** The answers as Go takes them: words trimmed, a number question's typed text
 * dropped, "Other"'s words only with Other chosen, empty answers left out; set order. */
export function cleanAnswers(set: QuestionSet, answers: Answer[]): Answer[] {
  const out: Answer[] = [];
  for (const a of prune(set, answers)) {
    const q = set.questions.find((x) => x.id === a.q);
    if (!q) continue;
    if (a.preferNot) {
      out.push({ q: a.q, preferNot: true });
      continue;
    }
    if (q.type === QuestionType.number) {
      if (a.number !== undefined && Number.isFinite(a.number)) out.push({ q: a.q, number: a.number });
      continue;
    }
    if (q.type === QuestionType.text) {
      const text = (a.text ?? '').trim();
      if (text) out.push({ q: a.q, text });
      continue;
    }
    const choices = a.choices ?? [];
    if (choices.length === 0) continue;
    const text = choices.includes(CHOICE_OTHER) ? (a.text ?? '').trim() : '';
    out.push(text ? { q: a.q, choices: [...choices], text } : { q: a.q, choices: [...choices] });
  }
  return out;
}

/** What is wrong with an answer before asking Go: a key of the kiosk's words (with its
 * values), or null. Required questions are the form's to check (skip rules differ). */
export function answerProblem(q: Question, a: Answer | undefined): { key: string; vars?: Record<string, string | number> } | null {
  if (!a || a.preferNot) return null;
  if (q.type === QuestionType.number && (a.text ?? '').trim() !== '') {
    if (a.number === undefined || !Number.isFinite(a.number)) return { key: 'errors.ask.number' };
    if ((q.min !== null && a.number < q.min) || (q.max !== null && a.number > q.max)) return { key: numberRangeKey(q, 'errors.ask'), vars: { min: q.min ?? '', max: q.max ?? '' } };
  }
  return null;
}

/** The words key saying a number question's range ("…range", "…min", "…max", or the prefix alone). */
export function numberRangeKey(q: Question, prefix: string): string {
  if (q.min !== null && q.max !== null) return `${prefix}.range`;
  if (q.min !== null) return `${prefix}.min`;
  if (q.max !== null) return `${prefix}.max`;
  return prefix === 'errors.ask' ? 'errors.ask.number' : `${prefix}.any`;
}

/** A key pressed on a choice question (quick capture): 1–9 the Nth choice (multiple:
 * toggled; ranking: the next pick, or un-picked), O "Other, please say", P "Prefer not
 * to say". Returns the new answer (undefined: cleared) and whether to go to Other's
 * words, or null when the key means nothing here. */
export function answerByKey(q: Question, a: Answer | undefined, key: string): { answer: Answer | undefined; toOther?: boolean } | null {
  if (!hasChoices(q)) return null;
  const choices = choicesOf(q);
  const k = key.toLowerCase();
  const current = a?.preferNot ? [] : (a?.choices ?? []);
  const text = a?.text;
  const pick = (code: string): Answer | undefined => {
    switch (q.type) {
      case QuestionType.multiple: {
        const next = current.includes(code) ? current.filter((c) => c !== code) : [...current, code];
        return next.length > 0 ? { q: q.id, choices: next, ...(text && next.includes(CHOICE_OTHER) ? { text } : {}) } : undefined;
      }
      case QuestionType.ranking: {
        if (current.includes(code)) {
          const next = current.filter((c) => c !== code);
          return next.length > 0 ? { q: q.id, choices: next } : undefined;
        }
        if (current.length >= (q.pick || choices.length)) return a;
        return { q: q.id, choices: [...current, code] };
      }
      default:
        return { q: q.id, choices: [code], ...(code === CHOICE_OTHER && text ? { text } : {}) };
    }
  };
  if (/^[1-9]$/.test(k)) {
    const c = choices[Number(k) - 1];
    return c ? { answer: pick(c.code) } : null;
  }
  if (k === 'o' && q.other && (q.type === QuestionType.single || q.type === QuestionType.multiple)) {
    const answer = q.type === QuestionType.single && current.includes(CHOICE_OTHER) ? a : pick(CHOICE_OTHER);
    return { answer, toOther: !!answer?.choices?.includes(CHOICE_OTHER) };
  }
  if (k === 'p' && q.preferNot) {
    return { answer: a?.preferNot ? undefined : { q: q.id, preferNot: true } };
  }
  return null;
}

/** The newest translation of a set into a language (undefined: none; English needs none). */
export function translationFor(translations: Translation[] | undefined, language: string): Translation | undefined {
  if (!language || language === 'en') return undefined;
  let best: Translation | undefined;
  for (const t of translations ?? []) {
    if (t.language !== language || t.deletedAt) continue;
    if (!best || t.updatedAt > best.updatedAt || (t.updatedAt === best.updatedAt && t.id > best.id)) best = t;
  }
  return best;
}

/** Where one of Go's errors on answers belongs: the set (its index in `sets`) and question. */
export interface AnswerError {
  set: number;
  q: string;
  message: string;
}

const KEY = '[a-z][a-z0-9_]*';

/**
 * Puts Go's field errors on answers back on their questions. Go names them
 * "answers.<question>" (or "answers.<n>", the nth answer sent), with
 * "responses.<n>." in front when it says which response; any other "responses…" field
 * goes to the first question of that set. sent are the responses as sent (their order
 * gives the n); sets the session's sets. Errors on other fields are not returned.
 */
export function answerErrors(fields: FieldError[], sent: ResponseInput[], sets: QuestionSet[]): AnswerError[] {
  const out: AnswerError[] = [];
  const setIndex = (id: string | undefined) => sets.findIndex((s) => s.id === id);
  for (const f of fields) {
    const m = new RegExp(`^(?:responses\\.(\\d+)\\.?)?(?:answers(?:\\.(${KEY}|\\d+))?)?(?:\\..*)?$`).exec(f.field);
    if (!m || !(f.field.startsWith('responses') || f.field.startsWith('answers'))) continue;
    const resp = m[1] !== undefined ? sent[Number(m[1])] : sent.length === 1 ? sent[0] : undefined;
    let q = m[2] ?? '';
    if (/^\d+$/.test(q)) q = resp?.answers[Number(q)]?.q ?? '';
    let si = resp ? setIndex(resp.questionSetId) : -1;
    if (si < 0 && q) si = sets.findIndex((s) => s.questions.some((x) => x.id === q));
    if (si < 0) si = sent.length > 0 ? Math.max(0, setIndex(sent[0].questionSetId)) : 0;
    const set = sets[si];
    if (!set) continue;
    if (!q || !set.questions.some((x) => x.id === q)) q = set.questions[0]?.id ?? '';
    if (q) out.push({ set: si, q, message: f.message });
  }
  return out;
}
