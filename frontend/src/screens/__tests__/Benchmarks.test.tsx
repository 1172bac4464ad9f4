// Benchmark populations (issue 16): the #/benchmarks screen (a lead imports a CSV file,
// read here as text; a refused file's lines are listed and linked; others read the list)
// and the Reports screen's reach compared with one (suppressed marks kept, differences
// in points); axe clean.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { BenchmarkList, BenchmarkPopulation, ReachComparison } from '../../lib/benchmarks';
import type { Role } from '../../lib/roles';
import { notConnected, syncStatus } from '../../test/syncFixtures';
import { figures } from '../../test/reportFixtures';
import { expectAxeClean } from '../../test/axe';
import { renderApp, renderScreen } from '../../test/renderApp';
import { ReportsScreen } from '../ReportsScreen';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const asRole = (role: Role) => vi.mocked(backend.getSyncStatus).mockResolvedValue(role ? syncStatus({ role }) : notConnected());

const census: BenchmarkPopulation = {
  id: 'b1',
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  createdBy: 'Sam Lead',
  deviceId: 'dev',
  rev: 1,
  name: 'Census 2021, south-east London boroughs',
  source: 'ONS TS001',
  year: 2021,
  dimension: 'borough',
  shares: [
    { category: 'E09000022', count: 317498 },
    { category: 'E09000028', count: 307637 },
  ],
};

const list = (benchmarks: BenchmarkPopulation[] = [census]): BenchmarkList => ({
  benchmarks,
  dimensions: [
    {
      code: 'borough',
      label: 'Borough where they live',
      categories: [
        { code: 'E09000022', label: 'Lambeth' },
        { code: 'E09000028', label: 'Southwark' },
      ],
    },
    { code: 'ageBand', label: 'Age band', categories: [{ code: '18_24', label: '18 to 24' }] },
  ],
});

const comparison: ReachComparison = {
  benchmarkId: 'b1',
  benchmarkName: census.name,
  source: 'ONS TS001',
  year: 2021,
  dimension: 'borough',
  dimensionLabel: 'Borough where they live',
  available: true,
  compared: 45,
  outside: 15,
  sharesWithheld: false,
  benchmarkTotal: 1000,
  suppressionRule: 'Small numbers are suppressed',
  rows: [
    { code: 'E09000011', label: 'Greenwich', count: { value: 0, text: '0' }, percent: { value: 0, text: '0%' }, percentText: '0.0%', benchmarkCount: 100, benchmarkPercent: 10, benchmarkText: '10.0%', difference: -10, differenceText: '−10.0 points' },
    { code: 'E09000022', label: 'Lambeth', count: { value: 30, text: '30' }, percent: { value: 0.667, text: '67%' }, percentText: '66.7%', benchmarkCount: 300, benchmarkPercent: 30, benchmarkText: '30.0%', difference: 36.7, differenceText: '+36.7 points' },
    { code: 'E09000023', label: 'Lewisham', count: { value: null, text: '<5' }, percent: { value: null, text: '–', withheld: true }, percentText: '–', benchmarkCount: 300, benchmarkPercent: 30, benchmarkText: '30.0%', difference: null, differenceText: '–' },
  ],
};

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.listBenchmarkPopulations).mockResolvedValue(list());
});

describe('#/benchmarks', { timeout: 20000 }, () => {
  it('a lead imports a CSV file: its text goes to Go with the form', async () => {
    asRole('lead');
    const user = userEvent.setup();
    const saved = { ...census, id: 'b2', name: 'Census 2021, ages' };
    vi.mocked(backend.importBenchmarkPopulation).mockResolvedValue(saved);
    const { container } = renderApp('/benchmarks');
    const rows = await screen.findAllByTestId('benchmark-row');
    expect(rows[0]).toHaveTextContent('Census 2021, south-east London boroughs');
    expect(rows[0]).toHaveTextContent('Borough where they live');
    expect(rows[0]).toHaveTextContent('625,135');
    const form = await screen.findByTestId('benchmark-form');
    await expectAxeClean(container);

    await user.type(within(form).getByLabelText('Name'), 'Census 2021, ages');
    await user.selectOptions(within(form).getByLabelText('What the figures count'), 'ageBand');
    expect(screen.getByTestId('csv-categories')).toHaveTextContent('18 to 24 (code 18_24)');
    const text = '\uFEFFcategory,count\r\n18 to 24,"12,345"\r\n';
    await user.upload(within(form).getByLabelText('CSV file'), new File([text], 'ages.csv', { type: 'text/csv' }));
    await user.click(within(form).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(backend.importBenchmarkPopulation).toHaveBeenCalledTimes(1));
    expect(vi.mocked(backend.importBenchmarkPopulation).mock.calls[0][0]).toEqual({
      name: 'Census 2021, ages',
      source: '',
      year: 2021,
      dimension: 'ageBand',
      csvText: text.slice(1), // File.text() drops the byte order mark (Go accepts either)
    });
    expect(await screen.findByText(/Census 2021, ages: imported, 2 categories/)).toBeInTheDocument();
  });

  it('a refused file: each line’s problem in the summary, linked to the file input, and beside it', async () => {
    asRole('lead');
    const user = userEvent.setup();
    vi.mocked(backend.importBenchmarkPopulation).mockRejectedValue({
      code: 'invalid',
      message: 'There is a problem with the benchmark population',
      fields: [
        { field: 'file', message: 'Line 3: “Atlantis” is not a category of borough where they live.' },
        { field: 'file', message: 'Line 5: the count must be a whole number of people from 0 to 100,000,000.' },
      ],
    });
    const { container } = renderApp('/benchmarks');
    const form = await screen.findByTestId('benchmark-form');
    await user.click(within(form).getByRole('button', { name: 'Import' }));
    // checked before Go: no file chosen
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'Choose the CSV file with the figures' })).toHaveAttribute('href', '#file');
    expect(backend.importBenchmarkPopulation).not.toHaveBeenCalled();

    await user.type(within(form).getByLabelText('Name'), 'Census');
    await user.selectOptions(within(form).getByLabelText('What the figures count'), 'borough');
    await user.upload(within(form).getByLabelText('CSV file'), new File(['category,count\n'], 'b.csv', { type: 'text/csv' }));
    await user.click(within(form).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(within(screen.getByTestId('error-summary')).getAllByRole('link')).toHaveLength(2));
    const links = within(screen.getByTestId('error-summary')).getAllByRole('link');
    expect(links[0]).toHaveTextContent('Line 3: “Atlantis” is not a category');
    expect(links[1]).toHaveAttribute('href', '#file');
    expect(screen.getByTestId('file-errors')).toHaveTextContent('Line 5: the count must be a whole number');
    await expectAxeClean(container);
  });

  it('staff read the list: no import form, no delete', async () => {
    asRole('staff');
    renderApp('/benchmarks');
    expect(await screen.findByTestId('benchmarks-read-only')).toHaveTextContent('Only a lead’s laptop can import or delete');
    expect(screen.getAllByTestId('benchmark-row')).toHaveLength(1);
    expect(screen.queryByTestId('benchmark-form')).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
  });

  it('a lead deletes one', async () => {
    asRole('lead');
    const user = userEvent.setup();
    vi.mocked(backend.deleteBenchmarkPopulation).mockResolvedValue(undefined);
    renderApp('/benchmarks');
    await screen.findAllByTestId('benchmark-row');
    await user.click(await screen.findByRole('button', { name: /^Delete\s*Census 2021, south-east London boroughs$/ }));
    expect(backend.deleteBenchmarkPopulation).toHaveBeenCalledWith('b1');
    expect(await screen.findByText('Census 2021, south-east London boroughs: deleted.')).toBeInTheDocument();
  });

  it('Settings links to it', async () => {
    asRole('staff');
    vi.mocked(backend.getAppInfo).mockResolvedValue({
      version: '0.1.0',
      dataDir: '/d',
      dbPath: '/d/involve.db',
      deviceId: 'dev',
      userName: 'Sam',
      schemaVersion: 3,
      referenceVersion: '2026.1',
    });
    renderApp('/settings');
    const sec = await screen.findByTestId('settings-retention');
    expect(within(sec).getByRole('link', { name: 'Benchmark populations to compare reach with' })).toHaveAttribute('href', '/benchmarks');
  });
});

describe('Reports: reach compared with a benchmark population', { timeout: 20000 }, () => {
  it('choosing a benchmark shows the comparison table, suppressed marks kept', async () => {
    asRole('staff');
    const user = userEvent.setup();
    vi.mocked(backend.getReport).mockResolvedValue(figures());
    vi.mocked(backend.getReachComparison).mockResolvedValue(comparison);
    const { container } = renderScreen(<ReportsScreen />, '/reports');
    const panel = await screen.findByTestId('reach-comparison');
    const select = await within(panel).findByLabelText('Compare with a benchmark population');
    expect(backend.getReachComparison).not.toHaveBeenCalled();
    await user.selectOptions(select, 'b1');
    const table = await within(panel).findByTestId('reach-comparison-table');
    expect(vi.mocked(backend.getReachComparison).mock.calls[0][1]).toBe('b1');
    const rows = within(table).getAllByTestId('comparison-row');
    expect(rows.map((r) => Array.from(r.children, (c) => c.textContent))).toEqual([
      ['Greenwich', '0', '0.0%', '10.0%', '−10.0 points'],
      ['Lambeth', '30', '66.7%', '30.0%', '+36.7 points'],
      ['Lewisham', '<5', '–', '30.0%', '–'],
    ]);
    expect(within(panel).getByTestId('reach-comparison-definition')).toHaveTextContent('Shares of the 45 people reached');
    expect(within(panel).getByText(/“&lt;5”|“<5” is 1 to 4 people/)).toBeInTheDocument();
    await expectAxeClean(container);
  });

  it('one hidden count among the benchmark’s categories: no shares, and why', async () => {
    asRole('staff');
    const user = userEvent.setup();
    vi.mocked(backend.getReport).mockResolvedValue(figures());
    const withheld = (r: ReachComparison['rows'][number]) => ({ ...r, percent: { value: null, text: '–', withheld: true }, percentText: '–', difference: null, differenceText: '–' });
    vi.mocked(backend.getReachComparison).mockResolvedValue({ ...comparison, compared: 0, outside: 0, sharesWithheld: true, rows: comparison.rows.map(withheld) });
    renderScreen(<ReportsScreen />, '/reports');
    const panel = await screen.findByTestId('reach-comparison');
    await user.selectOptions(await within(panel).findByLabelText('Compare with a benchmark population'), 'b1');
    expect(await within(panel).findByTestId('reach-comparison-definition')).toHaveTextContent('Shares are not shown: with the numbers shown in the reach above');
    const rows = within(panel).getAllByTestId('comparison-row');
    expect(rows.map((r) => r.children[2].textContent)).toEqual(['–', '–', '–']);
  });

  it('no benchmark yet: a link to import one', async () => {
    asRole('staff');
    vi.mocked(backend.listBenchmarkPopulations).mockResolvedValue(list([]));
    vi.mocked(backend.getReport).mockResolvedValue(figures());
    renderScreen(<ReportsScreen />, '/reports');
    const none = await screen.findByTestId('reach-comparison-none');
    expect(within(none).getByRole('link', { name: 'benchmark populations' })).toHaveAttribute('href', '/benchmarks');
  });
});
