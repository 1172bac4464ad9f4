// The UK Standards self-assessment (#/standards, issue 16): the ratings over time as a
// table whose cells carry the word (never colour alone), every assessment newest first,
// the links from Reports and (for a lead) Settings; a lead's form (each standard's name
// and statement, radios, evidence, links one a line → a list, next steps; Go's problems
// listed and linked to their fields); staff read only, with a sentence; axe clean.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { Role } from '../../lib/roles';
import type { StandardsAssessment, StandardsOverview } from '../../lib/standards';
import { notConnected, syncStatus } from '../../test/syncFixtures';
import { expectAxeClean } from '../../test/axe';
import { renderApp } from '../../test/renderApp';
import { dateGroup, typeDate } from '../../test/dates';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const asRole = (role: Role) => vi.mocked(backend.getSyncStatus).mockResolvedValue(role ? syncStatus({ role }) : notConnected());

const NAMES = ['Inclusive opportunities', 'Working together', 'Support and learning', 'Communications', 'Impact', 'Governance'];
const meta = { createdAt: '', updatedAt: '', createdBy: 'Sam', deviceId: 'd', rev: 1 };

const assessment = (id: string, on: string, ratings: string[]): StandardsAssessment => ({
  ...meta,
  id,
  assessedOn: on,
  scope: 'team',
  from: '',
  to: '',
  ratings: ratings.map((rating, i) => ({
    standard: String(i + 1),
    rating,
    evidence: i === 0 ? 'Sessions in three languages' : '',
    links: i === 0 ? ['https://example.nhs.uk/report', 'action:0190c5e2-7d4a-7b3c-8d2e-1f2a3b4c5d6e'] : [],
    nextSteps: i === 0 ? 'Reach younger carers' : '',
  })),
});

const older = assessment('a1', '2026-05-01', ['red', 'red', 'amber', 'amber', 'red', 'not_rated']);
const newer = assessment('a2', '2026-11-30', ['green', 'amber', 'amber', 'green', 'amber', 'red']);

const overview = (): StandardsOverview => ({
  assessments: [
    { assessment: newer, scopeName: 'The whole team' },
    { assessment: older, scopeName: 'The whole team' },
  ],
  overTime: {
    scope: 'team',
    scopeName: 'The whole team',
    assessments: ['2026-05-01', '2026-11-30'],
    standards: NAMES.map((name, i) => ({
      code: String(i + 1),
      name,
      statement: `Statement of standard ${i + 1}.`,
      ratings: [
        { assessmentId: 'a1', assessedOn: '2026-05-01', rating: older.ratings[i].rating },
        { assessmentId: 'a2', assessedOn: '2026-11-30', rating: newer.ratings[i].rating },
      ],
    })),
  },
  ratings: [
    { code: 'red', label: 'Red', hint: 'Not met: much to do' },
    { code: 'amber', label: 'Amber', hint: 'Partly met: some to do' },
    { code: 'green', label: 'Green', hint: 'Met: keep it up' },
    { code: 'not_rated', label: 'Not rated', hint: 'Not assessed this time' },
  ],
});

beforeEach(() => {
  vi.clearAllMocks();
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 11, 6, 10, 0) });
  vi.mocked(backend.listStandardsAssessments).mockResolvedValue(overview());
  vi.mocked(backend.getStandardsAssessment).mockResolvedValue(older);
  vi.mocked(backend.listProjects).mockResolvedValue([]);
  vi.mocked(backend.getAppInfo).mockResolvedValue({
    version: '0.1.0',
    dataDir: '/d',
    dbPath: '/d/involve.db',
    deviceId: 'dev',
    userName: 'Sam',
    schemaVersion: 3,
    referenceVersion: '2026.1',
  });
});

describe('UK Standards over time', { timeout: 20000 }, () => {
  it('shows a row per standard and a column per assessment, oldest first, each cell a tag with its word', async () => {
    asRole('staff');
    const { container } = renderApp('/standards');
    const table = await screen.findByTestId('standards-over-time');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(7);
    expect(within(rows[0]).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Standard', '1 May 2026', '30 November 2026']);
    expect(within(rows[1]).getByRole('rowheader')).toHaveTextContent('1. Inclusive opportunities');
    const cells = within(rows[1]).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(['Red', 'Green']);
    expect(cells[0].querySelector('.nhsuk-tag--red')).not.toBeNull();
    expect(cells[1].querySelector('.nhsuk-tag--green')).not.toBeNull();
    expect(within(rows[6]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Not rated', 'Red']);
    // every assessment, newest first, with a few words
    const list = screen.getByTestId('standards-list');
    const links = within(list).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['30 November 2026: The whole team', '1 May 2026: The whole team']);
    expect(list).toHaveTextContent('2 green, 3 amber, 1 red');
    // staff: no form, a sentence
    expect(screen.getByTestId('standards-read-only')).toHaveTextContent('Only your team’s lead rates the team against the UK Standards');
    expect(screen.queryByRole('button', { name: 'Assess against the standards' })).toBeNull();
    await expectAxeClean(container);
  });

  it('asks Go again for another scope', async () => {
    asRole('lead');
    const user = userEvent.setup();
    vi.mocked(backend.listProjects).mockResolvedValue([
      { id: 'p1', name: 'Bus routes' } as Awaited<ReturnType<typeof backend.listProjects>>[number],
    ]);
    renderApp('/standards');
    await screen.findByTestId('standards-over-time');
    expect(screen.getByRole('button', { name: 'Assess against the standards' })).toHaveAttribute('href', '#/standards/new');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Bus routes' })).toBeInTheDocument());
    await user.selectOptions(screen.getByLabelText('Show the ratings of'), 'p1');
    await waitFor(() => expect(backend.listStandardsAssessments).toHaveBeenLastCalledWith('p1'));
  });

  it('is linked from Reports, and from Settings for a lead only', async () => {
    asRole('lead');
    vi.mocked(backend.getReport).mockReturnValue(new Promise(() => {}));
    const reports = renderApp('/reports');
    expect(within(await screen.findByTestId('report-standards')).getByRole('link', { name: 'UK Standards self-assessment' })).toHaveAttribute(
      'href',
      '/standards',
    );
    reports.unmount();
    const lead = renderApp('/settings');
    expect(within(await screen.findByTestId('settings-standards')).getByRole('link')).toHaveAttribute('href', '/standards');
    lead.unmount();
    asRole('staff');
    renderApp('/settings');
    await screen.findByTestId('settings-retention');
    await waitFor(() => expect(backend.getSyncStatus).toHaveBeenCalled());
    expect(screen.queryByTestId('settings-standards')).toBeNull();
  });
});

describe('Assess against the standards', { timeout: 60000 }, () => {
  it('a lead rates each standard with its statement; links one a line go to Go as a list', async () => {
    asRole('lead');
    const user = userEvent.setup();
    vi.mocked(backend.createStandardsAssessment).mockResolvedValue(newer);
    const { container } = renderApp('/standards/new');
    const form = await screen.findByTestId('standards-form');
    for (const [i, name] of NAMES.entries()) {
      const sec = within(form).getByTestId(`standard-${i + 1}`);
      expect(within(sec).getByRole('heading', { level: 2 })).toHaveTextContent(`${i + 1}. ${name}`);
      expect(sec).toHaveTextContent(`Statement of standard ${i + 1}.`);
    }
    await expectAxeClean(container);

    for (const [i, name] of NAMES.entries()) {
      const group = screen.getByRole('group', { name: `Rating for ${name}` });
      await user.click(within(group).getByLabelText(i % 2 ? 'Amber' : 'Green'));
    }
    await user.click(screen.getByLabelText('Evidence for Inclusive opportunities'));
    await user.paste('Sessions in three languages');
    await user.click(screen.getByLabelText('Links to evidence for Inclusive opportunities (optional)'));
    await user.paste('https://example.nhs.uk/report\n\n  action:0190c5e2-7d4a-7b3c-8d2e-1f2a3b4c5d6e ');
    await user.click(screen.getByLabelText('Next steps for Governance'));
    await user.paste('Partners on the board');
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    await waitFor(() => expect(backend.createStandardsAssessment).toHaveBeenCalled());
    const sent = vi.mocked(backend.createStandardsAssessment).mock.calls[0][0];
    expect(sent.assessedOn).toBe('2026-12-06');
    expect(sent.scope).toBe('team');
    expect(sent.ratings.map((r) => r.rating)).toEqual(['green', 'amber', 'green', 'amber', 'green', 'amber']);
    expect(sent.ratings[0]).toEqual({
      standard: '1',
      rating: 'green',
      evidence: 'Sessions in three languages',
      links: ['https://example.nhs.uk/report', 'action:0190c5e2-7d4a-7b3c-8d2e-1f2a3b4c5d6e'],
      nextSteps: '',
    });
    expect(sent.ratings[5].nextSteps).toBe('Partners on the board');
    expect(await screen.findByText(/Assessment of 30 November 2026 saved/)).toBeInTheDocument();
  });

  it('Go’s problems are listed, each linked to its field', async () => {
    asRole('lead');
    const user = userEvent.setup();
    vi.mocked(backend.createStandardsAssessment).mockRejectedValue({
      code: 'invalid',
      message: 'There is a problem with the self-assessment',
      fields: [
        { field: 'assessedOn', message: 'Date of the assessment must be today or in the past' },
        { field: 'ratings.2.rating', message: 'Support and learning: select red, amber, green or not rated' },
        { field: 'ratings.0.links', message: 'Inclusive opportunities: “ftp://x” must be a web address that starts with https://' },
      ],
    });
    const { container } = renderApp('/standards/new');
    await screen.findByTestId('standards-form');
    await typeDate(user, dateGroup('Date of the assessment'), '2999-01-01');
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    const summary = await screen.findByTestId('error-summary');
    const link = within(summary).getByRole('link', { name: 'Support and learning: select red, amber, green or not rated' });
    expect(link).toHaveAttribute('href', '#ratings.2.rating');
    await user.click(link);
    expect(document.activeElement).toBe(document.getElementById('ratings.2.rating'));
    expect(within(summary).getByRole('link', { name: /ftp:\/\/x/ })).toHaveAttribute('href', '#ratings.0.links');
    expect(within(summary).getByRole('link', { name: /today or in the past/ })).toHaveAttribute('href', '#assessedOn');
    expect(screen.getByLabelText(/Links to evidence for Inclusive opportunities/)).toHaveAccessibleDescription(/must be a web address/);
    await expectAxeClean(container);
  });

  it('a lead edits an assessment: Go gets the record as loaded and as edited', async () => {
    asRole('lead');
    const user = userEvent.setup();
    vi.mocked(backend.updateStandardsAssessment).mockResolvedValue(older);
    renderApp('/standards/a1');
    const group = await screen.findByRole('group', { name: 'Rating for Impact' });
    expect(within(group).getByLabelText('Red')).toBeChecked();
    expect(screen.getByLabelText(/Links to evidence for Inclusive opportunities/)).toHaveValue(
      'https://example.nhs.uk/report\naction:0190c5e2-7d4a-7b3c-8d2e-1f2a3b4c5d6e',
    );
    await user.click(within(group).getByLabelText('Amber'));
    await user.click(screen.getByRole('button', { name: 'Save assessment' }));
    await waitFor(() => expect(backend.updateStandardsAssessment).toHaveBeenCalled());
    const [id, loaded, edited] = vi.mocked(backend.updateStandardsAssessment).mock.calls[0];
    expect(id).toBe('a1');
    expect(loaded).toBe(older);
    expect(edited.ratings[4].rating).toBe('amber');
    expect(edited.ratings[0].links).toEqual(older.ratings[0].links);
  });

  it('an assessment of a project deleted since shows its scope as “A deleted project”', async () => {
    asRole('lead');
    vi.mocked(backend.getStandardsAssessment).mockResolvedValue({ ...older, scope: '0190c5e2-7d4a-7b3c-8d2e-1f2a3b4c5d6f' });
    renderApp('/standards/a1');
    const select = await screen.findByLabelText('What it covers');
    await waitFor(() => expect(within(select).getByRole('option', { name: 'A deleted project' })).toHaveProperty('selected', true));
  });

  it.each(['staff', ''] as const)('role "%s" reads an assessment, with a sentence and no form', async (role) => {
    asRole(role);
    const { container } = renderApp('/standards/a1');
    const view = await screen.findByTestId('standards-view');
    expect(screen.queryByTestId('standards-form')).toBeNull();
    expect(screen.getByTestId('standards-read-only')).toHaveTextContent('Only your team’s lead rates');
    expect(view).toHaveTextContent('1. Inclusive opportunities');
    expect(view).toHaveTextContent('Evidence: Sessions in three languages');
    expect(within(view).getByRole('link', { name: /example\.nhs\.uk\/report \(opens in your browser\)/ })).toHaveAttribute(
      'href',
      'https://example.nhs.uk/report',
    );
    expect(within(view).getByRole('link', { name: /^An action/ })).toHaveAttribute(
      'href',
      '/actions/0190c5e2-7d4a-7b3c-8d2e-1f2a3b4c5d6e/edit',
    );
    expect(within(view).getAllByText('Red')).toHaveLength(3);
    await expectAxeClean(container);
  });
});
