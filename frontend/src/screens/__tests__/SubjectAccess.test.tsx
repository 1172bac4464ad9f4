// "Everything about this person" (issue 13, subject access): on a lead's laptop (or one
// without a role) the partner's page offers it; it calls the backend with the partner's
// id and says where the files went; a refusal is shown; staff laptops do not show it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { Role } from '../../lib/roles';
import { notConnected, syncStatus } from '../../test/syncFixtures';
import { consent, contributor, peopleRef, timeEntry, totals } from '../../test/peopleFixtures';
import { resetPeopleRefCache } from '../people/usePeopleRef';
import { expectAxeClean } from '../../test/axe';
import { renderApp } from '../../test/renderApp';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const asRole = (role: Role) => vi.mocked(backend.getSyncStatus).mockResolvedValue(role ? syncStatus({ role }) : notConnected());

beforeEach(() => {
  vi.clearAllMocks();
  resetPeopleRefCache();
  vi.mocked(backend.getPeopleReference).mockResolvedValue(peopleRef);
  vi.mocked(backend.getContributor).mockResolvedValue(contributor());
  vi.mocked(backend.getLEPTotals).mockResolvedValue(totals());
  vi.mocked(backend.listTimeEntries).mockResolvedValue([timeEntry()]);
  vi.mocked(backend.listConsents).mockResolvedValue([consent()]);
});

describe('Everything about this person', () => {
  it('on a lead laptop writes the files and says where, and is axe clean', async () => {
    asRole('lead');
    vi.mocked(backend.exportSubjectAccess).mockResolvedValue({
      cancelled: false, folder: '/home/lee/involve-subject-access', html: '/home/lee/involve-subject-access/subject-access-c1.html',
      json: '/home/lee/involve-subject-access/subject-access-c1.json', consents: 1, timeEntries: 1, sessions: 1,
    });
    const user = userEvent.setup();
    const { container } = renderApp('/people/c1');
    const button = await screen.findByRole('button', { name: 'Everything about this person' });
    expect(screen.getByRole('heading', { name: 'Subject access request' })).toBeInTheDocument();
    await user.click(button);
    expect(backend.exportSubjectAccess).toHaveBeenCalledWith('c1');
    const done = await screen.findByTestId('subject-access-done');
    expect(done).toHaveTextContent('Saved 1 consent records, 1 time entries and 1 sessions');
    expect(done).toHaveTextContent('subject-access-c1.html');
    await expectAxeClean(container);
  });

  it('shows a refusal and nothing saved on a cancelled dialog', async () => {
    asRole('');
    const user = userEvent.setup();
    vi.mocked(backend.exportSubjectAccess).mockResolvedValueOnce({
      cancelled: true, folder: '', html: '', json: '', consents: 0, timeEntries: 0, sessions: 0,
    });
    renderApp('/people/c1');
    await user.click(await screen.findByRole('button', { name: 'Everything about this person' }));
    await waitFor(() => expect(backend.exportSubjectAccess).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId('subject-access-done')).toBeNull();
    vi.mocked(backend.exportSubjectAccess).mockRejectedValueOnce({ code: 'locked', message: 'Involve is locked: unlock it.' });
    await user.click(screen.getByRole('button', { name: 'Everything about this person' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Involve is locked: unlock it.');
  });

  it('is not offered on a staff laptop', async () => {
    asRole('staff');
    renderApp('/people/c1');
    await screen.findByRole('heading', { name: 'Consent' });
    await waitFor(() => expect(backend.getSyncStatus).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Everything about this person' })).toBeNull();
    expect(screen.queryByTestId('subject-access')).toBeNull();
  });
});
