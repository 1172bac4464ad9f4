import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import * as backend from '../lib/backend';
import { emit } from '../test/backendMock';
import { notConnected, syncStatus } from '../test/syncFixtures';
import { Events, type SyncStatus } from '../lib/types';
import { forgetLaunchAnswers, setLaunchAnswer } from '../lib/launch';
import { DEFAULT_MESSAGES, SyncStatusBar, SyncStatusProvider, relativeTime, syncStatusText } from './SyncStatus';

vi.mock('../lib/backend', () => import('../test/backendMock'));

function renderBar() {
  return render(
    <MemoryRouter>
      <SyncStatusProvider>
        <SyncStatusBar />
      </SyncStatusProvider>
    </MemoryRouter>,
  );
}

async function barWith(s: SyncStatus) {
  vi.mocked(backend.getSyncStatus).mockResolvedValue(s);
  renderBar();
  const bar = screen.getByTestId('sync-status');
  await waitFor(() => expect(bar).toHaveAttribute('data-state', s.state));
  return bar;
}

describe('sync status line', () => {
  it('draws the launch answer that has arrived in its first render, with no "Checking sync…" before it', async () => {
    const s = syncStatus({ lastSyncedAt: new Date(Date.now() - 2 * 60_000 - 5_000).toISOString(), pending: 3 });
    vi.mocked(backend.getSyncStatus).mockResolvedValue(s);
    setLaunchAnswer('sync', Promise.resolve(s));
    await act(async () => {}); // the answer arrives
    renderBar();
    // synchronously after the first render
    expect(screen.getByTestId('sync-status-text')).toHaveTextContent('Synced 2 minutes ago · 3 changes waiting');
    await act(async () => {});
    expect(backend.getSyncStatus).not.toHaveBeenCalled(); // the launch answer was taken, not asked again
    forgetLaunchAnswers();
  });

  it('says "Not connected" and links to Connect to server', async () => {
    const bar = await barWith(notConnected({ pending: 4 }));
    expect(within(bar).getByTestId('sync-status-text')).toHaveTextContent(/^Not connected$/);
    expect(within(bar).getByRole('link', { name: 'Connect to server' })).toHaveAttribute('href', '/sync');
  });

  it('says when it last synced and how many changes are waiting', async () => {
    const bar = await barWith(syncStatus({ lastSyncedAt: new Date(Date.now() - 2 * 60_000 - 5_000).toISOString(), pending: 3 }));
    expect(within(bar).getByTestId('sync-status-text')).toHaveTextContent('Synced 2 minutes ago · 3 changes waiting');
    expect(within(bar).getByRole('link', { name: 'Sync details' })).toHaveAttribute('href', '/sync');
    expect(within(bar).queryByRole('link', { name: /conflict/ })).toBeNull();
  });

  it('shows progress while syncing', async () => {
    const bar = await barWith(syncStatus({ state: 'syncing', progress: { phase: 'pull', done: 120, total: 400 } }));
    expect(within(bar).getByTestId('sync-status-text')).toHaveTextContent(/^Syncing… 120 of 400$/);
  });

  it.each([
    ['error', DEFAULT_MESSAGES.error],
    ['unauthorized', DEFAULT_MESSAGES.unauthorized],
  ] as const)('%s: a plain-words default when Go sends no message', async (state, text) => {
    const bar = await barWith(syncStatus({ state, pending: 1 }));
    expect(within(bar).getByTestId('sync-status-text')).toHaveTextContent(`${text} · 1 change waiting`);
    expect(bar).toHaveClass('app-sync-bar--problem');
  });

  it("uses Go's message for problems", async () => {
    const bar = await barWith(syncStatus({ state: 'error', message: 'The server had a problem and could not sync.' }));
    expect(within(bar).getByTestId('sync-status-text')).toHaveTextContent(/^The server had a problem and could not sync\.$/);
  });

  it('offline is an ordinary state: neutral words and colour, with the changes kept here', async () => {
    const bar = await barWith(syncStatus({ state: 'offline', pending: 3, message: 'Server not reachable — your work is safe on this laptop. Involve will try again.' }));
    expect(within(bar).getByTestId('sync-status-text')).toHaveTextContent(/^Offline — 3 changes saved on this laptop$/);
    expect(bar).toHaveClass('app-sync-bar--off');
    expect(bar).not.toHaveClass('app-sync-bar--problem');
    expect(within(bar).getByTestId('sync-status-live')).toHaveTextContent(/^Offline — 3 changes saved on this laptop$/);
  });

  it('offline with nothing waiting still says the work is here', async () => {
    const bar = await barWith(syncStatus({ state: 'offline', pending: 0 }));
    expect(within(bar).getByTestId('sync-status-text')).toHaveTextContent(/^Offline — your work is saved on this laptop$/);
  });

  it('not connected is neutral too', async () => {
    const bar = await barWith(notConnected({ pending: 2 }));
    expect(bar).toHaveClass('app-sync-bar--off');
  });

  it('asks to connect again when the server refuses this laptop', async () => {
    const bar = await barWith(syncStatus({ state: 'unauthorized', message: 'This laptop was disconnected by an administrator' }));
    expect(within(bar).getByRole('link', { name: 'Connect again' })).toHaveAttribute('href', '/sync');
  });

  it('says sync waits for a passphrase and links to Settings', async () => {
    const msg = "Sync is waiting: set a passphrase to lock Involve before partners' details can come to this laptop.";
    const bar = await barWith(syncStatus({ state: 'needs_passphrase', message: msg }));
    expect(within(bar).getByTestId('sync-status-text')).toHaveTextContent(msg);
    expect(within(bar).getByRole('link', { name: 'Set a passphrase' })).toHaveAttribute('href', '/settings');
  });

  it('shows open conflicts and rejected changes as tags that link to them', async () => {
    const bar = await barWith(syncStatus({ conflicts: 2, rejected: 1 }));
    const conflicts = within(bar).getByRole('link', { name: '2 conflicts' });
    expect(conflicts).toHaveAttribute('href', '/sync/conflicts');
    expect(conflicts.querySelector('.nhsuk-tag')).not.toBeNull();
    expect(within(bar).getByRole('link', { name: '1 rejected change' })).toHaveAttribute('href', '/sync/rejected');
  });

  it('follows the sync:status event and announces changes politely, not progress', async () => {
    const bar = await barWith(syncStatus({ pending: 2 }));
    const live = within(bar).getByTestId('sync-status-live');
    expect(live).toHaveAttribute('aria-live', 'polite');
    expect(live).toHaveTextContent('Synced · 2 changes waiting');

    act(() => emit(Events.syncStatus, syncStatus({ state: 'syncing', pending: 2, progress: { phase: 'push', done: 1, total: 2 } })));
    expect(within(bar).getByTestId('sync-status-text')).toHaveTextContent('Syncing… 1 of 2');
    expect(live).toHaveTextContent('Synced · 2 changes waiting'); // not read out while it runs

    act(() => emit(Events.syncStatus, syncStatus({ state: 'offline', pending: 2, conflicts: 1 })));
    expect(within(bar).getByTestId('sync-status-text')).toHaveTextContent('Offline — 2 changes saved on this laptop');
    expect(live).toHaveTextContent('Offline — 2 changes saved on this laptop · 1 conflict');
    expect(within(bar).getByRole('link', { name: '1 conflict' })).toBeInTheDocument();
  });

  it('an event that arrives before the first answer is not overwritten by it', async () => {
    let answer: (s: SyncStatus) => void = () => {};
    vi.mocked(backend.getSyncStatus).mockReturnValue(new Promise((r) => (answer = r)));
    renderBar();
    act(() => emit(Events.syncStatus, syncStatus({ state: 'syncing' })));
    await act(async () => answer(syncStatus({ state: 'idle' })));
    expect(screen.getByTestId('sync-status')).toHaveAttribute('data-state', 'syncing');
  });

  it('says so when the status cannot be read', async () => {
    vi.mocked(backend.getSyncStatus).mockRejectedValue({ code: 'unavailable', message: 'Sync is not ready yet.' });
    renderBar();
    await waitFor(() => expect(screen.getByTestId('sync-status-text')).toHaveTextContent('Sync status not available'));
    expect(screen.getByTestId('sync-status-live')).toHaveTextContent('Sync status not available');
  });
});

describe('sync words', () => {
  const now = Date.parse('2026-03-02T12:00:00.000Z');
  it('relative times', () => {
    expect(relativeTime('2026-03-02T11:59:30.000Z', now)).toBe('just now');
    expect(relativeTime('2026-03-02T11:59:00.000Z', now)).toBe('1 minute ago');
    expect(relativeTime('2026-03-02T11:15:00.000Z', now)).toBe('45 minutes ago');
    expect(relativeTime('2026-03-02T09:00:00.000Z', now)).toBe('3 hours ago');
    expect(relativeTime('2026-02-20T09:00:00.000Z', now)).toMatch(/^on 20 February 2026 at \d\d:\d\d$/);
    expect(relativeTime('', now)).toBe('');
  });

  it('never synced, and syncing before the total is known', () => {
    expect(syncStatusText(syncStatus({ lastSyncedAt: '' }), now)).toBe('Not synced yet');
    expect(syncStatusText(syncStatus({ state: 'syncing', progress: { phase: 'push', done: 0, total: 0 } }), now)).toBe('Syncing…');
  });
});
