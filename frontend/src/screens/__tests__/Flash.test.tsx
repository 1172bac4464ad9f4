// The banner after an action (lib/flash.tsx): a plain success message belongs to the
// screen it is about. It follows the navigation its own action made, goes when the person
// moves on to another page, and the next action's message replaces it. An Undo banner
// keeps its life across a change of screen.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { Link, MemoryRouter, useLocation, useNavigate } from 'react-router';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { consent, contributor, feePreview, peopleRef, rateCard, timeEntry, totals } from '../../test/peopleFixtures';
import { syncStatus } from '../../test/syncFixtures';
import { resetPeopleRefCache } from '../people/usePeopleRef';
import { renderApp } from '../../test/renderApp';
import { FlashBanner } from '../../components/FlashBanner';
import { FlashProvider, useFlash } from '../../lib/flash';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

vi.setConfig({ testTimeout: 30_000 });

beforeEach(() => {
  vi.clearAllMocks();
  resetPeopleRefCache();
  vi.mocked(backend.getPeopleReference).mockResolvedValue(peopleRef);
  vi.mocked(backend.listContributors).mockResolvedValue([contributor()]);
  vi.mocked(backend.getContributor).mockResolvedValue(contributor());
  vi.mocked(backend.getLEPTotals).mockResolvedValue(totals());
  vi.mocked(backend.listTimeEntries).mockResolvedValue([timeEntry()]);
  vi.mocked(backend.listConsents).mockResolvedValue([consent()]);
  vi.mocked(backend.listRateCards).mockResolvedValue([rateCard()]);
  vi.mocked(backend.listProjects).mockResolvedValue([]);
  vi.mocked(backend.listSessions).mockResolvedValue([]);
  vi.mocked(backend.previewFee).mockResolvedValue(feePreview());
  vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ role: 'lead' }));
  vi.mocked(backend.createTimeEntry).mockResolvedValue(timeEntry());
  vi.mocked(backend.getPrivacyRegister).mockResolvedValue({ today: '2026-12-06', requests: [] } as never);
  vi.mocked(backend.previewErasure).mockResolvedValue({
    subjectEntity: 'contributor', subjectId: 'c1', title: 'Priya Shah', pseudonym: 'Erased contributor 3',
    destroyed: ['Their name'], kept: ['Payment records'], consents: 1, timeEntries: 1, conflicts: 0, actions: 0, backups: 0,
  });
});

describe('the banner after an action', () => {
  it('"Time logged." shows on the partner’s page the save went back to, and is gone on the erase page', async () => {
    const user = userEvent.setup();
    renderApp('/people/c1/time/new');
    await user.type(await screen.findByLabelText('Task or activity'), 'Reviewed leaflet');
    await user.type(screen.getByLabelText('Attending'), '90');
    await user.click(screen.getByRole('button', { name: 'Save time' }));
    // the save's own navigation: the message comes with it
    await screen.findByTestId('contributor-details');
    const flash = screen.getByTestId('flash');
    expect(flash).toHaveTextContent('Time logged.');
    expect(flash).toHaveAttribute('role', 'status');

    // the person moves on: the message stays with the page it was about
    await user.click(within(await screen.findByTestId('erase-section')).getByRole('button', { name: 'Erase this person' }));
    await screen.findByTestId('erase-form');
    expect(screen.queryByTestId('flash')).toBeNull();
    expect(screen.queryByText('Time logged.')).toBeNull();
  });

  it('the next action’s message replaces the last one, never stacks', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.withdrawConsent).mockResolvedValue(undefined as never);
    renderApp('/people/c1/time/new');
    await user.type(await screen.findByLabelText('Task or activity'), 'Reviewed leaflet');
    await user.type(screen.getByLabelText('Attending'), '90');
    await user.click(screen.getByRole('button', { name: 'Save time' }));
    await screen.findByTestId('contributor-details');
    expect(screen.getByTestId('flash')).toHaveTextContent('Time logged.');
    const item = await screen.findByTestId('consent-item');
    await user.click(within(item).getByRole('button', { name: 'Withdraw consent' }));
    await user.click(within(item).getByRole('button', { name: 'Yes, withdraw consent' }));
    await waitFor(() => expect(screen.getByTestId('flash')).toHaveTextContent('Consent withdrawn.'));
    expect(screen.getAllByTestId('flash')).toHaveLength(1);
    expect(screen.queryByText('Time logged.')).toBeNull();
  });

  it('an Undo banner still outlives a change of screen; a plain message shown without moving goes on the next', async () => {
    const user = userEvent.setup();
    render(
      <FlashProvider>
        <MemoryRouter initialEntries={['/a']}>
          <FlashBanner />
          <Harness />
        </MemoryRouter>
      </FlashProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.getByTestId('flash')).toHaveTextContent('Item deleted.');
    await user.click(screen.getByRole('link', { name: 'Go to b' }));
    expect(screen.getByTestId('where')).toHaveTextContent('/b');
    expect(screen.getByTestId('flash')).toHaveTextContent('Item deleted.'); // Undo: on this screen and the next

    await user.click(screen.getByRole('button', { name: 'Rename' }));
    expect(screen.getByTestId('flash')).toHaveTextContent('Renamed.');
    expect(screen.getAllByTestId('flash')).toHaveLength(1); // replaced the Undo banner
    await user.click(screen.getByRole('link', { name: 'Go to a' }));
    expect(screen.getByTestId('where')).toHaveTextContent('/a');
    expect(screen.queryByTestId('flash')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save and go to b' }));
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/b'));
    expect(screen.getByTestId('flash')).toHaveTextContent('Saved.');
    await user.click(screen.getByRole('link', { name: 'Go to b, filtered' })); // the same page: it stays
    expect(screen.getByTestId('flash')).toHaveTextContent('Saved.');
    await user.click(screen.getByRole('link', { name: 'Go to a' }));
    expect(screen.queryByTestId('flash')).toBeNull();
  });
});

/** Two pages' worth of controls: a delete with Undo, a message with no move, a save that moves. */
function Harness() {
  const { showUndo, showMessage } = useFlash();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <>
      <p data-testid="where">{pathname}</p>
      <button type="button" onClick={() => showUndo('Item deleted.', async () => undefined, 'Item restored.')}>
        Delete
      </button>
      <button type="button" onClick={() => showMessage('Renamed.')}>
        Rename
      </button>
      <button
        type="button"
        onClick={async () => {
          await Promise.resolve(); // as a save does: Go answers, then the message and the move
          showMessage('Saved.');
          navigate('/b');
        }}
      >
        Save and go to b
      </button>
      <Link to="/a">Go to a</Link> <Link to="/b">Go to b</Link> <Link to="/b?f=1">Go to b, filtered</Link>
    </>
  );
}
