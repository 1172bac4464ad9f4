// Add feedback (#/sessions/:id/feedback/new) and edit (#/sessions/:id/feedback/:feedbackId/edit).
import { Link, useNavigate, useParams } from 'react-router';
import { BackLink } from 'nhsuk-react-components';
import { FeedbackForm, feedbackInputOf, newFeedbackInput } from '../components/FeedbackForm';
import { LoadProblem, LoadingPage } from '../components/PageHeading';
import { FormPage } from '../components/FormPage';
import { createFeedback, getSession, listFeedback, listThemes, updateFeedback } from '../lib/backend';
import { useFlash } from '../lib/flash';
import { useRefDataState } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import type { Feedback, FeedbackInput, Session, Theme } from '../lib/types';

export function FeedbackEditScreen() {
  const { id = '', feedbackId } = useParams();
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const ref = useRefDataState();
  const loaded = useLoad<{ session: Session; themes: Theme[]; item?: Feedback }>(async () => {
    const [session, themes, items] = await Promise.all([
      getSession(id),
      listThemes(true),
      feedbackId ? listFeedback(id) : Promise.resolve([] as Feedback[]),
    ]);
    const item = feedbackId ? items.find((f) => f.id === feedbackId) : undefined;
    if (feedbackId && !item) throw { code: 'not_found', message: 'This feedback no longer exists. It may have been deleted.' };
    return { session, themes, item };
  }, [id, feedbackId]);

  const title = feedbackId ? 'Edit feedback' : 'Add feedback';
  const back = `/sessions/${id}`;
  if (loaded.error) {
    return (
      <>
        <BackLink asElement={Link} to={back}>Back</BackLink>
        <LoadProblem title={title} message={loaded.error.message} />
      </>
    );
  }
  if (!loaded.data || !ref.loaded) {
    return <LoadingPage title={title} />;
  }
  const { session, themes, item } = loaded.data;
  const initial: FeedbackInput = item ? feedbackInputOf(item) : newFeedbackInput(session.id, ref.data);

  const save = async (input: FeedbackInput) => {
    const saved = item ? await updateFeedback(item.id, initial, input) : await createFeedback(input);
    showMessage(item ? 'Feedback saved.' : 'Feedback added.');
    navigate(`/sessions/${session.id}?feedback=${saved.id}`);
  };

  return (
    <FormPage back={back} title={title} caption={session.title || 'Untitled session'}>
      <FeedbackForm initial={initial} refData={ref.data} themes={themes} onSubmit={save} cancelTo={back} />
    </FormPage>
  );
}
