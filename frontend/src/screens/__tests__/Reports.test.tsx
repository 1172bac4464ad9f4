// Reports screen: figures from a mocked GetReport (suppressed values as their text),
// filters → the filter Go receives (financial years on fixed dates), late answers
// ignored, filter errors, the empty state, export progress/cancel/success, and axe.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { emit } from '../../test/backendMock';
import { Events, type ExportResult, type ReportFigures, type ReportFilter } from '../../lib/types';
import { emptyFigures, exportResult, figures } from '../../test/reportFixtures';
import { ReportsScreen } from '../ReportsScreen';
import { expectAxeClean } from '../../test/axe';
import { renderApp, renderScreen } from '../../test/renderApp';
import { dateGroup, dateShown, typeDate } from '../../test/dates';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const filter = (over: Partial<ReportFilter> = {}): ReportFilter => ({
  from: '2026-04-01',
  to: '2027-03-31',
  projectId: '',
  borough: '',
  sessionType: '',
  teamId: '',
  ...over,
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const renderReports = () => renderScreen(<ReportsScreen />, '/reports');

const card = (key: string) => screen.getByTestId(`figure-${key}`);
const value = (key: string) => within(card(key)).getByTestId('figure-value').textContent;
const lastFilter = () => vi.mocked(backend.getReport).mock.calls.at(-1)?.[0];

// Several user steps per test: generous time when the whole suite shares 2 cores.
describe('Reports screen', { timeout: 20000 }, () => {
  beforeEach(() => {
    // Only Date is faked: 15 June 2026, in the 2026 to 2027 financial year.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 5, 15, 10, 0) });
    vi.mocked(backend.listProjects).mockResolvedValue([
      {
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
      },
    ]);
    vi.mocked(backend.getReport).mockResolvedValue(figures());
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('tells a withheld Core20 share from one not recorded', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(figures({ core20: { value: null, text: '\u2013', withheld: true } }));
    renderReports();
    await screen.findByTestId('report-figures');
    expect(value('core20')).toBe('\u2013');
  });

  it('shows the headline figures, suppressed values as their text, and the rule', async () => {
    renderReports();
    expect(screen.getByRole('heading', { level: 1, name: 'Reports' })).toBeInTheDocument();
    await screen.findByTestId('report-figures');
    expect(value('peopleReached')).toBe('48');
    expect(value('feedbackItems')).toBe('12');
    expect(value('fftPositive')).toBe('75%');
    expect(within(card('fftPositive')).getByText(/of 12 ratings/)).toBeInTheDocument();
    expect(value('sessionsHeld')).toBe('2');
    expect(within(card('sessionsHeld')).getByText('And 1 planned')).toBeInTheDocument();
    expect(value('ethnicMinority')).toBe('–');
    expect(value('core20')).toBe('Not recorded yet');
    expect(value('boroughsCovered')).toBe('2');
    expect(within(card('boroughsCovered')).getByText('Lambeth, Southwark')).toBeInTheDocument();
    expect(value('quotesAllowed')).toBe('4');
    expect(value('needsResponse')).toBe('2');
    expect(screen.getByTestId('suppression-rule')).toHaveTextContent(/values from 1 to 4 are shown as “<5”/);
    expect(screen.getByTestId('report-status')).toHaveTextContent('Figures for 3 sessions and 12 feedback items.');

    // Reach tables: suppressed and withheld counts exactly as Go wrote them.
    const ages = within(screen.getByTestId('chart-reach-ageBand')).getByRole('table');
    expect(within(ages).getByRole('row', { name: /Prefer not to say/ })).toHaveTextContent('<5');
    expect(within(ages).getByRole('row', { name: /Not stated/ })).toHaveTextContent('*');
    expect(within(ages).getByRole('row', { name: /18 to 24/ })).toHaveTextContent('975%');
    // The borough chart keeps only boroughs somebody named (Croydon: 0).
    const boroughs = within(screen.getByTestId('chart-reach-borough')).getByRole('table');
    expect(within(boroughs).getByRole('row', { name: /Southwark/ })).toHaveTextContent('<5');
    expect(within(boroughs).queryByRole('row', { name: /Croydon/ })).toBeNull();
  });

  it('has a captioned chart with a table for ratings, types, reach and themes', async () => {
    renderReports();
    await screen.findByTestId('report-charts');
    for (const [id, caption] of [
      ['ratings', 'Feedback by Friends and Family Test rating'],
      ['session-types', 'Sessions by type'],
      ['reach-ethnicGroup', 'Reach: ethnic group'],
      ['reach-ageBand', 'Reach: age band'],
      ['reach-borough', 'Reach: borough where they live'],
      ['themes', 'Themes by sentiment'],
    ]) {
      const fig = screen.getByTestId(`chart-${id}`);
      expect(screen.getByRole('figure', { name: caption })).toBe(fig);
      expect(within(fig).getByText(/Show as a table/)).toBeInTheDocument();
      expect(within(fig).getByRole('table')).toBeInTheDocument();
      expect(within(fig).getByRole('img')).toHaveAccessibleName(/./);
    }
    const themes = within(screen.getByTestId('chart-themes')).getByRole('table');
    expect(within(themes).getByRole('row', { name: /Access/ })).toHaveTextContent('Access21205');
    expect(within(screen.getByTestId('chart-ratings')).getByRole('img')).toHaveAccessibleName(/Very good 6, Good 3/);
  });

  it('asks Go for this financial year first, then for each filter as it changes', async () => {
    const user = userEvent.setup();
    renderReports();
    await screen.findByTestId('report-figures');
    expect(backend.getReport).toHaveBeenCalledTimes(1);
    expect(lastFilter()).toEqual(filter());
    expect(screen.getByLabelText('Period')).toHaveValue('this_fy');
    expect(screen.getByText('1 April 2026 to 31 March 2027')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Period'), 'Last financial year');
    await waitFor(() => expect(lastFilter()).toEqual(filter({ from: '2025-04-01', to: '2026-03-31' })));
    expect(screen.getByText('1 April 2025 to 31 March 2026')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Period'), 'This month');
    await waitFor(() => expect(lastFilter()).toEqual(filter({ from: '2026-06-01', to: '2026-06-30' })));
    await user.selectOptions(screen.getByLabelText('Period'), 'Last 3 months');
    await waitFor(() => expect(lastFilter()).toEqual(filter({ from: '2026-04-01', to: '2026-06-30' })));
    await user.selectOptions(screen.getByLabelText('Period'), 'All time');
    await waitFor(() => expect(lastFilter()).toEqual(filter({ from: '', to: '' })));
  });

  it('sends the project, borough and type of session chosen', async () => {
    const user = userEvent.setup();
    renderReports();
    await screen.findByTestId('report-figures');
    await user.selectOptions(screen.getByLabelText('Period'), 'All time');
    await screen.findByRole('option', { name: 'Waiting times in Croydon' });
    await user.selectOptions(screen.getByLabelText('Project'), 'Waiting times in Croydon');
    await waitFor(() => expect(lastFilter()).toEqual(filter({ from: '', to: '', projectId: 'p1' })));
    await user.selectOptions(screen.getByLabelText(/^Borough/), 'Lambeth');
    await waitFor(() => expect(lastFilter()).toEqual(filter({ from: '', to: '', projectId: 'p1', borough: 'E09000022' })));
    await user.selectOptions(screen.getByLabelText(/^Type of session/), 'Workshop');
    await waitFor(() =>
      expect(lastFilter()).toEqual(filter({ from: '', to: '', projectId: 'p1', borough: 'E09000022', sessionType: 'workshop' })),
    );
  });

  it('custom dates start from the period on screen and are sent as typed', async () => {
    const user = userEvent.setup();
    renderReports();
    await screen.findByTestId('report-figures');
    await user.selectOptions(screen.getByLabelText('Period'), 'Custom dates');
    const from = dateGroup('From');
    expect(dateShown(from)).toBe('1 4 2026');
    expect(dateShown(dateGroup('To'))).toBe('31 3 2027');
    await typeDate(user, from, '2026-05-02');
    await waitFor(() => expect(lastFilter()).toEqual(filter({ from: '2026-05-02' })));
  });

  it('ignores a slow answer to an earlier filter', async () => {
    const user = userEvent.setup();
    const first = deferred<ReportFigures>();
    const second = deferred<ReportFigures>();
    vi.mocked(backend.getReport).mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    renderReports();
    await user.selectOptions(screen.getByLabelText('Period'), 'All time');
    await waitFor(() => expect(backend.getReport).toHaveBeenCalledTimes(2));

    await act(async () => second.resolve(figures({ feedbackItems: 7 })));
    await waitFor(() => expect(value('feedbackItems')).toBe('7'));
    await act(async () => first.resolve(figures({ feedbackItems: 99 })));
    expect(value('feedbackItems')).toBe('7');
    expect(screen.getByTestId('report-status')).toHaveTextContent('Figures for 3 sessions and 7 feedback items.');
  });

  it('reloads when records change (an edit, a sync)', async () => {
    renderReports();
    await screen.findByTestId('report-figures');
    vi.mocked(backend.getReport).mockResolvedValue(figures({ feedbackItems: 13 }));
    act(() => emit(Events.dataChanged, { entity: 'feedback', id: 'f1' }));
    await waitFor(() => expect(value('feedbackItems')).toBe('13'));
    expect(backend.getReport).toHaveBeenCalledTimes(2);
  });

  it('shows filter errors from Go in the error summary, linked to the field', async () => {
    const user = userEvent.setup();
    renderReports();
    await screen.findByTestId('report-figures');
    vi.mocked(backend.getReport).mockRejectedValue({
      code: 'invalid',
      message: 'Check the report filters',
      fields: [{ field: 'to', message: 'End date must be the same as or after the start date' }],
    });
    await user.selectOptions(screen.getByLabelText('Period'), 'Custom dates');
    await typeDate(user, dateGroup('To'), '2026-01-01');
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('There is a problem with the filters');
    const link = within(summary).getByRole('link', { name: 'End date must be the same as or after the start date' });
    expect(link).toHaveAttribute('href', '#to');
    // The inline message beside the field, and no figures for a filter Go refused.
    expect(dateGroup('To')).toHaveTextContent(
      'End date must be the same as or after the start date',
    );
    expect(screen.queryByTestId('report-figures')).toBeNull();
    await expectAxeClean(document.body);

    vi.mocked(backend.getReport).mockResolvedValue(figures());
    await user.selectOptions(screen.getByLabelText('Period'), 'This financial year');
    await screen.findByTestId('report-figures');
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });

  it('says so when the period has no sessions, hides the charts and still offers export', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(emptyFigures());
    renderReports();
    expect(await screen.findByRole('heading', { name: 'No sessions in this period' })).toBeInTheDocument();
    expect(screen.getByTestId('report-empty')).toHaveTextContent('Period: 2026-04-01 to 2027-03-31');
    expect(screen.queryByTestId('report-charts')).toBeNull();
    expect(screen.queryByTestId('report-figures')).toBeNull();
    expect(screen.getByRole('button', { name: 'Export to Excel' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV files' })).toBeInTheDocument();
  });

  it('export to Excel: progress from events, Cancel, then "Export cancelled"', async () => {
    const user = userEvent.setup();
    const run = deferred<ExportResult>();
    vi.mocked(backend.exportWorkbook).mockReturnValue(run.promise);
    vi.mocked(backend.cancelExport).mockResolvedValue(undefined);
    renderReports();
    await screen.findByTestId('report-figures');

    await user.click(screen.getByRole('button', { name: 'Export to Excel' }));
    expect(backend.exportWorkbook).toHaveBeenCalledWith(filter());
    expect(screen.getByTestId('export-progress-text')).toHaveTextContent('Writing the workbook…');
    // A second press while it runs does nothing.
    await user.click(screen.getByRole('button', { name: 'Export to Excel' }));
    await user.click(screen.getByRole('button', { name: 'Export CSV files' }));
    expect(backend.exportWorkbook).toHaveBeenCalledTimes(1);
    expect(backend.exportCSV).not.toHaveBeenCalled();

    act(() => emit(Events.exportProgress, { kind: 'xlsx', done: 12000, total: 100000 }));
    const bar = screen.getByRole('progressbar', { name: 'Writing the workbook: 12,000 of 100,000 rows' });
    expect(bar).toHaveAttribute('max', '100000');
    expect(bar).toHaveAttribute('value', '12000');
    // Progress of another kind of export is not this one's.
    act(() => emit(Events.exportProgress, { kind: 'csv', done: 5, total: 10 }));
    expect(screen.getByTestId('export-progress-text')).toHaveTextContent('12,000 of 100,000 rows');
    await expectAxeClean(document.body);

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(backend.cancelExport).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('export-progress-text')).toHaveTextContent('Cancelling…');
    await act(async () => run.resolve(exportResult({ cancelled: true, path: '', files: [] })));

    expect(await screen.findByTestId('export-cancelled')).toHaveTextContent('Export cancelled. No file was saved.');
    expect(screen.queryByTestId('export-progress')).toBeNull();
    expect(screen.queryByTestId('export-done')).toBeNull();
    expect(screen.getByTestId('export-cancelled')).toHaveFocus();
  });

  it('export to Excel: the saved file and its counts', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.exportWorkbook).mockResolvedValue(exportResult());
    renderReports();
    await screen.findByTestId('report-figures');
    await user.click(screen.getByRole('button', { name: 'Export to Excel' }));
    const done = await screen.findByTestId('export-done');
    expect(within(done).getByRole('heading', { name: 'Workbook saved' })).toBeInTheDocument();
    expect(within(done).getByTestId('export-path')).toHaveTextContent('/home/sam/Documents/Involve summary 2026-06-15.xlsx');
    expect(done).toHaveTextContent('3 sessions and 12 feedback items, 24 KB.');
    expect(done).toHaveFocus();
    await expectAxeClean(document.body);
  });

  it('export CSV files: the folder and each file', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.exportCSV).mockResolvedValue(
      exportResult({
        path: '/home/sam/Documents/Involve CSV',
        files: ['/home/sam/Documents/Involve CSV/sessions.csv', '/home/sam/Documents/Involve CSV/feedback.csv'],
        sessions: 1,
        feedback: 1,
        bytes: 900,
      }),
    );
    renderReports();
    await screen.findByTestId('report-figures');
    await user.click(screen.getByRole('button', { name: 'Export CSV files' }));
    expect(backend.exportCSV).toHaveBeenCalledWith(filter());
    const done = await screen.findByTestId('export-done');
    expect(within(done).getByRole('heading', { name: 'CSV files saved' })).toBeInTheDocument();
    expect(done).toHaveTextContent('1 session and 1 feedback item, 900 bytes.');
    expect(within(within(done).getByTestId('export-files')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'sessions.csv',
      'feedback.csv',
    ]);
  });

  it('export failure: the error summary', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.exportWorkbook).mockRejectedValue({ code: 'internal', message: 'Internal error' });
    renderReports();
    await screen.findByTestId('report-figures');
    await user.click(screen.getByRole('button', { name: 'Export to Excel' }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('The export did not finish');
    expect(summary).toHaveTextContent('Internal error');
    expect(screen.queryByTestId('export-progress')).toBeNull();
  });

  it('is clean under axe with figures and charts', async () => {
    const { container } = renderReports();
    await screen.findByTestId('report-charts');
    await expectAxeClean(container);
  });

  it('is in the header navigation and at #/reports', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getHome).mockResolvedValue({
      today: [],
      recent: [],
      counts: { projects: 0, sessions: 0, feedback: 0, feedbackToday: 0, needsResponse: 0 },
    });
    renderApp('/');
    await user.click(screen.getByRole('navigation', { name: 'Menu' }).querySelector('a[href="/reports"]') as HTMLElement);
    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Menu' })).getByRole('link', { name: 'Reports' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await screen.findByTestId('report-figures');
  });
});
