// Projects list.
import { Link } from 'react-router';
import { ButtonLink } from '../components/ButtonLink';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { listProjects } from '../lib/backend';
import { formatDate } from '../lib/dates';
import { useDataChanged } from '../lib/events';
import { useLoad } from '../lib/useLoad';
import { TableHead } from '../components/TableHead';
import { ScrollTable } from '../components/ScrollTable';

export function dateRange(start: string, end: string): string {
  if (start && end) return `${formatDate(start)} to ${formatDate(end)}`;
  if (start) return `From ${formatDate(start)}`;
  if (end) return `Until ${formatDate(end)}`;
  return '';
}

export function ProjectsScreen() {
  const projects = useLoad(() => listProjects(), []);
  useDataChanged(() => projects.reload(), ['project', 'session']);
  if (projects.error && !projects.data) return <LoadProblem title="Projects" message={projects.error.message} />;
  return (
    <>
      <PageHeading>Projects</PageHeading>
      <div className="nhsuk-button-group">
        <ButtonLink to="/projects/new">New project</ButtonLink>
      </div>
      {!projects.data ? (
        <Loading />
      ) : projects.data.length === 0 ? (
        <p>No projects yet. Sessions do not need a project, but a project groups them for reports.</p>
      ) : (
        <ScrollTable data-testid="project-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">
            {projects.data.length} {projects.data.length === 1 ? 'project' : 'projects'}
          </caption>
          <TableHead
            columns={[
              { label: 'Project' },
              { label: 'Lead' },
              { label: 'Dates' },
              { label: 'Sessions', numeric: true },
            ]}
          />
          <tbody className="nhsuk-table__body">
            {projects.data.map((p) => (
              <tr key={p.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  <Link to={`/projects/${p.id}`}>{p.name || 'Untitled project'}</Link>
                </td>
                <td className="nhsuk-table__cell">{p.lead}</td>
                <td className="nhsuk-table__cell">{dateRange(p.startDate, p.endDate)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{p.sessionCount}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}
