// One project: its details and its sessions.
import { Link, useParams } from 'react-router';
import { BackLink, SummaryList } from 'nhsuk-react-components';
import { ButtonLink } from '../components/ButtonLink';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { SessionTable } from '../components/SessionTable';
import { ProjectReach } from './reach/ProjectReach';
import { ProjectOutcomes } from '../components/ProjectOutcomes';
import { SummaryRow } from '../components/SummaryRow';
import { getProject, listSessions } from '../lib/backend';
import { useDataChanged } from '../lib/events';
import { labelsOf, useRefData } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import { dateRange } from './ProjectsScreen';

export function ProjectScreen() {
  const { id = '' } = useParams();
  const ref = useRefData();
  const project = useLoad(() => getProject(id), [id]);
  const sessions = useLoad(() => listSessions({ projectId: id, limit: 500 }), [id]);
  useDataChanged(() => {
    project.reload();
    sessions.reload();
  }, ['project', 'session']);

  if (project.error && !project.data) {
    return (
      <>
        <BackLink asElement={Link} to="/projects">Back</BackLink>
        <LoadProblem title="Project" message={project.error.message} />
      </>
    );
  }
  if (!project.data) return <Loading />;
  const p = project.data;
  const join = (xs: string[]) => xs.join(', ');
  return (
    <>
      <BackLink asElement={Link} to="/projects">
        Back to projects
      </BackLink>
      <PageHeading caption="Project">{p.name || 'Untitled project'}</PageHeading>
      <div className="nhsuk-button-group">
        <ButtonLink to={`/sessions/new?projectId=${encodeURIComponent(p.id)}`}>Add a session to this project</ButtonLink>
        <ButtonLink to={`/projects/${p.id}/edit`} secondary>
          Edit project
        </ButtonLink>
      </div>
      <SummaryList>
        <SummaryRow k="Lead">{p.lead}</SummaryRow>
        <SummaryRow k="Funder">{p.funder}</SummaryRow>
        <SummaryRow k="Dates">{dateRange(p.startDate, p.endDate)}</SummaryRow>
        <SummaryRow k="Involvement aim">{p.aim ? <span className="app-pre-wrap">{p.aim}</span> : ''}</SummaryRow>
        <SummaryRow k="Core20PLUS5 areas">{join(labelsOf(ref.core20plus5, p.core20plus5))}</SummaryRow>
        <SummaryRow k="PLUS groups">{join(labelsOf(ref.plusGroups, p.plusGroups))}</SummaryRow>
        <SummaryRow k="Boroughs">{join(labelsOf(ref.boroughs, p.boroughs))}</SummaryRow>
      </SummaryList>
      {!sessions.data ? (
        <Loading />
      ) : sessions.data.length === 0 ? (
        <>
          <h2 className="nhsuk-heading-m">Sessions</h2>
          <p>No sessions in this project yet.</p>
        </>
      ) : (
        <SessionTable sessions={sessions.data} caption="Sessions" showProject={false} />
      )}
      <ProjectReach projectId={p.id} />
      <ProjectOutcomes projectId={p.id} />
    </>
  );
}
