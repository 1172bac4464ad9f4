// New outcome (#/projects/:id/outcomes/new) and edit (#/projects/:id/outcomes/:outcomeId/edit).
import { Link, useNavigate, useParams } from 'react-router';
import { BackLink } from 'nhsuk-react-components';
import { OutcomeForm, emptyOutcome, outcomeOf } from '../components/OutcomeForm';
import { LoadProblem, LoadingPage } from '../components/PageHeading';
import { FormPage } from '../components/FormPage';
import { createOutcome, listActions, listOutcomes, listSessions, updateOutcome } from '../lib/backend';
import { useFlash } from '../lib/flash';
import { useRefDataState } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import type { Outcome } from '../lib/types';

export function OutcomeEditScreen() {
  const { id = '', outcomeId } = useParams();
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const ref = useRefDataState();
  const outcome = useLoad<Outcome | undefined>(
    () =>
      outcomeId
        ? listOutcomes(id).then((os) => {
            const o = os.find((x) => x.id === outcomeId);
            if (!o) throw { code: 'not_found', message: 'This outcome no longer exists. It may have been deleted.' };
            return o;
          })
        : Promise.resolve(undefined),
    [id, outcomeId],
  );
  const sessions = useLoad(() => listSessions({ projectId: id, limit: 500 }), [id]);
  const actions = useLoad(() => listActions({ projectId: id }), [id]);
  const title = outcomeId ? 'Edit outcome' : 'New outcome';
  const back = `/projects/${id}`;

  if (outcome.error) {
    return (
      <>
        <BackLink asElement={Link} to={back}>
          Back
        </BackLink>
        <LoadProblem title={title} message={outcome.error.message} />
      </>
    );
  }
  if (outcome.loading || !ref.loaded || !sessions.data || !actions.data) {
    return <LoadingPage title={title} />;
  }
  const o = outcome.data;
  const initial = o ? outcomeOf(o) : emptyOutcome(id);
  const save = async (edited: Outcome) => {
    if (o) await updateOutcome(o.id, initial, edited);
    else await createOutcome(edited);
    showMessage(o ? 'Outcome saved.' : 'Outcome added.');
    navigate(back);
  };
  return (
    <FormPage back={back} title={title} caption="Outcomes and impact">
      <OutcomeForm initial={initial} refData={ref.data} sessions={sessions.data} actions={actions.data} onSubmit={save} cancelTo={back} />
    </FormPage>
  );
}
