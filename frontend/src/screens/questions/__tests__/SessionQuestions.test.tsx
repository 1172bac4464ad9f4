import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../../lib/backend';
import { renderAt, session } from '../../../test/fixtures';
import { expectAxeClean } from '../../../test/axe';
import { SessionEditScreen } from '../../SessionEditScreen';
import type { QuestionSetSummary } from '../../../lib/questions';

vi.mock('../../../lib/backend', () => import('../../../test/backendMock'));

const routes = [{ path: '/sessions/:id/edit', element: <SessionEditScreen /> }];

const set = (familyId: string, name: string, archived = false): QuestionSetSummary => ({
  familyId,
  id: `${familyId}v`,
  version: 1,
  name,
  purpose: '',
  questions: 3,
  responses: 0,
  languages: [],
  archived,
  updatedAt: '2026-12-01T10:00:00Z',
  sessionsUsing: 0,
});

describe('the session form’s questions to ask', () => {
  beforeEach(() => {
    vi.mocked(backend.listProjects).mockResolvedValue([]);
    vi.mocked(backend.getSession).mockResolvedValue(session({ id: 's1', questionSets: ['c'], noFft: false }));
    vi.mocked(backend.listQuestionSets).mockResolvedValue([set('a', 'Clinic times'), set('b', 'Priorities'), set('c', 'Old reflection', true), set('d', 'Retired', true)]);
    vi.mocked(backend.updateSession).mockImplementation((id: string) => Promise.resolve(session({ id })));
  });

  it('chooses question sets in the order ticked and can leave out the FFT question', async () => {
    const user = userEvent.setup();
    const { container } = renderAt('/sessions/s1/edit', routes);
    const group = await screen.findByRole('group', { name: /Question sets/ });
    await within(group).findByLabelText('Clinic times');
    // Archived sets are offered only when the session already asks them.
    expect(within(group).getByLabelText('Old reflection')).toBeChecked();
    expect(within(group).queryByLabelText('Retired')).toBeNull();
    const fft = within(group).getByLabelText('Ask the Friends and Family Test question (How was your experience?)');
    expect(fft).toBeChecked();
    await user.click(within(group).getByLabelText('Priorities'));
    await user.click(within(group).getByLabelText('Clinic times'));
    await user.click(fft);
    expect(within(group).getByLabelText('Clinic times')).toHaveAccessibleDescription(/asked third/);
    await expectAxeClean(container);
    await user.click(screen.getByRole('button', { name: 'Save session' }));
    await waitFor(() => expect(backend.updateSession).toHaveBeenCalled());
    const input = vi.mocked(backend.updateSession).mock.calls[0][2];
    expect(input.questionSets).toEqual(['c', 'b', 'a']);
    expect(input.noFft).toBe(true);
  });
});
