// All sessions, newest first.
import { ButtonLink } from '../components/ButtonLink';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { SessionTable } from '../components/SessionTable';
import { listSessions } from '../lib/backend';
import { useDataChanged } from '../lib/events';
import { useLoad } from '../lib/useLoad';

export const SESSION_LIST_LIMIT = 500;

export function SessionsScreen() {
  const sessions = useLoad(() => listSessions({ projectId: '', limit: SESSION_LIST_LIMIT }), []);
  useDataChanged(() => sessions.reload(), ['session', 'feedback', 'project']);
  if (sessions.error && !sessions.data) return <LoadProblem title="Sessions" message={sessions.error.message} />;
  return (
    <>
      <PageHeading>Sessions</PageHeading>
      <div className="nhsuk-button-group">
        <ButtonLink to="/sessions/new">New session</ButtonLink>
      </div>
      {!sessions.data ? (
        <Loading />
      ) : sessions.data.length === 0 ? (
        <p>No sessions yet.</p>
      ) : (
        <SessionTable sessions={sessions.data} caption={`${sessions.data.length} ${sessions.data.length === 1 ? 'session' : 'sessions'}`} />
      )}
    </>
  );
}
