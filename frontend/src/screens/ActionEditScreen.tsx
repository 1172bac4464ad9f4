// New action (#/actions/new?sessionId=…&feedback=id1,id2) and edit (#/actions/:id/edit),
// with Delete (undo in the banner) on edit.
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { BackLink, Button } from 'nhsuk-react-components';
import { actionOf, emptyAction } from '../lib/action';
import { ActionForm } from '../components/ActionForm';
import { ActionTranslations } from './actions/ActionTranslations';
import { LoadProblem, PageHeading, LoadingPage } from '../components/PageHeading';
import { createAction, deleteAction, getAction, listFeedback, listThemes, restoreAction, updateAction } from '../lib/backend';
import { toBackendError } from '../lib/errors';
import { useFlash } from '../lib/flash';
import { useRefDataState } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import type { Action, ActionFeedback, ActionView, BackendError, Feedback } from '../lib/types';

export function ActionEditScreen() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { showMessage, showUndo } = useFlash();
  const ref = useRefDataState();
  const [deleteError, setDeleteError] = useState<BackendError | null>(null);
  const action = useLoad<ActionView | undefined>(() => (id ? getAction(id) : Promise.resolve(undefined)), [id]);
  const sessionId = id ? (action.data?.sessionId ?? '') : (params.get('sessionId') ?? '');
  const sessionFeedback = useLoad<Feedback[]>(() => (sessionId ? listFeedback(sessionId) : Promise.resolve([])), [sessionId]);
  const themes = useLoad(() => listThemes(true), []);
  const title = id ? 'Edit action' : 'New action';
  const back = params.get('back') || (id ? '/actions' : sessionId ? `/sessions/${sessionId}` : '/actions');

  if (action.error) {
    return (
      <>
        <BackLink asElement={Link} to="/actions">
          Back
        </BackLink>
        <LoadProblem title={title} message={action.error.message} />
      </>
    );
  }
  if (action.loading || !ref.loaded || sessionFeedback.loading || !themes.data) {
    return <LoadingPage title={title} />;
  }
  const v = action.data;
  const feedbackIds = (params.get('feedback') ?? '').split(',').filter(Boolean);
  const initial: Action = v ? actionOf(v) : emptyAction({ sessionId, feedbackIds });
  const fb = sessionFeedback.data ?? [];
  let answered: ActionFeedback[] = v?.feedback ?? [];
  if (!v) {
    const picked = fb.filter((f) => feedbackIds.includes(f.id));
    if (!initial.youSaid && picked.length > 0) initial.youSaid = picked.map((f) => f.text).join('\n\n');
    answered = picked.map((f) => ({ id: f.id, sessionId: f.sessionId, sessionTitle: '', text: f.text, missing: false }));
  }

  const save = async (edited: Action) => {
    const saved = v ? await updateAction(v.id, initial, edited) : await createAction(edited);
    showMessage(v ? 'Action saved.' : 'Action added.');
    // Back on the board, focus goes to the action's card (ActionsScreen: ?saved= / ?added=).
    navigate(v ? (back === '/actions' ? `/actions?saved=${saved.id}` : back) : `/actions?added=${saved.id}`);
  };

  const onDelete = async () => {
    if (!v) return;
    setDeleteError(null);
    try {
      await deleteAction(v.id);
      showUndo(
        'Action deleted.',
        async () => {
          await restoreAction(v.id);
          return `/actions/${v.id}/edit`;
        },
        'Action restored.',
      );
      navigate('/actions');
    } catch (e) {
      setDeleteError(toBackendError(e));
    }
  };

  return (
    <>
      <BackLink asElement={Link} to={back}>
        Back
      </BackLink>
      <PageHeading caption="You said, we did">{title}</PageHeading>
      {deleteError ? (
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title">There is a problem</h2>
          <div className="nhsuk-error-summary__body">
            <p>{deleteError.message}</p>
          </div>
        </div>
      ) : null}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ActionForm
            key={v?.id ?? 'new'}
            initial={initial}
            answered={answered}
            sessionFeedback={fb}
            themes={themes.data}
            refData={ref.data}
            onSubmit={save}
            cancelTo={back}
          />
          {v ? <ActionTranslations actionId={v.id} /> : null}
          {v ? (
            <Button type="button" warning onClick={() => void onDelete()}>
              Delete action
            </Button>
          ) : null}
        </div>
      </div>
    </>
  );
}
