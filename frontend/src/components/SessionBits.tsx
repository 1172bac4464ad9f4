// Small shared views of sessions: status tag, a table of session summaries.
import { Link } from 'react-router';
import { Tag } from 'nhsuk-react-components';
import { formatDate } from '../lib/dates';
import { labelOf, useRefData } from '../lib/refdata';
import type { SessionSummary } from '../lib/types';

const STATUS_COLOUR: Record<string, 'grey' | 'blue' | 'green'> = {
  planned: 'grey',
  held: 'blue',
  written_up: 'green',
};

export function StatusTag({ status }: { status: string }) {
  const ref = useRefData();
  if (!status) return null;
  return <Tag modifier={STATUS_COLOUR[status] ?? 'grey'}>{labelOf(ref.sessionStatuses, status)}</Tag>;
}

export function SessionTable({ sessions, caption, showProject = true }: { sessions: SessionSummary[]; caption: string; showProject?: boolean }) {
  const ref = useRefData();
  return (
    <table className="nhsuk-table" data-testid="session-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Date</th>
          <th scope="col" className="nhsuk-table__header">Session</th>
          <th scope="col" className="nhsuk-table__header">Type</th>
          {showProject ? <th scope="col" className="nhsuk-table__header">Project</th> : null}
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Feedback</th>
          <th scope="col" className="nhsuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {sessions.map((s) => (
          <tr key={s.id} className="nhsuk-table__row">
            <td className="nhsuk-table__cell">
              {formatDate(s.date)}
              {s.startTime ? <span className="nhsuk-u-secondary-text-colour"> {s.startTime}</span> : null}
            </td>
            <td className="nhsuk-table__cell">
              <Link to={`/sessions/${s.id}`}>{s.title || 'Untitled session'}</Link>
            </td>
            <td className="nhsuk-table__cell">{labelOf(ref.sessionTypes, s.type)}</td>
            {showProject ? <td className="nhsuk-table__cell">{s.projectName || 'No project'}</td> : null}
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{s.feedbackCount}</td>
            <td className="nhsuk-table__cell">
              <StatusTag status={s.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The session that "Quick feedback" should open: of today's sessions, the one that
 * started most recently (not in the future), else the first one of the day.
 */
export function pickQuickSession(today: SessionSummary[], nowHM: string): SessionSummary | undefined {
  if (today.length === 0) return undefined;
  const started = today.filter((s) => !s.startTime || s.startTime <= nowHM);
  const pool = started.length > 0 ? started : today;
  return [...pool].sort((a, b) => {
    const t = (b.startTime || '').localeCompare(a.startTime || '');
    return t !== 0 ? t : (b.updatedAt || '').localeCompare(a.updatedAt || '');
  })[0];
}
