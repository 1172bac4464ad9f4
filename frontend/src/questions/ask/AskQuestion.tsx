// One question of a question set, asked: free text, single choice (with "Other, please
// say"), multiple choice, yes / no / not sure, a scale (labelled points, optional
// faces), ranking ("pick your top N", by ticking in order: no dragging) and number, each
// with its help text and "Prefer not to say" where the set offers it. The set's words
// come in the chosen language through setText, marked with lang and dir (a word the
// translation lacks is shown in English, marked lang="en"); the form's own words
// ("or", "Prefer not to say", ranking's) come from the kiosk's words (`t`).
//
// Used by the kiosk (one question per screen, `large`), quick capture (inline, `keys`)
// and the set builder's kiosk preview. The markup is NHS.UK's radios, checkboxes, text
// input and textarea, written out (no nhsuk-frontend script runs on it).
import type { ReactNode, Ref } from 'react';
import { RatingFace } from '../../kiosk/Faces';
import { DEFAULT_LOCALE, fill, findLocale, translator, type Translate } from '../../kiosk/i18n';
import {
  CHOICE_OTHER,
  languageRTL,
  QuestionType,
  setText,
  type Answer,
  type Question,
  type QuestionSet,
  type Translation,
} from '../../lib/questions';
import { choicesOf, numberRangeKey, parseNumber } from './answers';
import './ask.scss';

const english = translator(findLocale(DEFAULT_LOCALE));

export interface AskQuestionProps {
  /** The set version the question belongs to (its English words). */
  set: QuestionSet;
  /** The set's words in the chosen language (undefined: English). */
  translation?: Translation;
  /** The question to ask (one of set.questions). */
  question: Question;
  /** The answer so far (undefined: not answered). A number question keeps what was
   * typed in `text` beside `number`; cleanAnswers drops it before sending. */
  answer: Answer | undefined;
  /** Called with the new answer, or undefined when the person clears it. */
  onChange: (answer: Answer | undefined) => void;
  /** Makes every id unique on the page: the first input's id is `${idPrefix}-${question.id}`
   * (askId), so an error summary can link to it. */
  idPrefix: string;
  /** Kiosk size: large targets and the question as the page's h1 (one question per screen). */
  large?: boolean;
  /** The kiosk's own words in the chosen language ("Prefer not to say", "or", ranking's
   * words, errors); English when not given. */
  t?: Translate;
  /** An error to show on the question, already in the person's language. */
  error?: string;
  /** Quick capture: show each choice's number key (1–9), O for Other and P for Prefer not to say. */
  keys?: boolean;
  /** Above the question, e.g. "Question 3 of 6" (kiosk). */
  caption?: string;
  /** The question's heading (large only), e.g. to move focus to it on a new screen. */
  headingRef?: Ref<HTMLHeadingElement>;
}

/** The id of a question's first input (links from an error summary, focus on Enter). */
export const askId = (idPrefix: string, questionId: string) => `${idPrefix}-${questionId}`;

function Key({ k }: { k: string }) {
  return (
    <kbd className="app-kbd app-ask__key" aria-hidden="true">
      {k}
    </kbd>
  );
}

export function AskQuestion({ set, translation, question: q, answer, onChange, idPrefix, large, t = english, error, keys, caption, headingRef }: AskQuestionProps) {
  const lang = translation?.language || DEFAULT_LOCALE;
  const dir = languageRTL(lang) ? 'rtl' : 'ltr';
  const base = askId(idPrefix, q.id);
  const hintId = `${base}-hint`;
  const errorId = `${base}-error`;

  // The set's words: the translation's, else English marked as such.
  const words = (key: string): ReactNode => {
    const text = setText(set, translation, key);
    if (translation && lang !== DEFAULT_LOCALE && !translation.texts?.[key] && text) {
      return (
        <span lang="en" dir="ltr">
          {text}
        </span>
      );
    }
    return text;
  };
  const help = setText(set, translation, `q.${q.id}.help`);
  const choices = choicesOf(q);
  const chosen = answer?.preferNot ? [] : (answer?.choices ?? []);
  const preferNot = !!answer?.preferNot;

  // What to do, beside the help text.
  let how = '';
  if (q.type === QuestionType.multiple) how = t('ask.multipleHint');
  if (q.type === QuestionType.ranking) how = fill(t('ask.rankHint'), { n: q.pick || choices.length });
  if (q.type === QuestionType.number) how = fill(t(numberRangeKey(q, 'ask.number')), { min: q.min ?? '', max: q.max ?? '' });

  const describedBy = [help || how ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const hint =
    help || how ? (
      <div className="nhsuk-hint" id={hintId}>
        {help ? <span className="app-ask__help">{words(`q.${q.id}.help`)}</span> : null}
        {help && how ? ' ' : null}
        {how ? (
<span className="app-ask__how" dir="auto">
            {how}
          </span>
        ) : null}
      </div>
    ) : null;
  const errorLine = error ? (
    <span className="nhsuk-error-message" id={errorId}>
      <span className="nhsuk-u-visually-hidden">{t('errors.prefix')}:</span> {error}
    </span>
  ) : null;
  const title = (
    <>
      {caption ? <span className="nhsuk-caption-m app-ask__caption">{caption}</span> : null}
      {words(`q.${q.id}.text`)}
    </>
  );
  const groupClass = `nhsuk-form-group app-ask${large ? ' app-ask--large' : ''}${error ? ' nhsuk-form-group--error' : ''}`;
  const preferLabel = (
    <>
      {t('ask.preferNot')}
      {keys ? <Key k="P" /> : null}
    </>
  );

  // ---- free text and number: a label, a box, and "Prefer not to say" below ----
  if (q.type === QuestionType.text || q.type === QuestionType.number) {
    const labelClass = `nhsuk-label${large ? ' nhsuk-label--l' : ' nhsuk-label--s'}`;
    const label = large ? (
      <h1 className="nhsuk-label-wrapper" ref={headingRef} tabIndex={-1}>
        <label className={labelClass} htmlFor={base}>
          {title}
        </label>
      </h1>
    ) : (
      <label className={labelClass} htmlFor={base}>
        {title}
      </label>
    );
    const value = preferNot ? '' : (answer?.text ?? (answer?.number !== undefined ? String(answer.number) : ''));
    const change = (raw: string) => {
      if (raw === '') return onChange(undefined);
      if (q.type === QuestionType.text) return onChange({ q: q.id, text: raw });
      const n = parseNumber(raw);
      onChange(Number.isFinite(n) ? { q: q.id, number: n, text: raw } : { q: q.id, text: raw });
    };
    return (
      <div className={groupClass} lang={lang} dir={dir} data-testid={`ask-${q.id}`}>
        {label}
        {hint}
        {errorLine}
        {q.type === QuestionType.text ? (
          <textarea
            className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
            id={base}
            name={base}
            rows={large ? 5 : 2}
            spellCheck
            aria-describedby={describedBy}
            value={value}
            onChange={(e) => change(e.currentTarget.value)}
          />
        ) : (
          <input
            className={`nhsuk-input nhsuk-input--width-5${error ? ' nhsuk-input--error' : ''}`}
            id={base}
            name={base}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={describedBy}
            value={value}
            onChange={(e) => change(e.currentTarget.value)}
          />
        )}
        {q.preferNot ? (
          <div className="nhsuk-checkboxes app-ask__prefer">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id={`${base}-prefer`}
                name={`${base}-prefer`}
                type="checkbox"
                checked={preferNot}
                aria-keyshortcuts={keys ? 'P' : undefined}
                onChange={(e) => onChange(e.currentTarget.checked ? { q: q.id, preferNot: true } : undefined)}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${base}-prefer`}>
                {preferLabel}
              </label>
            </div>
          </div>
        ) : null}
      </div>
    );
  }

  // ---- choices: radios (one answer) or checkboxes (several; ranking in order) ----
  const several = q.type === QuestionType.multiple || q.type === QuestionType.ranking;
  const kind = several ? 'checkboxes' : 'radios';
  const inputType = several ? 'checkbox' : 'radio';
  const ranking = q.type === QuestionType.ranking;
  const max = q.pick || choices.length;
  const faces = q.type === QuestionType.scale && q.faces && choices.length === 5;
  const otherText = chosen.includes(CHOICE_OTHER) ? (answer?.text ?? '') : '';

  const choose = (code: string) => {
    if (!several) {
      onChange({ q: q.id, choices: [code], ...(code === CHOICE_OTHER && answer?.text ? { text: answer.text } : {}) });
      return;
    }
    let next: string[];
    if (chosen.includes(code)) next = chosen.filter((c) => c !== code);
    else if (ranking && chosen.length >= max) return; // full: untick one first (said below)
    else next = [...chosen, code];
    if (next.length === 0) return onChange(undefined);
    onChange({ q: q.id, choices: next, ...(next.includes(CHOICE_OTHER) && answer?.text ? { text: answer.text } : {}) });
  };

  const items: { code: string; label: ReactNode; key?: string; id: string }[] = choices.map((c, i) => ({
    code: c.code,
    label: words(`q.${q.id}.c.${c.code}`),
    key: keys && i < 9 ? String(i + 1) : undefined,
    id: i === 0 ? base : `${base}-${i + 1}`,
  }));
  if (q.other && (q.type === QuestionType.single || q.type === QuestionType.multiple)) {
    items.push({ code: CHOICE_OTHER, label: words(`q.${q.id}.other`), key: keys ? 'O' : undefined, id: `${base}-other` });
  }

  return (
    <div className={groupClass} lang={lang} dir={dir} data-testid={`ask-${q.id}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${large ? 'l' : 's'}`}>
          {large ? (
            <h1 className="nhsuk-fieldset__heading" ref={headingRef} tabIndex={-1}>
              {title}
            </h1>
          ) : (
            title
          )}
        </legend>
        {hint}
        {errorLine}
        <div className={`nhsuk-${kind}${faces ? ' app-ask__faces' : ''}`}>
          {items.map((it, i) => {
            const checked = chosen.includes(it.code);
            const rank = ranking && checked ? chosen.indexOf(it.code) + 1 : 0;
            return (
              <div key={it.code} className="app-ask__card">
                <div className={`nhsuk-${kind}__item`}>
                  <input
                    className={`nhsuk-${kind}__input`}
                    id={it.id}
                    name={several ? `${base}-${it.code}` : base}
                    type={inputType}
                    value={it.code}
                    checked={checked}
                    aria-keyshortcuts={it.key}
                    aria-controls={it.code === CHOICE_OTHER && checked ? `${base}-other-box` : undefined}
                    onChange={() => choose(it.code)}
                  />
                  <label className={`nhsuk-label nhsuk-${kind}__label`} htmlFor={it.id}>
                    {faces ? <RatingFace rating={i + 1} /> : null}
                    <span className="app-ask__label">{it.label}</span>
                    {rank > 0 ? <strong className="app-ask__rank"> {fill(t('ask.rankBadge'), { n: rank })}</strong> : null}
                    {it.key ? <Key k={it.key} /> : null}
                  </label>
                </div>
                {it.code === CHOICE_OTHER && checked ? (
                  <div className={`nhsuk-${kind}__conditional`} id={`${base}-other-box`}>
                    <div className="nhsuk-form-group">
                      <label className="nhsuk-label" htmlFor={`${base}-other-text`}>
                        {t('ask.otherLabel')}
                      </label>
                      <input
                        className="nhsuk-input"
                        id={`${base}-other-text`}
                        name={`${base}-other-text`}
                        type="text"
                        autoComplete="off"
                        value={otherText}
                        onChange={(e) => {
                          const text = e.currentTarget.value;
                          onChange({ q: q.id, choices: chosen, ...(text ? { text } : {}) });
                        }}
                      />
                    </div>
                  </div>
                ) : null}
              </div>
            );
          })}
          {q.preferNot ? (
            <>
              <div className={`nhsuk-${kind}__divider`}>{t('ask.or')}</div>
              <div className="app-ask__card">
              <div className={`nhsuk-${kind}__item`}>
                <input
                  className={`nhsuk-${kind}__input`}
                  id={`${base}-prefer`}
                  name={several ? `${base}-prefer` : base}
                  type={inputType}
                  value="prefer_not_say"
                  checked={preferNot}
                  aria-keyshortcuts={keys ? 'P' : undefined}
                  onChange={() => onChange(several && preferNot ? undefined : { q: q.id, preferNot: true })}
                />
                <label className={`nhsuk-label nhsuk-${kind}__label`} htmlFor={`${base}-prefer`}>
                  {preferLabel}
                </label>
              </div>
              </div>
            </>
          ) : null}
        </div>
        {ranking && chosen.length > 0 ? (
          <p className="app-ask__order" aria-live="polite">
            <span dir="auto">{t('ask.rankOrder')}</span>{' '}
            {chosen.map((c, i) => (
              <span key={c}>
                {i > 0 ? ', ' : ''}
                {i + 1}. {c === CHOICE_OTHER ? words(`q.${q.id}.other`) : words(`q.${q.id}.c.${c}`)}
              </span>
            ))}
            {chosen.length >= max ? (
              <span className="app-ask__full" dir="auto">
                {fill(t('ask.rankFull'), { n: max })}
              </span>
            ) : null}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
