// The public feedback form: a comment, the Friends and Family Test question as large
// face-and-word cards, optional themes, optional anonymous "About you" questions and a
// plain-language privacy notice. Every word comes from the chosen locale.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Checkboxes, Details, Radios, Textarea } from 'nhsuk-react-components';
import { itemId, SelectField, toggle } from '../components/fields';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { submitKioskFeedback } from '../lib/backend';
import { toBackendError } from '../lib/errors';
import { useRefData } from '../lib/refdata';
import type { BackendError, FieldError, KioskFeedbackInput, KioskTheme, RefItem } from '../lib/types';
import type { ResponseInput } from '../lib/questions';
import { RatingFace } from './Faces';
import type { Translate } from './i18n';

/** The most characters a comment may have (Go's MaxFeedback). */
export const MAX_COMMENT = 20000;
/** Friends and Family Test answers, best first, then Don't know. */
export const RATINGS = [5, 4, 3, 2, 1, 0] as const;
export const KIOSK_FIELDS = ['text', 'rating', 'themes', 'ageBand', 'ethnicGroup', 'borough'] as const;

export const EMPTY_KIOSK_INPUT: KioskFeedbackInput = { text: '', rating: null, themes: [], ageBand: '', ethnicGroup: '', borough: '', responses: [] };

const ratingId = (i: number) => itemId('rating', i);

/** Reference items with their labels in the chosen language (Go's label when the locale has none). */
function translated(items: RefItem[], prefix: string, t: Translate): RefItem[] {
  return items.map((i) => ({ ...i, label: t(`${prefix}.${i.code}`, i.label) }));
}

function RatingCards({ value, onChange, error, t }: { value: number | null; onChange: (r: number | null) => void; error?: string; t: Translate }) {
  const describedBy = ['rating-hint', error ? 'rating-error' : ''].filter(Boolean).join(' ');
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
          <h2 className="nhsuk-fieldset__heading">{t('rating.legend')}</h2>
        </legend>
        <div className="nhsuk-hint" id="rating-hint">
          {t('rating.hint')}
        </div>
        {error ? (
          <span className="nhsuk-error-message" id="rating-error">
            <span className="nhsuk-u-visually-hidden">{t('errors.prefix')}:</span> {error}
          </span>
        ) : null}
        <div className="kiosk-ratings">
          {RATINGS.map((r, i) => (
            <div className="kiosk-rating" key={r}>
              <input
                className="kiosk-rating__input"
                type="radio"
                name="rating"
                id={ratingId(i)}
                value={String(r)}
                checked={value === r}
                onChange={() => onChange(r)}
              />
              <label className="kiosk-rating__label" htmlFor={ratingId(i)}>
                <RatingFace rating={r} />
                <span className="kiosk-rating__text">{t(`rating.${r}`)}</span>
                <span className="kiosk-rating__tick" aria-hidden="true">
                  ✓ {t('rating.selected')}
                </span>
              </label>
            </div>
          ))}
        </div>
        {value !== null ? (
          <button
            type="button"
            className="kiosk-link-button"
            onClick={() => {
              onChange(null);
              document.getElementById(ratingId(0))?.focus();
            }}
          >
            {t('rating.clear')}
          </button>
        ) : null}
      </fieldset>
    </div>
  );
}

function PrivacyNotice({ t }: { t: Translate }) {
  return (
    <section className="kiosk-privacy" aria-labelledby="kiosk-privacy-title" data-testid="kiosk-privacy">
      <h2 className="nhsuk-heading-m" id="kiosk-privacy-title">
        {t('privacy.title')}
      </h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>{t('privacy.kept')}</li>
        <li>{t('privacy.anonymous')}</li>
        <li>{t('privacy.use')}</li>
        <li>{t('privacy.stored')}</li>
        <li>{t('privacy.questions')}</li>
      </ul>
    </section>
  );
}

/** Problems found before asking Go, in the chosen language. With answers to the
 * session's questions the comment is optional. */
function check(v: KioskFeedbackInput, t: Translate, answered: boolean): FieldError[] {
  const out: FieldError[] = [];
  const text = v.text.trim();
  if (!text && !answered) out.push({ field: 'text', message: t('errors.text') });
  else if ([...text].length > MAX_COMMENT) out.push({ field: 'text', message: t('errors.textTooLong') });
  return out;
}

/** Go's field errors, put into the chosen language. */
function translateFields(fields: FieldError[], v: KioskFeedbackInput, t: Translate): FieldError[] {
  return fields.map((f) => {
    if (f.field === 'text') return { field: 'text', message: v.text.trim() ? t('errors.textTooLong') : t('errors.text') };
    if ((KIOSK_FIELDS as readonly string[]).includes(f.field)) return { field: f.field, message: t(`errors.${f.field}`, f.message) };
    return { field: '', message: t('errors.notSaved') };
  });
}

/** The last screen after the session's questions (KioskQuestions). */
export interface KioskFormQuestions {
  /** The answers, one response per set answered (sent with the comment). */
  responses: ResponseInput[];
  /** Ask the Friends and Family Test rating. */
  fft: boolean;
  /** What was typed here before going back to the questions. */
  draft?: KioskFeedbackInput;
  onDraft: (v: KioskFeedbackInput) => void;
  onBack: () => void;
  /** Go's errors on the answers: takes the person back to the question (true if it did). */
  onAnswerErrors: (fields: FieldError[], sent: ResponseInput[]) => boolean;
}

/** The public form. Without `questions` it is the whole kiosk form as it always was;
 * with them it is the last screen after the session's questions: the comment
 * (optional), the rating when the session asks it, themes, about you, privacy, send. */
export function KioskForm({ t, themes, onSent, questions }: { t: Translate; themes: KioskTheme[]; onSent: () => void; questions?: KioskFormQuestions }) {
  const ref = useRefData();
  const [v, setV] = useState<KioskFeedbackInput>(questions?.draft ?? EMPTY_KIOSK_INPUT);
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [failed, setFailed] = useState(false); // saved nothing, not the person's fault
  const [sending, setSending] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const set = <K extends keyof KioskFeedbackInput>(k: K) => (value: KioskFeedbackInput[K]) => setV((old) => ({ ...old, [k]: value }));

  useEffect(() => headingRef.current?.focus({ preventScroll: true }), []);
  const onDraft = questions?.onDraft;
  useEffect(() => onDraft?.(v), [v, onDraft]);
  const responses = questions?.responses ?? [];
  const showRating = !questions || questions.fft;

  const errs: Record<string, string> = {};
  for (const p of problems) if (p.field && !errs[p.field]) errs[p.field] = p.message;
  const summary: BackendError | null =
    problems.length > 0 || failed
      ? { code: 'invalid', message: t('errors.notSaved'), fields: failed ? [] : problems.filter((p) => p.field) }
      : null;
  const aboutError = !!(errs.ageBand || errs.ethnicGroup || errs.borough);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const found = check(v, t, responses.length > 0);
    setFailed(false);
    setProblems(found);
    if (found.length > 0) return;
    setSending(true);
    try {
      await submitKioskFeedback({ ...v, text: v.text.trim(), rating: showRating ? v.rating : null, responses });
      onSent();
    } catch (err) {
      const be = toBackendError(err);
      if (be.code === 'invalid' && questions?.onAnswerErrors(be.fields ?? [], responses)) return;
      const fields = be.code === 'invalid' ? translateFields(be.fields ?? [], v, t).filter((f) => f.field) : [];
      if (fields.length > 0) setProblems(fields);
      else setFailed(true);
      setSending(false);
    }
  };

  return (
    <form noValidate onSubmit={submit} data-testid="kiosk-form">
      <h1 ref={headingRef} tabIndex={-1} className="nhsuk-heading-xl kiosk-heading">
        {questions ? t('questions.lastTitle') : t('page.title')}
      </h1>
      <p className="nhsuk-body-l">{questions ? t('questions.lastIntro') : t('page.intro')}</p>

      <FormErrorSummary error={summary} title={t('errors.title')} knownFields={KIOSK_FIELDS} />

      <Textarea
        id="text"
        name="text"
        label={t('text.label')}
        labelProps={{ size: 'm' }}
        hint={t('text.hint')}
        rows={6}
        spellCheck
        value={v.text}
        error={errs.text}
        errorProps={{ visuallyHiddenText: `${t('errors.prefix')}:` }}
        onChange={(e) => set('text')(e.currentTarget.value)}
      />

      {showRating ? <RatingCards value={v.rating} onChange={set('rating')} error={errs.rating} t={t} /> : null}

      {themes.length > 0 ? (
        <Checkboxes
          name="themes"
          id="themes-group"
          legend={t('themes.legend')}
          legendProps={{ size: 'm' }}
          hint={t('themes.hint')}
          error={errs.themes}
          errorProps={{ visuallyHiddenText: `${t('errors.prefix')}:` }}
          className="kiosk-columns"
        >
          {themes.map((th, i) => (
            <Checkboxes.Item
              key={th.id}
              id={itemId('themes', i)}
              value={th.id}
              checked={v.themes.includes(th.id)}
              onChange={() => set('themes')(toggle(v.themes, th.id))}
            >
              {th.label}
            </Checkboxes.Item>
          ))}
        </Checkboxes>
      ) : null}

      <Details open={aboutError || undefined} className="kiosk-about">
        <Details.Summary>{t('about.summary')}</Details.Summary>
        <Details.Text>
          <p>{t('about.intro')}</p>
          {(
            [
              ['ageBand', t('ageBand.legend'), ref.ageBands],
              ['ethnicGroup', t('ethnicGroup.legend'), ref.ethnicGroups],
            ] as const
          )
            // A radio group with no inputs makes nhsuk-frontend throw: never render one.
            .filter(([, , items]) => items.length > 0)
            .map(([name, legend, items]) => (
              <Radios
                key={name}
                name={name}
                id={`${name}-group`}
                legend={legend}
                legendProps={{ size: 's' }}
                error={errs[name]}
                errorProps={{ visuallyHiddenText: `${t('errors.prefix')}:` }}
              >
                {translated(items, name, t).map((a, i) => (
                  <Radios.Item key={a.code} id={itemId(name, i)} value={a.code} checked={v[name] === a.code} onChange={() => set(name)(a.code)}>
                    {a.label}
                  </Radios.Item>
                ))}
              </Radios>
            ))}
          <SelectField
            name="borough"
            label={t('borough.label')}
            items={translated(ref.boroughs, 'borough', t).map(({ code, label }) => ({ code, label }))}
            value={v.borough}
            onChange={set('borough')}
            error={errs.borough}
            blankLabel={t('borough.blank')}
          />
        </Details.Text>
      </Details>

      <PrivacyNotice t={t} />

      <div className="kiosk-actions">
        <Button type="submit" disabled={sending} className="kiosk-submit">
          {sending ? t('sending') : t('submit')}
        </Button>
        {questions ? (
          <Button type="button" secondary onClick={questions.onBack} className="kiosk-back">
            {t('questions.back')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
