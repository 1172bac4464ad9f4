import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../../lib/backend';
import { renderAt } from '../../../test/fixtures';
import { expectAxeClean } from '../../../test/axe';
import { everyTypeSet } from '../../../test/questionBuilderFixtures';
import { QuestionSetsScreen } from '../QuestionSetsScreen';
import type { QuestionSet, QuestionSetSummary } from '../../../lib/questions';

vi.mock('../../../lib/backend', () => import('../../../test/backendMock'));

const routes = [{ path: '/question-sets', element: <QuestionSetsScreen /> }];

function summary(over: Partial<QuestionSetSummary> = {}): QuestionSetSummary {
  return {
    familyId: 'set1',
    id: 'set1v2',
    version: 2,
    name: 'Clinic times',
    purpose: 'Choosing clinic times',
    questions: 7,
    responses: 12,
    languages: [
      { code: 'ar', name: 'العربية', rtl: true, reviewed: true },
      { code: 'pl', name: 'Polski', rtl: false, reviewed: false },
    ],
    archived: false,
    updatedAt: '2026-12-01T10:00:00Z',
    sessionsUsing: 1,
    ...over,
  };
}

describe('question sets list', () => {
  beforeEach(() => {
    vi.mocked(backend.listQuestionSets).mockImplementation((archived: boolean) =>
      Promise.resolve(archived ? [summary(), summary({ familyId: 'old', id: 'old', name: 'Old set', archived: true, version: 1 })] : [summary()]),
    );
  });

  it('lists the sets with version, counts and languages tagged reviewed or not', async () => {
    const { container } = renderAt('/question-sets', routes);
    const table = await screen.findByTestId('question-set-table');
    const row = within(table).getAllByRole('row')[1];
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(0, 4)).toEqual(['Clinic times', '2', '7', '12']);
    expect(within(row).getByRole('link', { name: 'Clinic times' })).toHaveAttribute('href', '/question-sets/set1v2');
    expect(within(row).getByText('العربية')).toHaveAttribute('dir', 'rtl');
    expect(cells[4]).toContain('العربية reviewed');
    expect(cells[4]).toContain('Polski not reviewed');
    expect(backend.listQuestionSets).toHaveBeenCalledWith(false);
    await expectAxeClean(container);
  });

  it('shows archived sets when asked', async () => {
    const user = userEvent.setup();
    renderAt('/question-sets', routes);
    await screen.findByTestId('question-set-table');
    expect(screen.queryByText('Old set')).toBeNull();
    await user.click(screen.getByLabelText('Show archived sets too'));
    expect(await screen.findByText('Old set')).toBeInTheDocument();
    expect(backend.listQuestionSets).toHaveBeenLastCalledWith(true);
  });

  it('makes a copy of a starter template', async () => {
    const user = userEvent.setup();
    const starter = everyTypeSet({ id: '', name: 'Event feedback', starter: 'event_feedback' });
    vi.mocked(backend.starterQuestionSets).mockResolvedValue([starter]);
    vi.mocked(backend.createQuestionSet).mockImplementation((s: QuestionSet) => Promise.resolve({ ...s, id: 'copy1' }));
    const { container } = renderAt('/question-sets', routes);
    await user.click(await screen.findByRole('button', { name: 'Start from a template' }));
    expect(screen.getByRole('heading', { name: 'Start from a template' })).toHaveFocus();
    const use = await screen.findByRole('button', { name: 'Use this template: Event feedback' });
    await expectAxeClean(container);
    await user.click(use);
    await waitFor(() => expect(backend.createQuestionSet).toHaveBeenCalled());
    expect(vi.mocked(backend.createQuestionSet).mock.calls[0][0]).toMatchObject({ name: 'Event feedback', starter: 'event_feedback', version: 1, familyId: '' });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/question-sets/copy1'));
  });
});
