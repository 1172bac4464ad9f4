// A table of session summaries (Home, Sessions, a project), each linking to its session.
import { Link } from 'react-router';
import { SessionStatusTag } from './SessionStatusTag';
import { formatDate } from '../lib/dates';
import { labelOf, useRefData } from '../lib/refdata';
import type { SessionSummary } from '../lib/types';
import { TableHead } from './TableHead';
import { ScrollTable } from './ScrollTable';

export function SessionTable({ sessions, caption, showProject = true }: { sessions: SessionSummary[]; caption: string; showProject?: boolean }) {
  const ref = useRefData();
  return (
    <ScrollTable data-testid="session-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">{caption}</caption>
      <TableHead
        columns={[
          { label: 'Date' },
          { label: 'Session' },
          { label: 'Type' },
          showProject && { label: 'Project' },
          { label: 'Feedback', numeric: true },
          { label: 'Status' },
        ]}
      />
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
              <SessionStatusTag status={s.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
