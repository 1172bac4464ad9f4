// "Quick feedback" when there is no session today: pick a session or start one.
import { Link } from 'react-router';
import { ButtonLink } from '../components/ButtonLink';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { listSessions } from '../lib/backend';
import { formatDate } from '../lib/dates';
import { useLoad } from '../lib/useLoad';

export function QuickPickScreen() {
  const sessions = useLoad(() => listSessions({ projectId: '', limit: 20 }), []);
  if (sessions.error) return <LoadProblem title="Which session is this feedback for?" message={sessions.error.message} />;
  return (
    <>
      <PageHeading>Which session is this feedback for?</PageHeading>
      <p>There is no session today. Start a new one, or add the feedback to an earlier session.</p>
      <div className="nhsuk-button-group">
        <ButtonLink to="/sessions/new?then=quick">New session</ButtonLink>
      </div>
      {!sessions.data ? (
        <Loading />
      ) : sessions.data.length === 0 ? (
        <p>There are no sessions yet.</p>
      ) : (
        <>
          <h2 className="nhsuk-heading-m">Recent sessions</h2>
          <ul className="nhsuk-list nhsuk-list--border" data-testid="quick-pick">
            {sessions.data.map((s) => (
              <li key={s.id}>
                <Link to={`/sessions/${s.id}/quick`}>
                  {s.title || 'Untitled session'}
                  <span className="nhsuk-u-visually-hidden">,</span>
                </Link>{' '}
                <span className="nhsuk-u-secondary-text-colour">{formatDate(s.date)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
