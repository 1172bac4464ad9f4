import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { consent, contributor, feePreview, peopleRef, rateCard, timeEntry, totals } from '../../test/peopleFixtures';
import { parsePounds, pounds } from '../../lib/format';
import { resetPeopleRefCache } from '../people/usePeopleRef';
import { expectAxeClean } from '../../test/axe';
import { renderApp } from '../../test/renderApp';
import { dateGroup, typeDate } from '../../test/dates';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

beforeEach(() => {
  vi.clearAllMocks();
  resetPeopleRefCache();
  vi.mocked(backend.getPeopleReference).mockResolvedValue(peopleRef);
  vi.mocked(backend.listContributors).mockResolvedValue([contributor(), contributor({ id: 'c2', name: 'Contributor 4', pseudonym: 'Contributor 4', withdrawn: true, purposes: [] })]);
  vi.mocked(backend.getContributor).mockResolvedValue(contributor());
  vi.mocked(backend.getLEPTotals).mockResolvedValue(totals());
  vi.mocked(backend.listTimeEntries).mockResolvedValue([timeEntry()]);
  vi.mocked(backend.listConsents).mockResolvedValue([consent()]);
  vi.mocked(backend.listRateCards).mockResolvedValue([rateCard(), rateCard({ id: 'r0', amountPence: 2000, effectiveFrom: '2025-04-01', effectiveTo: '2026-03-31' })]);
  vi.mocked(backend.listProjects).mockResolvedValue([]);
  vi.mocked(backend.listSessions).mockResolvedValue([]);
  vi.mocked(backend.previewFee).mockResolvedValue(feePreview());
  vi.mocked(backend.getSyncStatus).mockResolvedValue({
    state: 'not_connected', connected: false, serverUrl: '', teamName: '', deviceName: '', message: '', lastSyncedAt: '',
    lastAttemptAt: '', nextAttemptAt: '', pending: 0, rejected: 0, conflicts: 0, progress: null,
  } as never);
});

describe('money', () => {
  it('keeps pence as integers', () => {
    expect(pounds(2550)).toBe('£25.50');
    expect(pounds(123456)).toBe('£1,234.56');
    expect(parsePounds('25')).toBe(2500);
    expect(parsePounds('£25.5')).toBe(2550);
    expect(parsePounds('0.07')).toBe(7);
    expect(parsePounds('')).toBe(0);
    expect(parsePounds('25.555')).toBeNull();
    expect(parsePounds('ten')).toBeNull();
  });
});

describe('People', () => {
  it('lists partners, a withdrawn one by pseudonym, with totals', async () => {
    renderApp('/people');
    const table = await screen.findByTestId('people-table');
    expect(within(table).getByRole('link', { name: 'Priya Shah' })).toHaveAttribute('href', '/people/c1');
    expect(within(table).getByRole('link', { name: 'Contributor 4' })).toBeInTheDocument();
    expect(within(table).getByText('Withdrawn')).toBeInTheDocument();
    expect(await screen.findByTestId('lep-totals-all')).toHaveTextContent('1.5 hours, £37.50 in fees');
  });

  it('adds a partner and their consent together, and shows consent errors beside the consent fields', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.createContributor).mockRejectedValueOnce({
      code: 'invalid',
      message: 'There is a problem with the Lived Experience Partner',
      fields: [{ field: 'consent.noticeVersion', message: 'Enter the version of the privacy notice they were given' }],
    });
    renderApp('/people/new');
    await user.type(await screen.findByLabelText('Name'), 'Sam Jones');
    const consentSection = screen.getByTestId('consent-section');
    await user.click(within(consentSection).getByLabelText('Written (signed form)'));
    await user.type(within(consentSection).getByLabelText('Who gave consent'), 'Themselves');
    await user.click(screen.getByRole('button', { name: 'Save Lived Experience Partner' }));
    const summary = await screen.findByTestId('error-summary');
    const link = within(summary).getByRole('link', { name: 'Enter the version of the privacy notice they were given' });
    expect(link).toHaveAttribute('href', '#consent.noticeVersion');
    expect(document.getElementById('consent.noticeVersion')).not.toBeNull();
    const [c, k] = vi.mocked(backend.createContributor).mock.calls[0];
    expect(c).toMatchObject({ name: 'Sam Jones', role: 'Lived Experience Partner' });
    expect(k).toMatchObject({ subjectEntity: 'contributor', method: 'written', givenBy: 'Themselves', lawfulBasis: 'consent' });
    expect(k.purposes).toEqual([]);

    vi.mocked(backend.createContributor).mockResolvedValueOnce(contributor({ id: 'c9', name: 'Sam Jones' }));
    await user.type(within(consentSection).getByLabelText('Privacy notice version'), 'v3');
    await user.click(screen.getByRole('button', { name: 'Save Lived Experience Partner' }));
    await waitFor(() => expect(backend.getContributor).toHaveBeenCalledWith('c9'));
  });

  it('ticks no consent purpose in advance, and saving without one is refused with the error summary', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.createContributor).mockRejectedValueOnce({
      code: 'invalid',
      message: 'There is a problem with the Lived Experience Partner',
      fields: [{ field: 'consent.purposes', message: 'Select what they agreed to' }],
    });
    renderApp('/people/new');
    await user.type(await screen.findByLabelText('Name'), 'Sam Jones');
    const purposes = within(screen.getByRole('group', { name: /What have they agreed to\?/ })).getAllByRole('checkbox');
    expect(purposes.length).toBe(peopleRef.consentPurposes.length);
    for (const box of purposes) expect(box).not.toBeChecked();
    expect(screen.getAllByRole('checkbox').filter((b) => (b as HTMLInputElement).checked)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Save Lived Experience Partner' }));
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'Select what they agreed to' })).toHaveAttribute('href', '#consent.purposes');
    expect(vi.mocked(backend.createContributor).mock.calls[0][1].purposes).toEqual([]);
    expect(backend.getContributor).not.toHaveBeenCalled();
  });

  it('offers to set a passphrase when a partner is refused without one, keeping what was typed', async () => {
    const user = userEvent.setup();
    const message = "Set a passphrase to lock Involve before recording Lived Experience Partners' details: Settings → Lock Involve with a passphrase. Nothing was saved.";
    vi.mocked(backend.createContributor).mockRejectedValueOnce({ code: 'passphrase_required', message });
    renderApp('/people/new', { lockGate: true });
    await user.type(await screen.findByLabelText('Name'), 'Sam Jones');
    const consentSection = screen.getByTestId('consent-section');
    await user.click(within(consentSection).getByLabelText('Written (signed form)'));
    await user.type(within(consentSection).getByLabelText('Who gave consent'), 'Themselves');
    await user.type(within(consentSection).getByLabelText('Privacy notice version'), 'v3');
    await user.click(screen.getByRole('button', { name: 'Save Lived Experience Partner' }));
    const panel = await screen.findByTestId('passphrase-needed');
    expect(panel).toHaveTextContent(message);
    expect(screen.getByLabelText('Name')).toHaveValue('Sam Jones');

    vi.mocked(backend.setPassphrase).mockResolvedValueOnce({ hasPassphrase: true, locked: false, idleMinutes: 5, idleSeconds: 300, waitSeconds: 0, needsPassphrase: false, unsentChanges: 0, holdsSealedData: false });
    await user.click(within(panel).getByRole('button', { name: 'Set a passphrase now' }));
    await user.type(within(panel).getByLabelText(/^New passphrase$/), 'correct horse battery staple');
    await user.type(within(panel).getByLabelText(/^New passphrase again/), 'correct horse battery staple');
    await user.click(within(panel).getByRole('button', { name: /Set passphrase|Save passphrase/ }));
    await waitFor(() => expect(backend.setPassphrase).toHaveBeenCalledWith('', 'correct horse battery staple'));
    expect(await screen.findByText(/Save again: what you typed is still here/)).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Sam Jones');

    vi.mocked(backend.createContributor).mockResolvedValueOnce(contributor({ id: 'c9', name: 'Sam Jones' }));
    await user.click(screen.getByRole('button', { name: 'Save Lived Experience Partner' }));
    await waitFor(() => expect(backend.getContributor).toHaveBeenCalledWith('c9'));
    const [c, k] = vi.mocked(backend.createContributor).mock.calls[1];
    expect(c).toMatchObject({ name: 'Sam Jones' });
    expect(k).toMatchObject({ method: 'written', givenBy: 'Themselves', noticeVersion: 'v3' });
  });

  it('withdraws consent after a confirmation', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.withdrawConsent).mockResolvedValue(consent({ withdrawnAt: '2026-05-01T10:00:00.000Z' }));
    renderApp('/people/c1');
    expect(await screen.findByRole('heading', { level: 1, name: /Priya Shah/ })).toBeInTheDocument();
    expect(await screen.findByTestId('contributor-totals')).toHaveTextContent('1.5 hours, £37.50 in fees');
    expect(within(await screen.findByTestId('time-log')).getByTestId('entry-fee')).toHaveTextContent('£37.50');
    const item = await screen.findByTestId('consent-item');
    await user.click(within(item).getByRole('button', { name: 'Withdraw consent' }));
    expect(backend.withdrawConsent).not.toHaveBeenCalled();
    await user.click(within(screen.getByTestId('withdraw-confirm')).getByRole('button', { name: 'Yes, withdraw consent' }));
    await waitFor(() => expect(backend.withdrawConsent).toHaveBeenCalledWith('k1'));
  });

  it('shows a withdrawn partner by pseudonym only', async () => {
    vi.mocked(backend.getContributor).mockResolvedValue(
      contributor({ name: 'Contributor 3', withdrawn: true, contactDetails: '', consentWithdrawnAt: '2026-05-01T10:00:00.000Z', purposes: [] }),
    );
    renderApp('/people/c1');
    expect(await screen.findByRole('heading', { level: 1, name: /Contributor 3/ })).toBeInTheDocument();
    expect(screen.getByTestId('consent-withdrawn')).toBeInTheDocument();
    expect(screen.queryByText('priya@example.org')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit details' })).toBeNull();
  });

  it('logs time with the fee worked out by Go, and an override needs its reason field', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.createTimeEntry).mockResolvedValue(timeEntry());
    renderApp('/people/c1/time/new');
    await user.type(await screen.findByLabelText('Task or activity'), 'Reviewed leaflet');
    await typeDate(user, dateGroup('Date of the work'), '2026-04-02');
    await user.type(screen.getByLabelText('Attending'), '90');
    await waitFor(() => expect(screen.getByTestId('fee-preview-text')).toHaveTextContent('£37.50'));
    await waitFor(() => expect(vi.mocked(backend.previewFee).mock.lastCall?.[0]).toMatchObject({ minutesAttend: 90, date: '2026-04-02' }));

    await user.click(screen.getByLabelText('Set the fee by hand'));
    await user.type(screen.getByLabelText('Fee, in pounds'), 'lots');
    await user.click(screen.getByRole('button', { name: 'Save time' }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('Enter the fee in pounds and pence');
    expect(backend.createTimeEntry).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('Fee, in pounds'));
    await user.type(screen.getByLabelText('Fee, in pounds'), '50');
    await user.type(screen.getByLabelText('Why is the fee different from the rate card?'), 'Agreed flat fee');
    await user.click(screen.getByRole('button', { name: 'Save time' }));
    await waitFor(() => expect(backend.createTimeEntry).toHaveBeenCalled());
    expect(vi.mocked(backend.createTimeEntry).mock.calls[0][0]).toMatchObject({
      contributorId: 'c1',
      minutesAttend: 90,
      feeOverridePence: 5000,
      overrideReason: 'Agreed flat fee',
      expensesPence: 0,
    });
  });

  it('shows why there is no fee when no rate is in force', async () => {
    vi.mocked(backend.previewFee).mockResolvedValue(feePreview({ problem: 'There is no hourly rate in force on 3 March 2020.', feePence: 0 }));
    renderApp('/people/c1/time/new');
    await waitFor(() => expect(screen.getByTestId('fee-preview-text')).toHaveTextContent('no hourly rate in force on 3 March 2020'));
  });

  it('adds a rate in pence', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.createRateCard).mockResolvedValue(rateCard());
    renderApp('/people/rates');
    expect(await screen.findAllByTestId('rate-row')).toHaveLength(2);
    // each Delete says which rate (WCAG 2.4.6)
    expect(screen.getByRole('button', { name: /^Delete the .* rate from 1 April 2026$/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Delete the .* rate from 1 April 2025$/ })).toBeInTheDocument();
    const form = screen.getByTestId('rate-form');
    await user.type(within(form).getByLabelText('Amount, in pounds'), '27.50');
    await user.type(within(form).getByLabelText('Source'), 'Policy 2027');
    await typeDate(user, dateGroup('Starts on', form), '2027-04-01');
    await user.click(within(form).getByRole('button', { name: 'Add rate' }));
    await waitFor(() => expect(backend.createRateCard).toHaveBeenCalledWith({ unit: 'hour', amountPence: 2750, source: 'Policy 2027', effectiveFrom: '2027-04-01', effectiveTo: '' }));
  });

  const screens: [string, string, RegExp][] = [
    ['people', '/people', /Lived Experience Partners/],
    ['new partner', '/people/new', /Add a Lived Experience Partner/],
    ['partner', '/people/c1', /Priya Shah/],
    ['edit partner', '/people/c1/edit', /Edit Lived Experience Partner/],
    ['log time', '/people/c1/time/new', /Log time/],
    ['rate cards', '/people/rates', /Rate cards/],
  ];
  for (const [name, path, heading] of screens) {
    it(`has no serious axe violations: ${name}`, async () => {
      const { container } = renderApp(path);
      await screen.findByRole('heading', { level: 1, name: heading });
      await waitFor(() => expect(screen.queryByText('Loading…')).toBeNull());
      await expectAxeClean(container);
    });
  }
});
