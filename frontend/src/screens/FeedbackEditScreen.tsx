// Add feedback (#/sessions/:id/feedback/new) and edit (#/sessions/:id/feedback/:feedbackId/edit).
// On a lead's laptop the edit page offers "Erase this comment" (#/feedback/:id/erase); an
// erased comment shows its placeholder and cannot be edited (Go refuses it).
import { Link, useNavigate, useParams } from 'react-router';
import { BackLink, InsetText } from 'nhsuk-react-components';
import { ButtonLink } from '../components/ButtonLink';
import { useRole } from '../components/Roles';
import { canErase } from '../lib/roles';
import { ERASED_TEXT } from '../lib/types';
import { FeedbackForm, feedbackInputOf, newFeedbackInput } from '../components/FeedbackForm';
import { LoadProblem, LoadingPage, PageHeading } from '../components/PageHeading';
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
  const { role, known } = useRole();
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
  if (item && item.text === ERASED_TEXT) {
    return (
      <>
        <BackLink asElement={Link} to={back}>Back</BackLink>
        <PageHeading caption={session.title || 'Untitled session'}>Erased feedback</PageHeading>
        <InsetText data-testid="feedback-erased">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p className="app-pre-wrap">{item.text}</p>
          <p>Its words were destroyed on every laptop and on the server. It cannot be changed.</p>
        </InsetText>
        <p className="nhsuk-body">
          <Link to={back}>Back to the session</Link>
        </p>
      </>
    );
  }
  const initial: FeedbackInput = item ? feedbackInputOf(item) : newFeedbackInput(session.id, ref.data);

  const save = async (input: FeedbackInput) => {
    const saved = item ? await updateFeedback(item.id, initial, input) : await createFeedback(input);
    showMessage(item ? 'Feedback saved.' : 'Feedback added.');
    navigate(`/sessions/${session.id}?feedback=${saved.id}`);
  };

  return (
    <FormPage back={back} title={title} caption={session.title || 'Untitled session'}>
      <FeedbackForm initial={initial} refData={ref.data} themes={themes} onSubmit={save} cancelTo={back} />
      {item && known && canErase(role) ? (
        <section aria-labelledby="erase-heading" data-testid="erase-section">
          <h2 className="nhsuk-heading-m" id="erase-heading">
            Erase
          </h2>
          <p className="nhsuk-body">
            If the person who gave it asks us to erase it, this destroys its words on every laptop and on the server, where
            a “you said” quotes them too. Its rating, themes and anonymous profile are kept. You will see what is destroyed
            before anything is done.
          </p>
          <ButtonLink to={`/feedback/${item.id}/erase?session=${session.id}`} warning>
            Erase this comment
          </ButtonLink>
        </section>
      ) : null}
    </FormPage>
  );
}
