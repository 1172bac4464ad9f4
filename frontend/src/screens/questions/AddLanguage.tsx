// "Add a language": a code and the language's own name, or one of the suggestions;
// opens the side-by-side editor of that language (nothing is saved until it is).
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from 'nhsuk-react-components';
import { TextField } from '../../components/fields';
import { LANGUAGE_SUGGESTIONS, validLanguageTag } from '../../questions/model';
import { languageRTL } from '../../lib/questions';

/** base: the editor's path without the language ("/question-sets/ID/translate"). */
export function AddLanguage({ base, have, exclude = [] }: { base: string; have: string[]; exclude?: string[] }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const navigate = useNavigate();
  const to = (c: string, n: string) => `${base}/${encodeURIComponent(c)}?name=${encodeURIComponent(n)}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim();
    if (!validLanguageTag(c)) {
      setError('Enter the language’s code, like es for Spanish or ar for Arabic');
      return;
    }
    if (exclude.includes(c.toLowerCase())) {
      setError('That language ships with the app and is not edited here');
      return;
    }
    navigate(to(c, name.trim()));
  };
  const suggestions = LANGUAGE_SUGGESTIONS.filter((s) => !have.includes(s.code) && !exclude.includes(s.code));
  return (
    <section aria-labelledby="add-language-heading">
      <h3 className="nhsuk-heading-s" id="add-language-heading">
        Add a language
      </h3>
      {suggestions.length ? (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {suggestions.map((s) => (
            <li key={s.code}>
              <Link to={to(s.code, s.name)}>
                <span lang={s.code} dir={languageRTL(s.code) ? 'rtl' : 'ltr'}>
                  {s.name}
                </span>{' '}
                ({s.english}, {s.code})
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <form noValidate onSubmit={submit} aria-label="Another language">
        <TextField
          name="languageCode"
          label="Another language’s code"
          hint="As in BCP 47: es, ar, ur, bn, pl, so, ti, pt-BR"
          width={10}
          value={code}
          onChange={setCode}
          error={error || undefined}
        />
        <TextField name="newLanguageName" label="Its name, as its readers write it" width={20} value={name} onChange={setName} />
        <Button type="submit" secondary>
          Add this language
        </Button>
      </form>
    </section>
  );
}
