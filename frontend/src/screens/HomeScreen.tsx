// Home: today's and recent sessions, headline counts, and the two ways in.
import { Link, useNavigate } from 'react-router';
import { Button, Card } from 'nhsuk-react-components';
import { ButtonLink } from '../components/ButtonLink';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { SessionStatusTag } from '../components/SessionStatusTag';
import { SessionTable } from '../components/SessionTable';
import { pickQuickSession } from '../lib/quickSession';
import { getHome } from '../lib/backend';
import { formatTimeRange, nowHM } from '../lib/dates';
import { useDataChanged } from '../lib/events';
import { labelOf, useRefData } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import type { Home, HomeCounts } from '../lib/types';
import { arrivedLaunchAnswer, launchAnswer } from '../lib/launch';

const COUNT_LABELS: { key: keyof HomeCounts; label: string }[] = [
  { key: 'projects', label: 'Projects' },
  { key: 'sessions', label: 'Sessions' },
  { key: 'feedback', label: 'Feedback items' },
  { key: 'feedbackToday', label: 'Feedback today' },
  { key: 'needsResponse', label: 'Need a response' },
];

export function HomeScreen() {
  const navigate = useNavigate();
  const ref = useRefData();
  // the launch's answer drawn in the first render when it is here already (no
  // "Loading…" frame before the counts)
  const home = useLoad(() => launchAnswer('home', getHome), [], {
    initial: () => arrivedLaunchAnswer<Home>('home'),
  });
  useDataChanged(() => home.reload());

  const quickFeedback = () => {
    const s = pickQuickSession(home.data?.today ?? [], nowHM());
    navigate(s ? `/sessions/${s.id}/quick` : '/quick');
  };

  if (home.error && !home.data) return <LoadProblem title="Home" message={home.error.message} />;

  return (
    <>
      <PageHeading>Home</PageHeading>
      <div className="nhsuk-button-group">
        <ButtonLink to="/sessions/new">New session</ButtonLink>
        <Button type="button" secondary onClick={quickFeedback} disabled={!home.data}>
          Quick feedback
        </Button>
      </div>

      {!home.data ? (
        <Loading />
      ) : (
        <>
          <h2 className="nhsuk-heading-m">At a glance</h2>
          <ul className="nhsuk-grid-row nhsuk-card-group" data-testid="home-counts">
            {COUNT_LABELS.map(({ key, label }) => (
              <li key={key} className="nhsuk-grid-column-one-third nhsuk-card-group__item">
                <div className="nhsuk-card">
                  <div className="nhsuk-card__content">
                    <p className="app-stat" data-testid={`count-${key}`}>
                      {home.data?.counts[key] ?? 0}
                    </p>
                    <p className="nhsuk-card__description">{label}</p>
                  </div>
                </div>
              </li>
            ))}
          </ul>

          <h2 className="nhsuk-heading-m">Today</h2>
          {home.data.today.length === 0 ? (
            <p>
              No sessions today. <Link to="/sessions/new">Add a session</Link> to start capturing.
            </p>
          ) : (
            <ul className="nhsuk-grid-row nhsuk-card-group" data-testid="today-sessions">
              {home.data.today.map((s) => (
                <li key={s.id} className="nhsuk-grid-column-one-half nhsuk-card-group__item">
                  <Card clickable>
                    <Card.Heading headingLevel="h3" className="nhsuk-heading-s">
                      <Card.Link asElement={Link} to={`/sessions/${s.id}`}>
                        {s.title || 'Untitled session'}
                      </Card.Link>
                    </Card.Heading>
                    <Card.Description>
                      {[formatTimeRange(s.startTime, ''), labelOf(ref.sessionTypes, s.type), s.projectName]
                        .filter(Boolean)
                        .join(' · ')}
                    </Card.Description>
                    <Card.Description>
                      {s.feedbackCount} feedback {s.feedbackCount === 1 ? 'item' : 'items'} <SessionStatusTag status={s.status} />
                    </Card.Description>
                  </Card>
                </li>
              ))}
            </ul>
          )}

          {home.data.recent.length > 0 ? (
            <SessionTable sessions={home.data.recent} caption="Recent sessions" />
          ) : (
            <>
              <h2 className="nhsuk-heading-m">Recent sessions</h2>
              <p>No sessions yet.</p>
            </>
          )}
          <p>
            <Link to="/sessions">All sessions</Link>
          </p>
        </>
      )}
    </>
  );
}
