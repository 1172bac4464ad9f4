import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { renderAt } from '../../test/fixtures';
import type { Project } from '../../lib/types';
import { ProjectEditScreen } from '../ProjectEditScreen';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const routes = [{ path: '/projects/:id/edit', element: <ProjectEditScreen /> }];

describe('project form', () => {
  it('sends the project as loaded and as edited, so Go writes only what changed', async () => {
    const user = userEvent.setup();
    const project: Project = {
      id: 'p1',
      createdAt: '2026-11-01T09:00:00Z',
      updatedAt: '2026-11-01T09:00:00Z',
      createdBy: 'Ada',
      deviceId: 'd1',
      rev: 1,
      name: 'Diabetes pathway',
      lead: 'Sam',
      funder: '',
      startDate: '',
      endDate: '',
      aim: '',
      core20plus5: [],
      plusGroups: [],
      boroughs: ['E09000008'],
      sessionCount: 0,
    };
    vi.mocked(backend.getProject).mockResolvedValue(project);
    vi.mocked(backend.updateProject).mockResolvedValue(project);
    renderAt('/projects/p1/edit', routes);
    const name = await screen.findByLabelText('Project name');
    expect(name).toHaveValue('Diabetes pathway');
    await user.clear(name);
    await user.type(name, 'Diabetes pathway (south)');
    await user.click(screen.getByRole('button', { name: 'Save project' }));
    await waitFor(() => expect(backend.updateProject).toHaveBeenCalled());
    const [id, loaded, edited] = vi.mocked(backend.updateProject).mock.calls[0];
    expect(id).toBe('p1');
    expect(loaded).toMatchObject({ name: 'Diabetes pathway', lead: 'Sam', boroughs: ['E09000008'] });
    expect(edited).toMatchObject({ name: 'Diabetes pathway (south)', lead: 'Sam', boroughs: ['E09000008'] });
  });
});
