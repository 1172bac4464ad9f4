// The kiosk for a session with question sets: the language first, then what the
// answers will help decide (each set's purpose), then one question per screen with its
// progress ("Question 3 of 6"), Back, and Skip for optional questions (a required one
// says what to do instead); then the last screen (KioskForm: the comment, optional now,
// the Friends and Family Test rating when the session asks it, themes, about you and
// the privacy notice) sends everything as ONE submission: the comment and one response
// per set answered. A question the show-if rule hides is passed over, and its answer
// dropped when the earlier answer changes. If Go finds a problem with an answer, the
// person is taken back to that question with the message.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'nhsuk-react-components';
import { AskQuestion, askId } from '../questions/ask/AskQuestion';
import { answerErrors, answerFor, answerProblem, cleanAnswers, isAnswered, shownQuestions, translationFor, withAnswer } from '../questions/ask/answers';
import { languageRTL, setText, type Answer, type Question, type ResponseInput, type SessionQuestions } from '../lib/questions';
import type { FieldError, KioskFeedbackInput, KioskTheme } from '../lib/types';
import { fill, type Locale, type Translate } from './i18n';
import { KioskForm } from './KioskForm';

type Step = { kind: 'language' } | { kind: 'purpose' } | { kind: 'question'; set: number; q: string } | { kind: 'last' };

interface Props {
  t: Translate;
  locale: Locale;
  locales: Locale[];
  onLanguage: (code: string) => void;
  questions: SessionQuestions;
  themes: KioskTheme[];
  onSent: () => void;
}

export function KioskQuestions({ t, locale, locales, onLanguage, questions, themes, onSent }: Props) {
  const sets = useMemo(() => questions.sets ?? [], [questions.sets]);
  const [step, setStep] = useState<Step>({ kind: 'language' });
  const [answers, setAnswers] = useState<Answer[][]>(() => sets.map(() => []));
  const [errors, setErrors] = useState<Record<string, string>>({}); // "set:question" → message
  const [draft, setDraft] = useState<KioskFeedbackInput | undefined>(undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Each screen starts with its heading focused (screen readers read it first).
  const stepKey = step.kind === 'question' ? `q:${step.set}:${step.q}` : step.kind;
  useEffect(() => {
    if (step.kind !== 'last') headingRef.current?.focus();
  }, [stepKey, step.kind]);

  // A question with an error: focus its first input (the error is read with it).
  const errorShown = step.kind === 'question' ? errors[`${step.set}:${step.q}`] : undefined;
  useEffect(() => {
    if (step.kind === 'question' && errorShown) document.getElementById(askId(`kq-${step.set}`, step.q))?.focus();
  }, [errorShown, step]);

  const trFor = useCallback((i: number) => translationFor(sets[i]?.translations, locale.code), [sets, locale.code]);

  // The questions shown, in order across the sets, given the answers so far.
  const flow = useMemo(() => {
    const out: { set: number; q: Question }[] = [];
    sets.forEach((s, i) => shownQuestions(s.set, answers[i] ?? []).forEach((q) => out.push({ set: i, q })));
    return out;
  }, [sets, answers]);

  const responses = useMemo<ResponseInput[]>(
    () =>
      sets
        .map((s, i) => ({ questionSetId: s.set.id, language: trFor(i)?.language ?? 'en', answers: cleanAnswers(s.set, answers[i] ?? []) }))
        .filter((r) => r.answers.length > 0),
    [sets, answers, trFor],
  );

  const goQuestion = (n: number) => {
    if (n < 0) return setStep({ kind: 'purpose' });
    if (n >= flow.length) return setStep({ kind: 'last' });
    setStep({ kind: 'question', set: flow[n].set, q: flow[n].q.id });
  };

  const onAnswerErrors = (fields: FieldError[], sent: ResponseInput[]) => {
    const found = answerErrors(fields, sent, sets.map((s) => s.set));
    if (found.length === 0) return false;
    const english = locale.code === 'en';
    const next: Record<string, string> = {};
    for (const e of found) {
      const k = `${e.set}:${e.q}`;
      if (!next[k]) next[k] = english ? e.message : t('errors.ask.invalid');
    }
    setErrors(next);
    const first = flow.find((f) => next[`${f.set}:${f.q.id}`]) ?? { set: found[0].set, q: { id: found[0].q } };
    setStep({ kind: 'question', set: first.set, q: first.q.id });
    return true;
  };

  if (step.kind === 'language') {
    return (
      <div className="kiosk-step" data-testid="kiosk-language">
        <h1 ref={headingRef} tabIndex={-1} className="nhsuk-heading-xl kiosk-heading">
          {t('language.choose')}
        </h1>
        <p className="nhsuk-body-l">{t('language.chooseHint')}</p>
        <ul className="nhsuk-list kiosk-language-choices">
          {locales.map((l) => (
            <li key={l.code}>
              <button
                type="button"
                lang={l.code}
                dir={l.dir}
                className="kiosk-language-choice"
                aria-pressed={l.code === locale.code}
                onClick={() => {
                  onLanguage(l.code);
                  setStep({ kind: 'purpose' });
                }}
              >
                {l.name}
              </button>
            </li>
          ))}
        </ul>
      </div>
    );
  }

  if (step.kind === 'purpose') {
    return (
      <div className="kiosk-step" data-testid="kiosk-purpose">
        <h1 ref={headingRef} tabIndex={-1} className="nhsuk-heading-xl kiosk-heading">
          {t('questions.purposeTitle')}
        </h1>
        {sets.map((s, i) => {
          const tr = trFor(i);
          const lang = tr?.language ?? 'en';
          const purpose = setText(s.set, tr, 'purpose');
          return (
            <section key={s.set.id} className="kiosk-purpose" lang={lang} dir={languageRTL(lang) ? 'rtl' : 'ltr'}>
              <h2 className="nhsuk-heading-m">{setText(s.set, tr, 'name')}</h2>
              {purpose ? <p className="nhsuk-body-l kiosk-purpose__text">{purpose}</p> : null}
            </section>
          );
        })}
        <p className="nhsuk-body-l">{t('questions.purposeIntro')}</p>
        <div className="kiosk-actions">
          <Button type="button" onClick={() => goQuestion(0)}>
            {t('questions.start')}
          </Button>
          <Button type="button" secondary onClick={() => setStep({ kind: 'language' })}>
            {t('questions.back')}
          </Button>
        </div>
      </div>
    );
  }

  if (step.kind === 'last') {
    return (
      <KioskForm
        t={t}
        themes={themes}
        onSent={onSent}
        questions={{ responses, fft: questions.fft, draft, onDraft: setDraft, onBack: () => goQuestion(flow.length - 1), onAnswerErrors }}
      />
    );
  }

  // One question.
  if (flow.length === 0) return null;
  let at = flow.findIndex((f) => f.set === step.set && f.q.id === step.q);
  if (at < 0) at = Math.min(flow.length - 1, Math.max(0, flow.findIndex((f) => f.set >= step.set)));
  const { set: si, q } = flow[at];
  const set = sets[si].set;
  const answer = answerFor(answers[si] ?? [], q.id);
  const errKey = `${si}:${q.id}`;
  const error = errors[errKey];
  const setError = (message: string) => setErrors((old) => ({ ...old, [errKey]: message }));
  const clearError = () =>
    setErrors((old) => {
      const { [errKey]: _gone, ...rest } = old;
      return rest;
    });

  const change = (a: Answer | undefined) => {
    setAnswers((old) => old.map((list, i) => (i === si ? withAnswer(set, list, q.id, a) : list)));
    if (error) clearError();
  };
  const next = () => {
    const problem = answerProblem(q, answer);
    if (problem) return setError(fill(t(problem.key), problem.vars));
    if (q.required && !isAnswered(answer)) return setError(t('errors.ask.required'));
    clearError();
    goQuestion(at + 1);
  };
  const skip = () => {
    change(undefined);
    clearError();
    goQuestion(at + 1);
  };
  const requiredId = `kq-${si}-${q.id}-required`;

  return (
    <form
      key={errKey}
      className="kiosk-step"
      noValidate
      data-testid="kiosk-question"
      onSubmit={(e) => {
        e.preventDefault();
        next();
      }}
    >
      <AskQuestion
        set={set}
        translation={trFor(si)}
        question={q}
        answer={answer}
        onChange={change}
        idPrefix={`kq-${si}`}
        large
        t={t}
        error={error}
        caption={fill(t('questions.progress'), { n: at + 1, total: flow.length })}
        headingRef={headingRef}
      />
      {q.required ? (
        <p className="nhsuk-body-l kiosk-required" id={requiredId}>
          {t('questions.required')}
        </p>
      ) : null}
      <div className="kiosk-actions">
        <Button type="submit" aria-describedby={q.required ? requiredId : undefined}>
          {t('questions.next')}
        </Button>
        {!q.required ? (
          <Button type="button" secondary onClick={skip}>
            {t('questions.skip')}
          </Button>
        ) : null}
        <Button type="button" secondary onClick={() => goQuestion(at - 1)}>
          {t('questions.back')}
        </Button>
      </div>
    </form>
  );
}
