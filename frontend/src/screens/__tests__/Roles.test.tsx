// Device roles on screen (issue 12): the tag on the status line and the words in
// Settings; a capture laptop has no People in the menu, no People screens (an address
// typed by hand says "Not on this laptop") and no partners in Reports; only a lead (or a
// laptop without a role) approves payments; a role changed by a sync updates the app at
// once and moves the person off a screen the new role cannot use.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import * as backend from '../../lib/backend';
import { emit } from '../../test/backendMock';
import { Events } from '../../lib/types';
import type { Role } from '../../lib/roles';
import { notConnected, syncStatus } from '../../test/syncFixtures';
import { summary } from '../../test/fixtures';
import { consent, contributor, feePreview, peopleRef, rateCard, timeEntry, totals } from '../../test/peopleFixtures';
import { figures, lepFigures } from '../../test/reportFixtures';
import { resetPeopleRefCache } from '../people/usePeopleRef';
import { ReportsScreen } from '../ReportsScreen';
import { expectAxeClean } from '../../test/axe';
import { renderApp, renderScreen } from '../../test/renderApp';
import { dateGroup, dateShown, findDateGroup } from '../../test/dates';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const asRole = (role: Role) => vi.mocked(backend.getSyncStatus).mockResolvedValue(role ? syncStatus({ role }) : notConnected());
const menu = () => screen.getByRole('navigation', { name: 'Menu' });
const roleTagEl = () => screen.queryByTestId('role-tag');

beforeEach(() => {
  vi.clearAllMocks();
  resetPeopleRefCache();
  vi.mocked(backend.getHome).mockResolvedValue({
    today: [],
    recent: [summary({ id: 'r1', title: 'Steering group' })],
    counts: { projects: 1, sessions: 2, feedback: 3, feedbackToday: 0, needsResponse: 0 },
  });
  vi.mocked(backend.listSessions).mockResolvedValue([summary()]);
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
  vi.mocked(backend.getPeopleReference).mockResolvedValue(peopleRef);
  vi.mocked(backend.listContributors).mockResolvedValue([contributor()]);
  vi.mocked(backend.getContributor).mockResolvedValue(contributor());
  vi.mocked(backend.getLEPTotals).mockResolvedValue(totals());
  vi.mocked(backend.listTimeEntries).mockResolvedValue([timeEntry()]);
  vi.mocked(backend.getTimeEntry).mockResolvedValue(timeEntry({ approvedOn: '2026-04-10', paidOn: '' }));
  vi.mocked(backend.listConsents).mockResolvedValue([consent()]);
  vi.mocked(backend.listRateCards).mockResolvedValue([rateCard()]);
  vi.mocked(backend.previewFee).mockResolvedValue(feePreview());
});

// Generous time: the whole suite shares 2 cores, and Reports draws its charts.
describe('the role on the status line', { timeout: 20000 }, () => {
  it.each([
    ['capture', 'Capture laptop', 'This laptop’s role: capture'],
    ['staff', 'Staff', 'This laptop’s role: staff'],
    ['lead', 'Lead', 'This laptop’s role: lead'],
  ] as const)('%s: a short tag, read out as a whole phrase', async (role, text, spoken) => {
    asRole(role);
    renderApp('/');
    const tag = await screen.findByTestId('role-tag');
    expect(within(screen.getByTestId('sync-status')).getByTestId('role-tag')).toBe(tag);
    expect(tag).toHaveTextContent(text);
    expect(within(tag).getByText(spoken)).toHaveClass('nhsuk-u-visually-hidden');
  });

  it('shows no tag without a role (not connected, or a server before roles)', async () => {
    asRole('');
    renderApp('/');
    await waitFor(() => expect(screen.getByTestId('sync-status')).toHaveAttribute('data-state', 'not_connected'));
    expect(roleTagEl()).toBeNull();
  });
});

describe('the role on the Sync screen', { timeout: 20000 }, () => {
  it('is a row of the connection summary, and absent without a role', async () => {
    asRole('capture');
    const { unmount } = renderApp('/sync');
    const row = await screen.findByTestId('sync-role');
    expect(row).toHaveTextContent('RoleCapture laptop');
    unmount();

    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ role: '' }));
    renderApp('/sync');
    await screen.findByTestId('sync-summary');
    expect(screen.queryByTestId('sync-role')).toBeNull();
  });
});

describe('the role in Settings', { timeout: 20000 }, () => {
  it.each([
    ['capture', /^This laptop is enrolled for capture — it never holds partners’ details\./],
    ['staff', /^This laptop is enrolled for staff\..*Only a lead’s laptop can approve payments/],
    ['lead', /^This laptop is enrolled for a lead\./],
  ] as const)('%s: says what the role means, and is axe clean', async (role, words) => {
    asRole(role);
    const { container } = renderApp('/settings');
    const summaryEl = await screen.findByTestId('role-summary');
    expect(within(screen.getByTestId('settings-sync')).getByTestId('role-summary')).toBe(summaryEl);
    expect(summaryEl.querySelector('p')?.textContent).toMatch(words);
    await expectAxeClean(container);
  });

  it('says nothing about roles when not connected', async () => {
    asRole('');
    renderApp('/settings');
    await screen.findByText(/This laptop is not connected to a server/);
    expect(screen.queryByTestId('role-summary')).toBeNull();
  });
});

describe('a capture laptop', { timeout: 20000 }, () => {
  it('has no People in the menu (staff and lead do)', async () => {
    asRole('capture');
    renderApp('/');
    await screen.findByTestId('role-tag');
    expect(within(menu()).queryByRole('link', { name: 'People' })).toBeNull();
    expect(within(menu()).getByRole('link', { name: 'Sessions' })).toBeInTheDocument();
  });

  it.each(['staff', 'lead', ''] as const)('role "%s" keeps People in the menu', async (role) => {
    asRole(role);
    renderApp('/');
    await waitFor(() => expect(backend.getSyncStatus).toHaveBeenCalled());
    await screen.findByTestId('home-counts');
    expect(within(menu()).getByRole('link', { name: 'People' })).toHaveAttribute('href', '/people');
  });

  it.each(['/people', '/people/new', '/people/rates', '/people/c1', '/people/c1/edit', '/people/c1/consent/new', '/people/c1/time/new', '/people/c1/time/t1/edit'])(
    'shows "Not on this laptop" at %s, and never asks Go for partners',
    async (path) => {
      asRole('capture');
      renderApp(path);
      expect(await screen.findByRole('heading', { level: 1, name: 'Not on this laptop' })).toBeInTheDocument();
      expect(screen.getByText(/This laptop is enrolled for capture, so it does not hold Lived Experience Partners/)).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
      for (const call of [backend.listContributors, backend.getContributor, backend.listTimeEntries, backend.listConsents, backend.listRateCards, backend.getTimeEntry]) {
        expect(call).not.toHaveBeenCalled();
      }
    },
  );

  it('"Not on this laptop" is axe clean with one h1', async () => {
    asRole('capture');
    const { container } = renderApp('/people');
    await screen.findByTestId('not-on-this-laptop');
    expect(container.querySelectorAll('h1')).toHaveLength(1);
    await expectAxeClean(container);
  });

  it('shows no Lived Experience Partners section in Reports (staff does)', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(figures({ lep: lepFigures() }));
    asRole('capture');
    const { unmount } = renderScreen(<ReportsScreen />, '/reports');
    await screen.findByTestId('report-actions');
    await waitFor(() => expect(backend.getSyncStatus).toHaveBeenCalled());
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.queryByTestId('report-lep')).toBeNull();
    unmount();

    asRole('staff');
    renderScreen(<ReportsScreen />, '/reports');
    expect(await screen.findByTestId('report-lep')).toBeInTheDocument();
  });
});

describe('payments', { timeout: 20000 }, () => {
  it('a staff laptop shows the approval dates but cannot change them, and says why', async () => {
    asRole('staff');
    renderApp('/people/c1/time/t1/edit');
    const box = await screen.findByTestId('payment-lead-only');
    expect(box).toHaveTextContent('Only a lead’s laptop can approve payments or mark them paid.');
    expect(box).toHaveTextContent('Date approved: 10 April 2026. Date paid: not paid yet.');
    expect(screen.queryByRole('group', { name: 'Date approved' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Date paid' })).toBeNull();
    expect(dateGroup('Date claimed')).toBeInTheDocument();
  });

  it.each(['lead', ''] as const)('role "%s" can approve and mark paid', async (role) => {
    asRole(role);
    renderApp('/people/c1/time/t1/edit');
    expect(dateShown(await findDateGroup('Date approved'))).toBe('10 4 2026');
    expect(dateShown(dateGroup('Date paid'))).toBe('_ _ _');
    expect(screen.queryByTestId('payment-lead-only')).toBeNull();
  });
});

describe('a role changed by a sync', { timeout: 20000 }, () => {
  it('moves the person from People to Home with a banner, and the menu and tag follow', async () => {
    asRole('staff');
    renderApp('/people');
    await screen.findByTestId('people-table');
    expect(screen.getByTestId('role-tag')).toHaveTextContent('Staff');

    act(() => emit(Events.syncStatus, syncStatus({ role: 'capture' })));

    expect(await screen.findByRole('heading', { level: 1, name: 'Home' })).toBeInTheDocument();
    expect(screen.getByTestId('flash')).toHaveTextContent(
      'This laptop is now enrolled for capture, so the screen you were on is not available here. You are back on Home.',
    );
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('flash'))); // focus is not lost (WCAG 2.4.3)
    expect(within(menu()).queryByRole('link', { name: 'People' })).toBeNull();
    expect(screen.getByTestId('role-tag')).toHaveTextContent('Capture laptop');
  });

  it('leaves the person where they are when the new role may use the screen', async () => {
    asRole('staff');
    renderApp('/sessions');
    await screen.findByRole('heading', { level: 1, name: 'Sessions' });
    await screen.findByTestId('role-tag');

    act(() => emit(Events.syncStatus, syncStatus({ role: 'capture' })));

    await waitFor(() => expect(screen.getByTestId('role-tag')).toHaveTextContent('Capture laptop'));
    expect(screen.getByRole('heading', { level: 1, name: 'Sessions' })).toBeInTheDocument();
    expect(screen.queryByTestId('flash')).toBeNull();
    expect(within(menu()).queryByRole('link', { name: 'People' })).toBeNull();
  });

  it('gives People back when a capture laptop is raised to staff', async () => {
    asRole('capture');
    renderApp('/');
    await screen.findByTestId('role-tag');
    expect(within(menu()).queryByRole('link', { name: 'People' })).toBeNull();

    act(() => emit(Events.syncStatus, syncStatus({ role: 'staff' })));

    expect(await within(menu()).findByRole('link', { name: 'People' })).toBeInTheDocument();
  });
});
