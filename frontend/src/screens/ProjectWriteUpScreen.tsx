// #/projects/:id/write-up: the project's GRIPP2 short form (aim, methods, results,
// discussion, reflections), assembled in Go from what is stored.
import { Link, useParams } from 'react-router';
import { BackLink } from 'nhsuk-react-components';
import { LoadProblem, PageHeading, LoadingPage } from '../components/PageHeading';
import { getProjectWriteUp } from '../lib/backend';
import { useDataChanged } from '../lib/events';
import { useLoad } from '../lib/useLoad';

const PARTS = [
  { key: 'aim', n: 1, title: 'Aim', hint: 'The aim of involvement in this project' },
  { key: 'methods', n: 2, title: 'Methods', hint: 'Who was involved and how: sessions, level of involvement, people reached' },
  { key: 'results', n: 3, title: 'Results', hint: 'The outcomes of involvement' },
  { key: 'discussion', n: 4, title: 'Discussion', hint: 'How involvement influenced decisions' },
  { key: 'reflections', n: 5, title: 'Reflections', hint: 'What went well and what could be improved' },
] as const;

export function ProjectWriteUpScreen() {
  const { id = '' } = useParams();
  const w = useLoad(() => getProjectWriteUp(id), [id]);
  useDataChanged(() => w.reload(), ['project', 'session', 'action', 'outcome', 'feedback']);
  const back = (
    <BackLink asElement={Link} to={`/projects/${id}`}>
      Back to the project
    </BackLink>
  );
  if (w.error && !w.data) {
    return (
      <>
        {back}
        <LoadProblem title="Write-up (GRIPP2)" message={w.error.message} />
      </>
    );
  }
  if (!w.data) {
    return <LoadingPage title="Write-up (GRIPP2)" />;
  }
  const d = w.data;
  return (
    <>
      {back}
      <PageHeading caption={d.project || 'Untitled project'}>Write-up (GRIPP2)</PageHeading>
      <p>
        The GRIPP2 short form for reporting patient and public involvement, put together from this project’s aim, sessions,
        actions and outcomes. To change it, change those records.
      </p>
      <dl className="nhsuk-summary-list" data-testid="gripp2">
        {PARTS.map((p) => (
          <div className="nhsuk-summary-list__row" key={p.key} data-testid={`gripp2-${p.key}`}>
            <dt className="nhsuk-summary-list__key">
              {p.n}. {p.title}
              <span className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-display-block nhsuk-u-font-weight-normal">{p.hint}</span>
            </dt>
            <dd className="nhsuk-summary-list__value app-pre-wrap">{d[p.key]}</dd>
          </div>
        ))}
      </dl>
      <h2 className="nhsuk-heading-m">Sessions</h2>
      {d.sessions.length === 0 ? (
        <p>No sessions in this project yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {d.sessions.map((s) => (
            <li key={s.id}>
              <Link to={`/sessions/${s.id}/write-up`}>{s.title || 'Untitled session'}</Link> – {s.attendees} people, {s.feedback} feedback item
              {s.feedback === 1 ? '' : 's'}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
