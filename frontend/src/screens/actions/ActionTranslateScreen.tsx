// #/actions/:id/translate/:lang: an action's "you said" and "we did" in one language,
// side by side with the English (the question sets' editor), right to left for Arabic
// and Urdu, with "Reviewed by someone who reads this language". Changing the English
// later unticks "reviewed" (Go does it when the action is saved).
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { BackLink } from 'nhsuk-react-components';
import { LoadProblem, LoadingPage, PageHeading } from '../../components/PageHeading';
import { getAction, listActionTranslations, saveTranslation } from '../../lib/backend';
import { useFlash } from '../../lib/flash';
import { useLoad } from '../../lib/useLoad';
import type { Translation } from '../../lib/questions';
import type { Action } from '../../lib/types';
import { LANGUAGE_SUGGESTIONS, newTranslation } from '../../questions/model';
import { TranslationEditor, type TextRow } from '../../questions/TranslationEditor';
import { DeleteTranslation } from '../questions/TranslateScreen';

/** Translation.of for an action (involve.ActionOf). */
export const actionOf = (id: string) => `action:${id}`;

export function actionRows(a: Pick<Action, 'youSaid' | 'weDid'>): TextRow[] {
  return [
    { key: 'youSaid', about: 'You said', english: a.youSaid, long: true },
    { key: 'weDid', about: 'We did', english: a.weDid, long: true },
  ];
}

export function ActionTranslateScreen() {
  const { id = '', lang = '' } = useParams();
  const [params] = useSearchParams();
  const action = useLoad(() => getAction(id), [id]);
  const trs = useLoad(() => listActionTranslations(id), [id]);
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const back = `/actions/${id}/edit`;
  const title = 'Translate the action';
  const problem = action.error ?? trs.error;
  if (problem) return <LoadProblem title={title} message={problem.message} />;
  if (!action.data || !trs.data) return <LoadingPage title={title} />;
  const existing = trs.data.find((t) => t.language === lang);
  const name = existing?.languageName || params.get('name') || LANGUAGE_SUGGESTIONS.find((s) => s.code === lang)?.name || '';
  const initial = existing ?? newTranslation(actionOf(id), lang, name);
  const save = async (t: Translation) => {
    await saveTranslation({ ...t, of: actionOf(id), language: lang });
    showMessage(`The ${t.languageName || lang} translation is saved.`);
    navigate(back);
  };
  return (
    <>
      <BackLink asElement={Link} to={back}>
        Back
      </BackLink>
      <PageHeading caption="You said, we did">
        Translate into <span lang={lang}>{name || lang}</span>
      </PageHeading>
      {!action.data.weDid ? <p>Write what you did on the action first: it is the English to translate.</p> : null}
      <TranslationEditor
        key={`${id}-${lang}-${existing?.rev ?? 0}`}
        rows={actionRows(action.data)}
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
