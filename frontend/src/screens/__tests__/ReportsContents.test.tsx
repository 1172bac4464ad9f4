// Reports screen (issue 14): the contents list at the top (links move focus to each
// section's heading and never change the hash route), figures and tables whose counts
// are all 0 said in one sentence (small-number suppression unchanged), and "Open
// workbook" / "Show in folder" after an export, calling Go with the exported path.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HashRouter, Route, Routes } from 'react-router';
import * as backend from '../../lib/backend';
import type { ReportDimension } from '../../lib/types';
import {
  attendeeDims,
  attendeeFigures,
  count,
  emptyFigures,
  exportResult,
  figures,
  noActions,
  noOutcomes,
  noPct,
  pct,
  respondentDims,
  suppressed,
} from '../../test/reportFixtures';
import { ReportsScreen } from '../ReportsScreen';
import { expectAxeClean } from '../../test/axe';
import { renderScreen } from '../../test/renderApp';
import { FlashProvider } from '../../lib/flash';
import { RefDataProvider } from '../../lib/refdata';
import { refData } from '../../test/fixtures';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const renderReports = () => renderScreen(<ReportsScreen />, '/reports');

/** The app's own router: the route is the URL's hash (#/reports). */
function renderWithHashRouter() {
  window.location.hash = '#/reports';
  return render(
    <RefDataProvider initial={refData}>
      <FlashProvider>
        <HashRouter>
          <Routes>
            <Route path="/reports" element={<ReportsScreen />} />
            <Route path="*" element={<p>Another route</p>} />
          </Routes>
        </HashRouter>
      </FlashProvider>
    </RefDataProvider>,
  );
}

const contentsLinks = () =>
  within(screen.getByRole('navigation', { name: 'Contents of this report' }))
    .getAllByRole('link')
    .map((a) => a.textContent);

/** Every count of a reach question set to 0 (as Go sends a question nobody answered). */
const zeroDim = (d: ReportDimension, total = 0): ReportDimension => ({
  ...d,
  total,
  categories: d.categories.map((c) => ({ ...c, count: count(0), percent: total > 0 ? pct(0) : noPct })),
});

/** A period with sessions but no feedback, no tally, no action and no outcome. */
const nothingCounted = () =>
  figures({
    feedbackItems: 0,
    fftPositive: noPct,
    quotesAllowed: 0,
    needsResponse: 0,
    needsResponseWithoutAction: 0,
    ratings: figures().ratings.map((r) => ({ ...r, count: 0 })),
    respondents: respondentDims().map((d) => zeroDim(d)),
    reach: respondentDims().map((d) => zeroDim(d)),
    themes: [],
    actions: noActions(),
    outcomes: noOutcomes(),
  });

describe('Reports screen: contents, empty figures, opening an export', { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 5, 15, 10, 0) });
    vi.mocked(backend.listProjects).mockResolvedValue([]);
    vi.mocked(backend.getReport).mockResolvedValue(figures());
  });
  afterEach(() => {
    vi.useRealTimers();
    window.location.hash = '';
  });

  it('has a contents list at the top linking to each section, in order', async () => {
    renderReports();
    await screen.findByTestId('report-figures');
    const nav = screen.getByRole('navigation', { name: 'Contents of this report' });
    // At the top: before the filters and every section.
    expect(nav.compareDocumentPosition(screen.getByTestId('report-filters')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(contentsLinks()).toEqual([
      'Headline figures',
      'You said, we did',
      'Outcomes and impact',
      'Reach and diversity',
      'Lived Experience Partners',
      'Charts',
      'GRIPP2 short form',
    ]);
    // Each link names a heading on the page by its id.
    for (const a of within(nav).getAllByRole('link')) {
      const id = (a.getAttribute('href') ?? '').replace(/^#/, '');
      expect(document.getElementById(id)).toHaveTextContent(a.textContent ?? '');
    }
  });

  it('a contents link moves focus to its heading and leaves the hash route alone', async () => {
    const user = userEvent.setup();
    renderWithHashRouter();
    await screen.findByTestId('report-figures');
    for (const name of ['Reach and diversity', 'GRIPP2 short form', 'Headline figures', 'You said, we did']) {
      await user.click(within(screen.getByRole('navigation', { name: 'Contents of this report' })).getByRole('link', { name }));
      expect(screen.getByRole('heading', { level: 2, name })).toHaveFocus();
      expect(window.location.hash).toBe('#/reports');
      expect(screen.queryByText('Another route')).toBeNull();
    }
    // By keyboard too: Enter on a focused link.
    const charts = within(screen.getByRole('navigation', { name: 'Contents of this report' })).getByRole('link', { name: 'Charts' });
    charts.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('heading', { level: 2, name: 'Charts' })).toHaveFocus();
    expect(window.location.hash).toBe('#/reports');
  });

  it('lists only the sections on screen: a period without sessions', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(emptyFigures({ actions: figures().actions }));
    const { unmount } = renderReports();
    await screen.findByTestId('report-empty');
    expect(contentsLinks()).toEqual([
      'No sessions in this period',
      'You said, we did',
      'Outcomes and impact',
      'Lived Experience Partners',
      'GRIPP2 short form',
    ]);
    unmount();
    // Nothing at all: one heading, no contents list.
    vi.mocked(backend.getReport).mockResolvedValue(emptyFigures());
    renderReports();
    await screen.findByTestId('report-empty');
    expect(screen.queryByRole('navigation', { name: 'Contents of this report' })).toBeNull();
  });

  it('says "No feedback" and "No tallies" in a sentence instead of tables of zeros', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(nothingCounted());
    const { container } = renderReports();
    await screen.findByTestId('report-figures');
    // Ratings: its caption and one sentence, no chart or table.
    const ratings = screen.getByTestId('chart-ratings-none');
    expect(within(ratings).getByRole('heading', { name: 'Feedback by Friends and Family Test rating' })).toBeInTheDocument();
    expect(ratings).toHaveTextContent('No feedback in this period.');
    expect(screen.queryByTestId('chart-ratings')).toBeNull();
    // Reach: one sentence for the section, no chart per question.
    const reach = screen.getByTestId('report-reach');
    expect(within(reach).getByTestId('reach-source')).toHaveTextContent(
      'No tallies recorded in this period, and no feedback: there are no reach figures yet.',
    );
    expect(within(reach).queryAllByRole('figure')).toHaveLength(0);
    expect(within(reach).queryAllByRole('table')).toHaveLength(0);
    // No table on the page is all zeros (the sessions by type still has its 2 and 1).
    const tables = screen.getAllByRole('table');
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) {
      const numbers = within(t)
        .queryAllByRole('cell')
        .map((c) => c.textContent ?? '')
        .filter((s) => /^[\d,]+$/.test(s));
      expect(numbers.some((s) => s !== '0')).toBe(true);
    }
    await expectAxeClean(container);
  });

  it('a question nobody is counted under is a sentence; suppressed counts stay as Go wrote them', async () => {
    const dims = attendeeDims().map((d) => {
      if (d.code === 'plusGroups') return zeroDim(d, 31); // PLUS groups: 31 people, none in any group
      if (d.code === 'sex')
        // only a suppressed count: not zero, so still a table with "<5"
        return { ...d, categories: d.categories.map((c) => (c.code === '' ? { ...c, count: suppressed, percent: noPct } : { ...c, count: count(0), percent: pct(0) })) };
      return d;
    });
    vi.mocked(backend.getReport).mockResolvedValue(
      attendeeFigures({
        feedbackItems: 0,
        attendeeReach: dims,
        reach: dims,
        respondents: respondentDims().map((d) => zeroDim(d)),
      }),
    );
    const { container } = renderReports();
    const reach = await screen.findByTestId('report-reach');
    expect(within(reach).getByTestId('reach-table-plusGroups-none')).toHaveTextContent(
      'PLUS groupsNone of the 31 people counted is recorded in any of these groups.',
    );
    expect(within(reach).queryByTestId('reach-table-plusGroups')).toBeNull();
    const sex = within(reach).getByTestId('reach-table-sex');
    expect(within(sex).getByRole('row', { name: /Not stated/ })).toHaveTextContent('<5');
    // The other questions are tables as before, with their suppressed text.
    expect(within(within(reach).getByTestId('chart-reach-ageBand')).getByRole('row', { name: /65 to 74/ })).toHaveTextContent('<5');
    // No feedback: no "Who gave feedback" tables of zeros.
    expect(within(reach).queryByTestId('reach-respondents')).toBeNull();
    await expectAxeClean(container);
  });

  it('tallies of nobody: one sentence for the reach questions', async () => {
    const dims = attendeeDims().map((d) => zeroDim(d));
    vi.mocked(backend.getReport).mockResolvedValue(attendeeFigures({ peopleReached: count(0), attendeeReach: dims, reach: dims }));
    renderReports();
    const reach = await screen.findByTestId('report-reach');
    expect(within(reach).getByTestId('reach-none')).toHaveTextContent('No one was counted in this period’s tallies or attendee profiles.');
    expect(within(reach).queryAllByRole('figure')).toHaveLength(0);
    expect(within(reach).queryAllByTestId(/^reach-table-/)).toHaveLength(0);
    // Who gave feedback (12 items) is still there, in its details.
    expect(within(reach).getByTestId('reach-respondents')).toBeInTheDocument();
  });

  it('after a workbook export: "Open workbook" and "Show in folder" ask Go to open the exported file', async () => {
    const user = userEvent.setup();
    const result = exportResult();
    vi.mocked(backend.exportWorkbook).mockResolvedValue(result);
    vi.mocked(backend.openExportedFile).mockResolvedValue(undefined);
    vi.mocked(backend.showExportedFileInFolder).mockResolvedValue(undefined);
    const { container } = renderReports();
    await screen.findByTestId('report-figures');
    expect(screen.queryByRole('button', { name: 'Open workbook' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Export to Excel' }));
    await screen.findByTestId('export-done');

    await user.click(screen.getByRole('button', { name: 'Open workbook' }));
    expect(backend.openExportedFile).toHaveBeenCalledWith(result.path);
    await user.click(screen.getByRole('button', { name: 'Show in folder' }));
    await waitFor(() => expect(backend.showExportedFileInFolder).toHaveBeenCalledWith(result.path));
    expect(backend.openExportedFile).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('error-summary')).toBeNull();
    await expectAxeClean(container);
  });

  it('Go refusing to open the workbook: the error summary says why', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.exportWorkbook).mockResolvedValue(exportResult());
    vi.mocked(backend.openExportedFile).mockRejectedValue({
      code: 'unavailable',
      message: 'Could not open the workbook: no program to open .xlsx files is set up on this computer.',
    });
    renderReports();
    await screen.findByTestId('report-figures');
    await user.click(screen.getByRole('button', { name: 'Export to Excel' }));
    await user.click(await screen.findByRole('button', { name: 'Open workbook' }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('The workbook could not be opened');
    expect(summary).toHaveTextContent('no program to open .xlsx files is set up on this computer');
    expect(summary).toHaveFocus();
    await expectAxeClean(document.body);
  });

  it('after a CSV export: "Show in folder" for its files, no "Open workbook"; none after a cancelled export', async () => {
    const user = userEvent.setup();
    const files = ['/home/sam/Documents/Involve CSV/sessions.csv', '/home/sam/Documents/Involve CSV/feedback.csv'];
    vi.mocked(backend.exportCSV).mockResolvedValue(exportResult({ path: '/home/sam/Documents/Involve CSV', files }));
    vi.mocked(backend.exportWorkbook).mockResolvedValue(exportResult({ cancelled: true, path: '', files: [] }));
    vi.mocked(backend.showExportedFileInFolder).mockResolvedValue(undefined);
    renderReports();
    await screen.findByTestId('report-figures');
    await user.click(screen.getByRole('button', { name: 'Export CSV files' }));
    await screen.findByTestId('export-done');
    expect(screen.queryByRole('button', { name: 'Open workbook' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show in folder' }));
    expect(backend.showExportedFileInFolder).toHaveBeenCalledWith(files[0]);

    await user.click(screen.getByRole('button', { name: 'Export to Excel' }));
    await screen.findByTestId('export-cancelled');
    expect(screen.queryByRole('button', { name: 'Show in folder' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Open workbook' })).toBeNull();
  });
});
