// #/question-sets/:id/translate/:lang: a set version's words in one language, side by
// side with the English (keys in QuestionSet.TextKeys order).
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { BackLink, Button } from 'nhsuk-react-components';
import { LoadProblem, LoadingPage, PageHeading } from '../../components/PageHeading';
import { deleteTranslation, getQuestionSet, saveTranslation } from '../../lib/backend';
import { toBackendError } from '../../lib/errors';
import { useFlash } from '../../lib/flash';
import { useLoad } from '../../lib/useLoad';
import { setText, type QuestionSet, type Translation } from '../../lib/questions';
import { describeKey, LANGUAGE_SUGGESTIONS, newTranslation, textKeys } from '../../questions/model';
import { TranslationEditor, type TextRow } from '../../questions/TranslationEditor';

export function setRows(set: QuestionSet): TextRow[] {
  return textKeys(set).map((key) => ({
    key,
    about: describeKey(set, key),
    english: setText(set, undefined, key),
    long: key === 'purpose' || key.endsWith('.help') || key.endsWith('.text'),
  }));
}

export function DeleteTranslation({ t, back }: { t: Translation; back: string }) {
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const [error, setError] = useState('');
  const run = async () => {
    try {
      await deleteTranslation(t.id);
      showMessage('The translation is deleted.');
      navigate(back);
    } catch (e) {
      setError(toBackendError(e).message);
    }
  };
  return (
    <>
      {error ? <p className="nhsuk-error-message">{error}</p> : null}
      <Button type="button" warning onClick={() => void run()}>
        Delete this translation
      </Button>
    </>
  );
}

export function TranslateScreen() {
  const { id = '', lang = '' } = useParams();
  const [params] = useSearchParams();
  const view = useLoad(() => getQuestionSet(id), [id]);
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const back = `/question-sets/${id}`;
  const title = 'Translate the question set';
  if (view.error) return <LoadProblem title={title} message={view.error.message} />;
  if (!view.data) return <LoadingPage title={title} />;
  const set = view.data.set;
  const existing = (view.data.translations ?? []).find((t) => t.language === lang);
  const name = existing?.languageName || params.get('name') || LANGUAGE_SUGGESTIONS.find((s) => s.code === lang)?.name || '';
  const initial = existing ?? newTranslation(set.id, lang, name);
  const save = async (t: Translation) => {
    await saveTranslation({ ...t, of: set.id, language: lang });
    showMessage(`The ${t.languageName || lang} translation is saved.`);
    navigate(back);
  };
  return (
    <>
      <BackLink asElement={Link} to={back}>
        Back
      </BackLink>
      <PageHeading caption={`${set.name}, version ${set.version}`}>
        Translate into <span lang={lang}>{name || lang}</span>
      </PageHeading>
      {!view.data.newest ? <p>This is an older version of the set; its translation is kept with it.</p> : null}
      <TranslationEditor
        key={`${set.id}-${lang}-${existing?.rev ?? 0}`}
        rows={setRows(set)}
        initial={initial}
        onSubmit={save}
        cancel={
          <Link className="nhsuk-link" to={back}>
            Cancel
          </Link>
        }
      />
      {existing ? <DeleteTranslation t={existing} back={back} /> : null}
    </>
  );
}
