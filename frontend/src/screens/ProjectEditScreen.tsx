// New project (#/projects/new) and edit (#/projects/:id/edit).
import { useNavigate, useParams } from 'react-router';
import { LoadProblem, LoadingPage } from '../components/PageHeading';
import { FormPage } from '../components/FormPage';
import { ProjectForm, emptyProjectInput, projectInputOf } from '../components/ProjectForm';
import { createProject, getProject, updateProject } from '../lib/backend';
import { useFlash } from '../lib/flash';
import { useRefDataState } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import type { Project, ProjectInput } from '../lib/types';

export function ProjectEditScreen() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const ref = useRefDataState();
  const project = useLoad<Project | undefined>(() => (id ? getProject(id) : Promise.resolve(undefined)), [id]);
  const title = id ? 'Edit project' : 'New project';
  const back = id ? `/projects/${id}` : '/projects';

  if (project.error) return <LoadProblem title={title} message={project.error.message} />;
  if (project.loading || !ref.loaded) {
    return <LoadingPage title={title} />;
  }
  const p = project.data;
  const initial: ProjectInput = p ? projectInputOf(p) : emptyProjectInput();
  const save = async (input: ProjectInput) => {
    const saved = p ? await updateProject(p.id, initial, input) : await createProject(input);
    showMessage(p ? 'Project saved.' : 'Project added.');
    navigate(`/projects/${saved.id}`);
  };
  return (
    <FormPage back={back} title={title}>
      <ProjectForm initial={initial} refData={ref.data} onSubmit={save} cancelTo={back} />
    </FormPage>
  );
}
