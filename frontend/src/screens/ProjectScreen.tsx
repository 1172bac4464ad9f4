// One project: its details and its sessions.
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { BackLink, SummaryList } from 'nhsuk-react-components';
import { ButtonLink } from '../components/ButtonLink';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { SessionTable } from '../components/SessionBits';
import { ProjectReach } from './reach/ProjectReach';
import { ProjectOutcomes } from '../components/ProjectOutcomes';
import { getProject, listSessions } from '../lib/backend';
import { useDataChanged } from '../lib/events';
import { labelsOf, useRefData } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import { dateRange } from './ProjectsScreen';

function Row({ k, children }: { k: string; children: ReactNode }) {
  return (
    <SummaryList.Row>
      <SummaryList.Key>{k}</SummaryList.Key>
      <SummaryList.Value>{children || <span className="nhsuk-u-secondary-text-colour">Not recorded</span>}</SummaryList.Value>
    </SummaryList.Row>
  );
}

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
        <Row k="Lead">{p.lead}</Row>
        <Row k="Funder">{p.funder}</Row>
        <Row k="Dates">{dateRange(p.startDate, p.endDate)}</Row>
        <Row k="Involvement aim">{p.aim ? <span className="app-pre-wrap">{p.aim}</span> : ''}</Row>
        <Row k="Core20PLUS5 areas">{join(labelsOf(ref.core20plus5, p.core20plus5))}</Row>
        <Row k="PLUS groups">{join(labelsOf(ref.plusGroups, p.plusGroups))}</Row>
        <Row k="Boroughs">{join(labelsOf(ref.boroughs, p.boroughs))}</Row>
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
