// The paper form of a question set: an A4 page to print (paper.scss), numbered in the
// set's order, the order quick capture follows when the forms are typed in. The set's
// words come in the chosen language; the instructions for filling it in are English.
import type { ReactNode } from 'react';
import type { Question, QuestionSet, Translation } from '../lib/questions';
import { QuestionType, languageRTL, setText } from '../lib/questions';
import { FACE_POINTS, hasChoices } from './model';
import { RatingFace } from '../kiosk/Faces';
import './paper.scss';

interface Props {
  set: QuestionSet;
  translation?: Translation;
  /** The language's tag ("en" when no translation). */
  language?: string;
  large?: boolean;
  /** The team or stall whose form it is, if known. */
  teamName?: string;
  /** Shown in a preview beside the builder (a smaller page, no page breaks). */
  preview?: boolean;
}

/** Instructions, in English inside a page that may be in another language. */
function En({ children, other }: { children: ReactNode; other: boolean }) {
  return other ? (
    <span lang="en" dir="ltr">
      {children}
    </span>
  ) : (
    <>{children}</>
  );
}

const Box = () => <span className="paper-form__box" aria-hidden="true" />;

function Lines({ n }: { n: number }) {
  return (
    <div className="paper-form__lines" aria-hidden="true">
      {Array.from({ length: n }, (_, i) => (
        <div key={i} className="paper-form__line" />
      ))}
    </div>
  );
}

export function PaperForm({ set, translation, language = 'en', large = false, teamName, preview = false }: Props) {
  const lang = translation ? translation.language : language;
  const other = lang !== 'en' && !lang.startsWith('en-');
  const dir = languageRTL(lang) ? 'rtl' : 'ltr';
  const t = (key: string) => setText(set, translation, key);
  // A text in the form's language, or its English (marked, and kept apart from the
  // right-to-left text around it) where the translation has none.
  const tx = (key: string, fallback = ''): ReactNode => {
    const own = translation?.texts?.[key];
    if (own || !other) return own || t(key) || fallback;
    return (
      <span lang="en" dir="ltr">
        {t(key) || fallback}
      </span>
    );
  };
  const questions = set.questions ?? [];
  const number = (id: string) => questions.findIndex((q) => q.id === id) + 1;

  const showIfText = (q: Question) => {
    const dep = questions.find((x) => x.id === q.showIf?.question);
    if (!dep || !q.showIf) return null;
    const words = q.showIf.answers.map((code, k) => (
      <span key={code}>
        {k > 0 ? ' or ' : ''}“<bdi>{t(`q.${dep.id}.${code === 'other' ? 'other' : `c.${code}`}`) || code}</bdi>”
      </span>
    ));
    return (
      <p className="paper-form__showif">
        <En other={other}>
          Answer this only if you answered {words} to question {number(dep.id)}.
        </En>
      </p>
    );
  };

  const instruction = (q: Question): string => {
    switch (q.type) {
      case QuestionType.multiple:
        return 'Tick all that apply.';
      case QuestionType.ranking:
        return `Write 1 in the box beside your first choice, 2 beside your second${q.pick > 2 ? `, up to ${q.pick}` : ''}.`;
      case QuestionType.number: {
        const range =
          q.min !== null && q.max !== null ? ` from ${q.min} to ${q.max}` : q.min !== null ? ` of ${q.min} or more` : q.max !== null ? ` up to ${q.max}` : '';
        return `Write a number${range}.`;
      }
      case QuestionType.text:
        return 'Write your answer in the space.';
      default:
        return 'Tick one box.';
    }
  };

  return (
    <article
      className={`paper-form${large ? ' paper-form--large' : ''}${preview ? ' paper-form--preview' : ''}`}
      lang={lang}
      dir={dir}
      data-testid="paper-form"
    >
      {teamName ? <p className="paper-form__team">{teamName}</p> : null}
      <h2 className="paper-form__title">{tx('name')}</h2>
      {set.purpose ? <p className="paper-form__purpose">{tx('purpose')}</p> : null}
      <ol className="paper-form__questions">
        {questions.map((q, i) => (
          <li key={q.id || i} className="paper-form__question" data-testid="paper-question">
            <h3 className="paper-form__question-text">
              <span className="paper-form__number">{i + 1}.</span> {tx(`q.${q.id}.text`)}
              {q.required ? null : (
                <span className="paper-form__optional">
                  {' '}
                  <En other={other}>(optional)</En>
                </span>
              )}
            </h3>
            {showIfText(q)}
            {q.help ? <p className="paper-form__help">{tx(`q.${q.id}.help`)}</p> : null}
            <p className="paper-form__instruction">
              <En other={other}>{instruction(q)}</En>
            </p>
            {hasChoices(q.type) ? (
              <ul className={`paper-form__choices${q.type === QuestionType.ranking ? ' paper-form__choices--ranking' : ''}`}>
                {(q.choices ?? []).map((c, j) => (
                  <li key={c.code || j}>
                    <Box />
                    {q.faces && q.choices.length === FACE_POINTS ? (
                      <span className="paper-form__face">
                        <RatingFace rating={j + 1} />
                      </span>
                    ) : null}{' '}
                    {tx(`q.${q.id}.c.${c.code}`, c.label)}
                  </li>
                ))}
                {q.other ? (
                  <li className="paper-form__other">
                    <Box /> {tx(`q.${q.id}.other`)}: <span className="paper-form__write" aria-hidden="true" />
                  </li>
                ) : null}
              </ul>
            ) : q.type === QuestionType.number ? (
              <div className="paper-form__number-boxes" aria-hidden="true">
                <Box />
                <Box />
                <Box />
                <Box />
              </div>
            ) : (
              <Lines n={large ? 3 : 4} />
            )}
            {q.preferNot ? (
              <p className="paper-form__prefer-not">
                <Box /> <En other={other}>Prefer not to say</En>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <p className="paper-form__thanks">
        <En other={other}>Thank you. Please hand this form back to a member of the team.</En>
      </p>
    </article>
  );
}
