// The board pack screen (#/board-pack): the preset periods worked out from today (last
// and this financial year, last quarter), chosen dates, the project or the whole team,
// PDF or Word → the filter and format Go receives; a refused form (error summary with
// links, focused); a closed Save dialog; success (focused panel, Open / Show in
// folder); the route and the link from Reports; axe.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { BackendError, BoardPackResult, Project } from '../../lib/types';
import { BoardPackScreen, boardPackPeriods } from '../BoardPackScreen';
import { ReportsScreen } from '../ReportsScreen';
import { expectAxeClean } from '../../test/axe';
import { renderApp, renderScreen } from '../../test/renderApp';
import { dateGroup, typeDate } from '../../test/dates';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const project: Project = {
  id: 'p1',
  name: 'Waiting times in Croydon',
  lead: '',
  funder: '',
  startDate: '',
  endDate: '',
  aim: '',
  core20plus5: [],
  plusGroups: [],
  boroughs: [],
  sessionCount: 2,
  createdAt: '',
  updatedAt: '',
  createdBy: '',
  deviceId: '',
  rev: 1,
};

const result = (over: Partial<BoardPackResult> = {}): BoardPackResult => ({
  cancelled: false,
  path: '/home/me/Documents/involve-board-pack-2025-04-01-to-2026-03-31.pdf',
  format: 'pdf',
  title: 'Involvement board pack',
  scope: 'The whole team',
  period: '1 April 2025 to 31 March 2026',
  stories: 3,
  youSaid: 5,
  bytes: 120000,
  ...over,
});

const renderBP = () => renderScreen(<BoardPackScreen />, '/board-pack');
const lastCall = () => vi.mocked(backend.makeBoardPack).mock.calls.at(-1);
const noFilter = { from: '', to: '', projectId: '', borough: '', sessionType: '', teamId: '' };

describe('boardPackPeriods', () => {
  it('works out the financial years and the last quarter from today', () => {
    const dates = (today: string) => boardPackPeriods(today).map((p) => [p.code, p.from, p.to]);
    expect(dates('2026-12-06')).toEqual([
      ['last_fy', '2025-04-01', '2026-03-31'],
      ['this_fy', '2026-04-01', '2027-03-31'],
      ['last_quarter', '2026-07-01', '2026-09-30'],
    ]);
    // before 1 April the financial year is the one that started the April before
    expect(dates('2027-02-10')).toEqual([
      ['last_fy', '2025-04-01', '2026-03-31'],
      ['this_fy', '2026-04-01', '2027-03-31'],
      ['last_quarter', '2026-10-01', '2026-12-31'],
    ]);
    expect(dates('2026-04-01')[0]).toEqual(['last_fy', '2025-04-01', '2026-03-31']);
    expect(dates('2026-03-31')[0]).toEqual(['last_fy', '2024-04-01', '2025-03-31']);
    expect(dates('2026-05-15')[2]).toEqual(['last_quarter', '2026-01-01', '2026-03-31']);
    expect(dates('2024-08-01')[2]).toEqual(['last_quarter', '2024-04-01', '2024-06-30']);
    expect(boardPackPeriods('2026-12-06')[0].hint).toBe('1 April 2025 to 31 March 2026');
  });
});

describe('Board pack screen', { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 11, 6, 10, 0) });
    vi.mocked(backend.listProjects).mockResolvedValue([project]);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.mocked(backend.makeBoardPack).mockReset();
  });

  it('makes last financial year\u2019s pack for the whole team as a PDF by default, then shows the file, focused', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.makeBoardPack).mockResolvedValue(result());
    vi.mocked(backend.openExportedFile).mockResolvedValue(undefined);
    vi.mocked(backend.showExportedFileInFolder).mockResolvedValue(undefined);
    const { container } = renderBP();
    expect(screen.getByRole('heading', { level: 1, name: 'Make a board pack' })).toBeInTheDocument();
    const periods = screen.getByRole('group', { name: 'Period' });
    expect(within(periods).getByRole('radio', { name: /Last financial year/ })).toBeChecked();
    expect(periods).toHaveTextContent('1 April 2025 to 31 March 2026');
    expect(periods).toHaveTextContent('1 July 2026 to 30 September 2026');
    expect(screen.getByRole('radio', { name: /PDF/ })).toBeChecked();
    expect(screen.queryByTestId('bp-dates')).toBeNull();
    await screen.findByRole('option', { name: 'Waiting times in Croydon' });
    await expectAxeClean(container);

    await user.click(screen.getByRole('button', { name: 'Make board pack' }));
    const done = await screen.findByTestId('bp-done');
    expect(lastCall()).toEqual([{ ...noFilter, from: '2025-04-01', to: '2026-03-31' }, 'pdf']);
    expect(done).toHaveTextContent('Board pack saved');
    expect(done).toHaveTextContent('The whole team, 1 April 2025 to 31 March 2026');
    expect(screen.getByTestId('bp-path')).toHaveTextContent('involve-board-pack-2025-04-01-to-2026-03-31.pdf');
    await waitFor(() => expect(done).toHaveFocus());
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(vi.mocked(backend.openExportedFile)).toHaveBeenCalledWith(result().path);
    await user.click(screen.getByRole('button', { name: 'Show in folder' }));
    expect(vi.mocked(backend.showExportedFileInFolder)).toHaveBeenCalledWith(result().path);
    await expectAxeClean(container);
  });

  it('sends the preset, the project and Word as chosen', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.makeBoardPack).mockResolvedValue(result({ format: 'docx', scope: 'Waiting times in Croydon' }));
    renderBP();
    await screen.findByRole('option', { name: 'Waiting times in Croydon' });
    await user.click(screen.getByRole('radio', { name: /This financial year/ }));
    await user.selectOptions(screen.getByLabelText(/Project/), 'p1');
    await user.click(screen.getByRole('radio', { name: /Word/ }));
    await user.click(screen.getByRole('button', { name: 'Make board pack' }));
    await screen.findByTestId('bp-done');
    expect(lastCall()).toEqual([{ ...noFilter, from: '2026-04-01', to: '2027-03-31', projectId: 'p1' }, 'docx']);

    await user.click(screen.getByRole('radio', { name: /Last quarter/ }));
    await user.click(screen.getByRole('button', { name: 'Make board pack' }));
    await waitFor(() => expect(lastCall()?.[0]).toMatchObject({ from: '2026-07-01', to: '2026-09-30' }));
  });

  it('takes dates chosen by hand, or none (all dates)', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.makeBoardPack).mockResolvedValue(result({ period: 'All dates' }));
    const { container } = renderBP();
    await user.click(screen.getByRole('radio', { name: /Choose the dates/ }));
    expect(screen.getByTestId('bp-dates')).toBeInTheDocument();
    await expectAxeClean(container);
    await user.click(screen.getByRole('button', { name: 'Make board pack' }));
    await screen.findByTestId('bp-done');
    expect(lastCall()).toEqual([noFilter, 'pdf']);
    await typeDate(user, dateGroup('From'), '2026-01-01');
    await typeDate(user, dateGroup('To'), '2026-06-30');
    await user.click(screen.getByRole('button', { name: 'Make board pack' }));
    await waitFor(() => expect(lastCall()).toEqual([{ ...noFilter, from: '2026-01-01', to: '2026-06-30' }, 'pdf']));
  });

  it('shows a refused form in the error summary, with links to the fields, and focuses it', async () => {
    const user = userEvent.setup();
    const refused: BackendError = {
      code: 'invalid',
      message: 'The report filters have problems',
      fields: [{ field: 'to', message: 'The end date must be on or after the start date' }],
    };
    vi.mocked(backend.makeBoardPack).mockRejectedValue(refused);
    const { container } = renderBP();
    await user.click(screen.getByRole('radio', { name: /Choose the dates/ }));
    await typeDate(user, dateGroup('From'), '2026-06-30');
    await typeDate(user, dateGroup('To'), '2026-01-01');
    await user.click(screen.getByRole('button', { name: 'Make board pack' }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('The board pack could not be made');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(within(summary).getByRole('link', { name: 'The end date must be on or after the start date' })).toHaveAttribute(
      'href',
      '#to',
    );
    expect(screen.queryByTestId('bp-done')).toBeNull();
    await expectAxeClean(container);
  });

  it('changes nothing when the Save dialog is closed', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.makeBoardPack).mockResolvedValue(result({ cancelled: true, path: '' }));
    renderBP();
    await user.click(screen.getByRole('button', { name: 'Make board pack' }));
    await waitFor(() => expect(vi.mocked(backend.makeBoardPack)).toHaveBeenCalled());
    expect(screen.queryByTestId('bp-done')).toBeNull();
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });

  it('has its own route, linked from the Reports screen', async () => {
    const reports = renderScreen(<ReportsScreen />, '/reports');
    expect(screen.getByRole('link', { name: 'Make a board pack' }).getAttribute('href')).toMatch(/\/board-pack$/);
    reports.unmount();
    renderApp('/board-pack');
    expect(await screen.findByRole('heading', { level: 1, name: 'Make a board pack' })).toBeInTheDocument();
  });
});
