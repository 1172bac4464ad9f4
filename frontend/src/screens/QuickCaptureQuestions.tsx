// Quick capture's part for a session with question sets: the sets' questions inline,
// after the comment, in the sets' order (the paper form's order), keyboard-first. On a
// choice question 1–9 pick the choice with that number (several: tick or untick;
// ranking: the next pick), O picks "Other, please say" and goes to its words, P
// "Prefer not to say"; Enter goes to the next question shown, and on the last one saves
// (QuickCaptureScreen). A question the show-if rule hides disappears at once, with its
// answer.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { AskQuestion, askId } from '../questions/ask/AskQuestion';
import { answerByKey, answerFor, answerProblem, isAnswered, shownQuestions, withAnswer } from '../questions/ask/answers';
import { fill, findLocale, translator } from '../kiosk/i18n';
import type { Answer, AskedSet, Question } from '../lib/questions';
import type { FieldError } from '../lib/types';

const english = translator(findLocale('en'));

/** The id prefix of set i's questions. */
export const quickPrefix = (i: number) => `qc${i}`;

/** The questions shown, in order across the sets, given the answers so far. */
export function quickFlow(sets: AskedSet[], answers: Answer[][]): { set: number; q: Question }[] {
  const out: { set: number; q: Question }[] = [];
  sets.forEach((s, i) => shownQuestions(s.set, answers[i] ?? []).forEach((q) => out.push({ set: i, q })));
  return out;
}

/** Problems to fix before saving (English, for staff), each on its question's first input. */
export function quickProblems(sets: AskedSet[], answers: Answer[][]): FieldError[] {
  const out: FieldError[] = [];
  for (const { set, q } of quickFlow(sets, answers)) {
    const a = answerFor(answers[set] ?? [], q.id);
    const field = askId(quickPrefix(set), q.id);
    const problem = answerProblem(q, a);
    if (problem) out.push({ field, message: `“${q.text}”: ${fill(english(problem.key), problem.vars)}` });
    else if (q.required && !isAnswered(a)) out.push({ field, message: `“${q.text}” needs an answer: it is required` });
  }
  return out;
}

/** Focuses question n of the flow (its first input). */
function focusQuestion(sets: AskedSet[], answers: Answer[][], n: number): boolean {
  const f = quickFlow(sets, answers)[n];
  const el = f ? document.getElementById(askId(quickPrefix(f.set), f.q.id)) : null;
  el?.focus();
  return !!el;
}

/** Focuses the first question; false when there is none. */
export function focusFirstQuestion(sets: AskedSet[], answers: Answer[][]): boolean {
  return focusQuestion(sets, answers, 0);
}

interface Props {
  sets: AskedSet[];
  answers: Answer[][];
  onChange: (answers: Answer[][]) => void;
  /** Errors by the question's first input id (askId). */
  errors: Record<string, string>;
  /** Enter on the last question. */
  onSave: () => void;
}

export function QuickCaptureQuestions({ sets, answers, onChange, errors, onSave }: Props) {
  const focusNext = useRef('');
  // After O: focus the words of "Other" once they are shown.
  useEffect(() => {
    if (!focusNext.current) return;
    const el = document.getElementById(focusNext.current);
    if (el) {
      el.focus();
      focusNext.current = '';
    }
  });

  const set = (si: number, q: Question, a: Answer | undefined) =>
    onChange(sets.map((s, i) => (i === si ? withAnswer(s.set, answers[i] ?? [], q.id, a) : (answers[i] ?? []))));

  const onKeyDown = (si: number, q: Question) => (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.nativeEvent.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      e.stopPropagation();
      const flow = quickFlow(sets, answers);
      const at = flow.findIndex((f) => f.set === si && f.q.id === q.id);
      if (at + 1 < flow.length) focusQuestion(sets, answers, at + 1);
      else onSave();
      return;
    }
    // Keys pick choices only on the choices themselves (a text box takes them as typed).
    const onChoice = target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox');
    if (!onChoice || e.shiftKey) return;
    const result = answerByKey(q, answerFor(answers[si] ?? [], q.id), e.key);
    if (!result) return;
    e.preventDefault();
    e.stopPropagation();
    set(si, q, result.answer);
    if (result.toOther) focusNext.current = `${askId(quickPrefix(si), q.id)}-other-text`;
  };

  return (
    <div className="app-quick__questions" data-testid="quick-questions">
      {sets.map((s, si) => (
        <section key={s.set.id} className="app-quick__set" aria-labelledby={`${quickPrefix(si)}-title`}>
          <h2 className="nhsuk-heading-s" id={`${quickPrefix(si)}-title`}>
            {s.set.name}
          </h2>
          {shownQuestions(s.set, answers[si] ?? []).map((q) => (
            <div key={q.id} onKeyDown={onKeyDown(si, q)}>
              <AskQuestion
                set={s.set}
                question={q}
                answer={answerFor(answers[si] ?? [], q.id)}
                onChange={(a) => set(si, q, a)}
                idPrefix={quickPrefix(si)}
                error={errors[askId(quickPrefix(si), q.id)]}
                keys
              />
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
