// The side-by-side translation editor: for each key, the English on one side and a
// box for the language on the other (with its lang and dir, so Arabic and Urdu are
// typed right to left), the language's own name and "Reviewed by someone who reads
// this language". Used for a question set's words and for the kiosk's own words.
import { useState } from 'react';
import { Button } from 'nhsuk-react-components';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { SingleCheckbox, TextField } from '../components/fields';
import { fieldErrorMap } from '../lib/errors';
import { useSubmit } from '../lib/useSubmit';
import { languageRTL, type Translation } from '../lib/questions';
import './translate.scss';

export interface TextRow {
  key: string;
  /** What the text is, for people ("Question 2: the question"). */
  about: string;
  english: string;
  /** A longer text: a text area. */
  long?: boolean;
}

interface Props {
  rows: TextRow[];
  initial: Translation;
  onSubmit: (t: Translation) => Promise<unknown>;
  cancel: React.ReactNode;
}

/** The id of a key's box (Go's field is "texts.<key>"). */
export const boxId = (key: string) => `texts.${key}`;

export function TranslationEditor({ rows, initial, onSubmit, cancel }: Props) {
  const [name, setName] = useState(initial.languageName);
  const [reviewed, setReviewed] = useState(initial.reviewed);
  const [texts, setTexts] = useState<Record<string, string>>(initial.texts ?? {});
  const { saving, error, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const lang = initial.language;
  const dir = languageRTL(lang) ? 'rtl' : 'ltr';
  const setText = (key: string, value: string) => setTexts((old) => ({ ...old, [key]: value }));
  const done = rows.filter((r) => (texts[r.key] ?? '').trim()).length;

  const save = submit(() => {
    const kept: Record<string, string> = {};
    for (const r of rows) {
      const t = (texts[r.key] ?? '').trim();
      if (t) kept[r.key] = t;
    }
    return onSubmit({ ...initial, languageName: name.trim(), reviewed, texts: kept });
  });

  return (
    <form noValidate onSubmit={save} aria-label={`Translation into ${name || lang}`}>
      <FormErrorSummary error={error} />
      <TextField
        name="languageName"
        label="The language’s name, as its readers write it"
        width={20}
        value={name}
        onChange={setName}
        error={errs.languageName}
      />
      <p className="nhsuk-body-s">
        {done} of {rows.length} translated. A text left empty shows in English.
      </p>
      <div className="translation-editor" data-testid="translation-editor">
        <div className="translation-editor__head" aria-hidden="true">
          <span>English</span>
          <span lang={lang} dir={dir}>
            {name || lang}
          </span>
        </div>
        {rows.map((r) => {
          const id = boxId(r.key);
          const err = errs[id];
          return (
            <div key={r.key} className={`translation-editor__row nhsuk-form-group${err ? ' nhsuk-form-group--error' : ''}`}>
              <div className="translation-editor__english">
                <span className="nhsuk-caption-m">{r.about}</span>
                <p lang="en" dir="ltr" id={`${id}-en`} className="nhsuk-u-margin-bottom-0">
                  {r.english}
                </p>
              </div>
              <div className="translation-editor__box">
                <label className="nhsuk-label nhsuk-u-visually-hidden" htmlFor={id}>
                  {r.about}, in {name || lang}
                </label>
                {err ? (
                  <span className="nhsuk-error-message" id={`${id}-error`}>
                    <span className="nhsuk-u-visually-hidden">Error:</span> {err}
                  </span>
                ) : null}
                {r.long ? (
                  <textarea
                    className={`nhsuk-textarea${err ? ' nhsuk-textarea--error' : ''}`}
                    id={id}
                    name={id}
                    rows={3}
                    lang={lang}
                    dir={dir}
                    aria-describedby={`${id}-en${err ? ` ${id}-error` : ''}`}
                    value={texts[r.key] ?? ''}
                    onChange={(e) => setText(r.key, e.currentTarget.value)}
                  />
                ) : (
                  <input
                    className={`nhsuk-input${err ? ' nhsuk-input--error' : ''}`}
                    id={id}
                    name={id}
                    type="text"
                    lang={lang}
                    dir={dir}
                    aria-describedby={`${id}-en${err ? ` ${id}-error` : ''}`}
                    value={texts[r.key] ?? ''}
                    onChange={(e) => setText(r.key, e.currentTarget.value)}
                  />
                )}
              </div>
            </div>
          );
        })}
      </div>
      <SingleCheckbox
        name="reviewed"
        legend="Checked"
        label="Reviewed by someone who reads this language"
        hint="Leave it unticked until a reader of the language has checked every text"
        checked={reviewed}
        onChange={setReviewed}
        error={errs.reviewed}
      />
      <div className="nhsuk-button-group">
        <Button type="submit" disabled={saving}>
          Save translation
        </Button>
        {cancel}
      </div>
    </form>
  );
}
