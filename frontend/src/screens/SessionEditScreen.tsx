// New session (#/sessions/new?projectId=…&then=quick) and edit (#/sessions/:id/edit).
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { LoadProblem, LoadingPage } from '../components/PageHeading';
import { FormPage } from '../components/FormPage';
import { SessionForm, newSessionInput, sessionInputOf } from '../components/SessionForm';
import { createSession, getSession, listProjects, updateSession } from '../lib/backend';
import { useFlash } from '../lib/flash';
import { useRefDataState } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import type { Project, Session, SessionInput } from '../lib/types';

export function SessionEditScreen() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const ref = useRefDataState();
  const loaded = useLoad<{ projects: Project[]; session?: Session }>(async () => {
    const [projects, session] = await Promise.all([listProjects(), id ? getSession(id) : Promise.resolve(undefined)]);
    return { projects, session };
  }, [id]);

  const title = id ? 'Edit session' : 'New session';
  if (loaded.error) return <LoadProblem title={title} message={loaded.error.message} />;
  if (!loaded.data || !ref.loaded) {
    return <LoadingPage title={title} />;
  }
  const { projects, session } = loaded.data;
  const initial: SessionInput = session ? sessionInputOf(session) : newSessionInput(ref.data, params.get('projectId') ?? '');
  const cancelTo = session ? `/sessions/${session.id}` : '/';

  const save = async (input: SessionInput) => {
    if (session) {
      await updateSession(session.id, initial, input);
      showMessage('Session saved.');
      navigate(`/sessions/${session.id}`);
    } else {
      const created = await createSession(input);
      showMessage('Session added.');
      navigate(params.get('then') === 'quick' ? `/sessions/${created.id}/quick` : `/sessions/${created.id}`);
    }
  };

  return (
    <FormPage back={cancelTo} title={title}>
      <SessionForm initial={initial} refData={ref.data} projects={projects} onSubmit={save} cancelTo={cancelTo} statusFollowsDate={!session} />
    </FormPage>
  );
}
