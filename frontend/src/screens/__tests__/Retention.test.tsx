// The retention schedule and the due list (issue 13): everyone reads the schedule in
// Settings, only a lead changes a line or sees what is due; "Keep until…" records a date
// and a reason; the screens say erasure comes later; axe clean.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { Role } from '../../lib/roles';
import type { DueItem, RetentionEntry } from '../../lib/types';
import { notConnected, syncStatus } from '../../test/syncFixtures';
import { expectAxeClean } from '../../test/axe';
import { renderApp } from '../../test/renderApp';
import { dateGroup, typeDate } from '../../test/dates';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const asRole = (role: Role) => vi.mocked(backend.getSyncStatus).mockResolvedValue(role ? syncStatus({ role }) : notConnected());

const entry = (over: Partial<RetentionEntry> = {}): RetentionEntry => ({
  recordKind: 'contributor',
  label: 'Contributor details',
  hint: 'A Lived Experience Partner’s name, contact details, access needs and lived experience',
  period: 12,
  unit: 'months',
  anchor: 'agreement_end',
  text: '12 months after the agreement ends',
  autoErase: false,
  isDefault: true,
  defaultText: '12 months after the agreement ends',
  source: 'Local decision under the NHS Records Management Code of Practice 2023',
  anchors: [
    { code: 'agreement_end', label: 'after the agreement ends' },
    { code: 'last_payment', label: 'after the last payment' },
    { code: 'consent_withdrawn', label: 'after consent is withdrawn' },
  ],
  ...over,
});

const schedule = (): RetentionEntry[] => [
  entry(),
  entry({
    recordKind: 'time_entry',
    label: 'Time and payment entries',
    hint: undefined,
    period: 7,
    unit: 'years',
    anchor: 'tax_year_end',
    text: '7 years after the end of the tax year of the payment',
    isDefault: false,
    setBy: 'Sam Lead',
    setAt: '2026-11-30T10:00:00.000Z',
    autoErase: true,
    defaultText: '6 years after the end of the tax year of the payment',
    source: 'HMRC: keep payment records for 6 years after the end of the tax year they relate to',
    anchors: [{ code: 'tax_year_end', label: 'after the end of the tax year of the payment' }],
  }),
];

const due = (over: Partial<DueItem> = {}): DueItem => ({
  recordKind: 'contributor',
  kindLabel: 'Contributor details',
  entity: 'contributor',
  recordId: 'c7',
  title: 'Contributor 7',
  from: '2025-01-31',
  dueOn: '2026-01-31',
  why: '12 months after the agreement ends (31 January 2025)',
  autoErase: false,
  ...over,
});

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.getAppInfo).mockResolvedValue({
    version: '0.1.0',
    dataDir: '/d',
    dbPath: '/d/involve.db',
    deviceId: 'dev',
    userName: 'Sam',
    schemaVersion: 3,
    referenceVersion: '2026.1',
  });
  vi.mocked(backend.getRetentionSchedule).mockResolvedValue(schedule());
  vi.mocked(backend.listDueForReview).mockResolvedValue({
    asOf: '2026-12-06',
    items: [due(), due({ recordKind: 'deleted', kindLabel: 'Deleted records', entity: 'session', recordId: 's1', title: 'Deleted: Old session', dueOn: '2026-11-01', why: '30 days after deletion (2 October 2026)' })],
  });
});

describe('Settings: how long we keep records', { timeout: 20000 }, () => {
  it('a lead has links to the schedule and the due list', async () => {
    asRole('lead');
    const { container } = renderApp('/settings');
    const sec = await screen.findByTestId('settings-retention');
    await waitFor(() => expect(within(sec).getByRole('link', { name: 'Records due for review' })).toHaveAttribute('href', '/retention/due'));
    expect(within(sec).getByRole('link', { name: 'See or change how long we keep records' })).toHaveAttribute('href', '/settings/retention');
    await expectAxeClean(container);
  });

  it.each(['staff', 'capture', ''] as const)('role "%s" reads the schedule, with no due list', async (role) => {
    asRole(role);
    renderApp('/settings');
    const sec = await screen.findByTestId('settings-retention');
    await waitFor(() => expect(backend.getSyncStatus).toHaveBeenCalled());
    expect(within(sec).getByRole('link', { name: 'See how long we keep records' })).toBeInTheDocument();
    expect(within(sec).queryByRole('link', { name: 'Records due for review' })).toBeNull();
  });
});

describe('the schedule', { timeout: 20000 }, () => {
  it('staff read it: each kind, its period, the default’s source or who set it; no Change links', async () => {
    asRole('staff');
    const { container } = renderApp('/settings/retention');
    const rows = await screen.findAllByTestId('retention-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Contributor details');
    expect(rows[0]).toHaveTextContent('12 months after the agreement ends');
    expect(rows[0]).toHaveTextContent('Default. Source: Local decision under the NHS Records Management Code of Practice 2023');
    expect(rows[1]).toHaveTextContent('7 years after the end of the tax year of the payment');
    expect(rows[1]).toHaveTextContent('Erase automatically when due (in a later version)');
    expect(rows[1]).toHaveTextContent('Sam Lead, 30 November 2026');
    expect(await screen.findByTestId('retention-read-only')).toHaveTextContent('Only a lead’s laptop can change how long records are kept');
    expect(screen.queryByRole('link', { name: /Change/ })).toBeNull();
    expect(screen.getByText(/Erasing records automatically when they are due comes in a later version of Involve/)).toBeInTheDocument();
    await expectAxeClean(container);
  });

  it('a lead changes a line: period, unit, date and the erase-automatically choice', async () => {
    asRole('lead');
    const user = userEvent.setup();
    vi.mocked(backend.setRetentionRule).mockResolvedValue(schedule());
    const { container } = renderApp('/settings/retention');
    await user.click(await screen.findByRole('link', { name: /^Change\s*how long contributor details are kept$/ }));
    expect(await screen.findByRole('heading', { level: 1, name: /Contributor details/ })).toBeInTheDocument();
    const period = await screen.findByLabelText(/Keep for/);
    await waitFor(() => expect(period).toHaveValue('12'));
    expect(screen.getByText(/The default is 12 months after the agreement ends\. Source: Local decision/)).toBeInTheDocument();
    await expectAxeClean(container);

    await user.clear(period);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('link', { name: 'Enter the period as a whole number, like 6' })).toBeInTheDocument();
    expect(backend.setRetentionRule).not.toHaveBeenCalled();

    await user.type(period, '24');
    await user.click(screen.getByLabelText('Years'));
    await user.click(screen.getByLabelText('after the last payment'));
    await user.click(screen.getByLabelText('Erase automatically when due'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(backend.setRetentionRule).toHaveBeenCalledWith({ recordKind: 'contributor', period: 24, unit: 'years', anchor: 'last_payment', autoErase: true }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'How long we keep records' })).toBeInTheDocument();
    expect(await screen.findByText(/Contributor details: saved\. Every laptop of your team gets it at its next sync\./)).toBeInTheDocument();
  });

  it('a refusal from Go (a laptop that is no longer a lead) is shown, not lost', async () => {
    asRole('lead');
    const user = userEvent.setup();
    vi.mocked(backend.setRetentionRule).mockRejectedValue({
      code: 'forbidden',
      message: 'Only a lead laptop may change how long records are kept; this laptop is enrolled for staff.',
    });
    renderApp('/settings/retention/contributor');
    await waitFor(() => expect(screen.getByLabelText(/Keep for/)).toHaveValue('12'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Only a lead laptop may change how long records are kept/)).toBeInTheDocument();
  });

  it('staff at a line’s address see it, with no form', async () => {
    asRole('staff');
    renderApp('/settings/retention/contributor');
    expect(await screen.findByText('Kept for 12 months after the agreement ends.')).toBeInTheDocument();
    expect(screen.queryByTestId('retention-form')).toBeNull();
  });
});

describe('due for review', { timeout: 20000 }, () => {
  it('a lead sees each record by pseudonym or title, when it became due and why; axe clean', async () => {
    asRole('lead');
    const { container } = renderApp('/retention/due');
    const rows = await screen.findAllByTestId('due-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Contributor 7');
    expect(rows[0]).toHaveTextContent('Contributor details');
    expect(rows[0]).toHaveTextContent('31 January 2026');
    expect(rows[0]).toHaveTextContent('Kept for 12 months after the agreement ends (31 January 2025)');
    expect(screen.getByText('2 records due on 6 December 2026')).toBeInTheDocument();
    expect(screen.getByText(/Erasing other records, and erasing automatically when due, come in a later version/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Erase/ })).toBeNull();
    // "Erase now" for the partner (to its confirmation page), none for the deleted session
    expect(within(rows[0]).getByRole('link', { name: /^Erase now\s*Contributor 7$/ })).toHaveAttribute('href', '/people/c7/erase?from=due');
    expect(within(rows[1]).queryByRole('link', { name: /Erase now/ })).toBeNull();
    await expectAxeClean(container);
  });

  it('"Keep until…" records the date and the reason, and the list is read again', async () => {
    asRole('lead');
    const user = userEvent.setup();
    const { container } = renderApp('/retention/due');
    await user.click(await screen.findByRole('button', { name: /^Keep until…\s*Contributor 7$/ }));
    const heading = await screen.findByRole('heading', { level: 2, name: 'Keep Contributor 7' });
    expect(heading).toHaveFocus();
    await expectAxeClean(container);

    vi.mocked(backend.keepUntil).mockRejectedValueOnce({
      code: 'invalid',
      message: 'There is a problem with the keep until',
      fields: [
        { field: 'until', message: 'Enter the date to keep it until' },
        { field: 'reason', message: 'Enter why it is kept' },
      ],
    });
    await user.click(screen.getByRole('button', { name: 'Keep until this date' }));
    expect(await screen.findByRole('link', { name: 'Enter why it is kept' })).toBeInTheDocument();

    vi.mocked(backend.keepUntil).mockResolvedValue(undefined);
    vi.mocked(backend.listDueForReview).mockResolvedValue({ asOf: '2026-12-06', items: [] });
    const form = screen.getByTestId('keep-form');
    await typeDate(user, dateGroup(/Keep until/, form), '2027-06-30');
    await user.type(within(form).getByLabelText(/Because/), 'An open complaint');
    await user.click(screen.getByRole('button', { name: 'Keep until this date' }));
    await waitFor(() =>
      expect(backend.keepUntil).toHaveBeenLastCalledWith({
        recordEntity: 'contributor',
        recordId: 'c7',
        recordKind: 'contributor',
        until: '2027-06-30',
        reason: 'An open complaint',
      }),
    );
    expect(await screen.findByTestId('nothing-due')).toHaveTextContent('Nothing is due for review on 6 December 2026.');
    expect(screen.queryByTestId('keep-form')).toBeNull();
    expect(await screen.findByText('Contributor 7 is kept until 30 June 2027.')).toBeInTheDocument();
  });

  it.each(['staff', 'capture', ''] as const)('role "%s": only a lead’s laptop, and Go is never asked', async (role) => {
    asRole(role);
    renderApp('/retention/due');
    expect(await screen.findByTestId('due-not-lead')).toHaveTextContent('Only a lead’s laptop can');
    expect(backend.listDueForReview).not.toHaveBeenCalled();
  });
});
