// #/people/:id/consent/new: record a new consent for a Lived Experience Partner.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { consent, contributor, peopleRef, timeEntry, totals } from '../../test/peopleFixtures';
import { resetPeopleRefCache } from '../people/usePeopleRef';
import { expectAxeClean } from '../../test/axe';
import { renderApp } from '../../test/renderApp';
import { dateGroup, typeDate } from '../../test/dates';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const withdrawn = () =>
  contributor({ name: 'Contributor 3', withdrawn: true, contactDetails: '', consentWithdrawnAt: '2026-05-01T10:00:00.000Z', purposes: [] });

beforeEach(() => {
  vi.clearAllMocks();
  resetPeopleRefCache();
  vi.mocked(backend.getPeopleReference).mockResolvedValue(peopleRef);
  vi.mocked(backend.getContributor).mockResolvedValue(contributor());
  vi.mocked(backend.getLEPTotals).mockResolvedValue(totals());
  vi.mocked(backend.listTimeEntries).mockResolvedValue([timeEntry()]);
  vi.mocked(backend.listConsents).mockResolvedValue([consent()]);
  vi.mocked(backend.getSyncStatus).mockResolvedValue({
    state: 'not_connected', connected: false, serverUrl: '', teamName: '', deviceName: '', message: '', lastSyncedAt: '',
    lastAttemptAt: '', nextAttemptAt: '', pending: 0, rejected: 0, conflicts: 0, progress: null,
  } as never);
});

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByLabelText('Analysis of what they tell us'));
  await user.click(screen.getByLabelText('Equality monitoring'));
  await user.selectOptions(screen.getByLabelText(/Article 9 condition/), 'explicit_consent');
  await user.type(screen.getByLabelText('Privacy notice version'), 'LEP notice v4');
  await user.click(screen.getByLabelText('Verbal (recorded by staff)'));
  await typeDate(user, dateGroup('Date consent was given'), '2026-06-02');
  await user.type(screen.getByLabelText('Who gave consent'), 'Themselves');
}

describe('Record new consent', () => {
  it('is opened from the consent section of the partner page', async () => {
    const user = userEvent.setup();
    renderApp('/people/c1');
    await screen.findByRole('list', { name: 'Consent records' });
    await user.click(screen.getByRole('button', { name: 'Record new consent' }));
    await screen.findByTestId('consent-form');
    expect(screen.getByRole('heading', { level: 1, name: /Record new consent/ })).toHaveTextContent('Priya Shah');
  });

  it('renders the consent questions of the partner form, with no serious axe violations', async () => {
    const { container } = renderApp('/people/c1/consent/new');
    await screen.findByTestId('consent-form');
    expect(screen.getByRole('heading', { level: 1, name: /Record new consent/ })).toHaveTextContent('Priya Shah');
    expect(screen.getByRole('group', { name: /What have they agreed to\?/ })).toBeInTheDocument();
    expect(screen.getByLabelText('Lawful basis (UK GDPR Article 6)')).toHaveValue('consent');
    expect(screen.getByRole('group', { name: /How was consent given\?/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Cancel' })).toHaveAttribute('href', '/people/c1');
    await expectAxeClean(container);
  });

  it('sends the consent to addConsent, then shows the partner page with "Consent recorded."', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.addConsent).mockResolvedValue(consent({ id: 'k2' }));
    renderApp('/people/c1/consent/new');
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save consent' }));
    await waitFor(() => expect(backend.addConsent).toHaveBeenCalledTimes(1));
    expect(vi.mocked(backend.addConsent).mock.calls[0][0]).toEqual({
      subjectEntity: 'contributor',
      subjectId: 'c1',
      purposes: ['analysis', 'equality_monitoring'],
      lawfulBasis: 'consent',
      specialCondition: 'explicit_consent',
      noticeVersion: 'LEP notice v4',
      method: 'verbal',
      givenAt: '2026-06-02',
      givenBy: 'Themselves',
      capturedBy: '',
    });
    expect(await screen.findByTestId('flash')).toHaveTextContent('Consent recorded.');
    expect(await screen.findByRole('list', { name: 'Consent records' })).toBeInTheDocument();
  });

  it('brings a withdrawn partner back: the page is loaded again and shows their name', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getContributor).mockResolvedValue(withdrawn());
    vi.mocked(backend.addConsent).mockImplementation(async (k) => {
      // Go's AddConsent clears the contributor's withdrawal in the same transaction
      vi.mocked(backend.getContributor).mockResolvedValue(contributor());
      return consent({ ...k, id: 'k2' });
    });
    renderApp('/people/c1/consent/new');
    await screen.findByTestId('consent-form');
    expect(screen.getByRole('heading', { level: 1, name: /Record new consent/ })).toHaveTextContent('Contributor 3');
    expect(screen.getByTestId('consent-renewal')).toBeInTheDocument();
    expect(screen.queryByText(/Priya Shah/)).toBeNull();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: 'Save consent' }));
    expect(await screen.findByRole('heading', { level: 1, name: /Priya Shah/ })).toBeInTheDocument();
    expect(screen.queryByTestId('consent-withdrawn')).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit details' })).toBeInTheDocument();
    expect(screen.getByTestId('flash')).toHaveTextContent('Consent recorded.');
  });

  it('shows Go’s field errors in the error summary and beside the fields, and stays on the form', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.addConsent).mockRejectedValue({
      code: 'invalid',
      message: 'There is a problem with the consent',
      fields: [
        { field: 'purposes', message: 'Select what they agreed to' },
        { field: 'noticeVersion', message: 'Enter the version of the privacy notice they were given' },
        { field: 'givenBy', message: 'Enter who gave consent' },
      ],
    });
    const { container } = renderApp('/people/c1/consent/new');
    await screen.findByLabelText('Privacy notice version');
    await user.click(screen.getByRole('button', { name: 'Save consent' }));
    const summary = await screen.findByTestId('error-summary');
    for (const [field, message] of [
      ['purposes', 'Select what they agreed to'],
      ['noticeVersion', 'Enter the version of the privacy notice they were given'],
      ['givenBy', 'Enter who gave consent'],
    ]) {
      expect(within(summary).getByRole('link', { name: message })).toHaveAttribute('href', `#${field}`);
      expect(document.getElementById(field)).not.toBeNull();
    }
    expect(screen.getByLabelText('Privacy notice version')).toHaveAccessibleDescription(/Enter the version of the privacy notice/);
    expect(screen.getByRole('heading', { level: 1, name: /Record new consent/ })).toBeInTheDocument();
    expect(screen.queryByTestId('flash')).toBeNull();
    await expectAxeClean(container);
  });
});
