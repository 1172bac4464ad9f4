import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { emit } from '../../test/backendMock';
import { Events, type StartupState } from '../../lib/types';
import { StartupGate } from '../StartupGate';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const damaged: StartupState = {
  status: 'damaged',
  message: 'The database failed its integrity check.',
  dataDir: '/home/sam/.local/share/Involve',
  backups: [
    { name: 'involve-2026-02-01.db', path: '/b/1', createdAt: '2026-02-01T09:00:00.000Z', sizeBytes: 2048, ok: true },
    { name: 'involve-2026-03-01.db', path: '/b/2', createdAt: '2026-03-01T09:00:00.000Z', sizeBytes: 4096, ok: true },
  ],
  kiosk: false,
  repairable: false,
};

// What Go sends for a damaged store while kiosk mode is on (app/desktop/kiosk_window.go).
const kioskDamaged: StartupState = {
  status: 'damaged',
  message: 'This device needs attention from staff.',
  dataDir: '',
  backups: [],
  kiosk: true,
  repairable: false,
};

describe('startup gate', () => {
  it('shows the app when the store is fine', async () => {
    vi.mocked(backend.getStartupState).mockResolvedValue({ status: 'ok', message: '', dataDir: '/d', backups: [], kiosk: false, repairable: false });
    render(<StartupGate><h1>Home</h1></StartupGate>);
    expect(await screen.findByRole('heading', { name: 'Home' })).toBeInTheDocument();
  });

  it('explains a lock held by another window and offers Close', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getStartupState).mockResolvedValue({ status: 'locked', message: '', dataDir: '/data/involve', backups: [], kiosk: false, repairable: false });
    vi.mocked(backend.quit).mockResolvedValue(undefined);
    render(<StartupGate><h1>Home</h1></StartupGate>);
    expect(await screen.findByRole('heading', { level: 1, name: 'Involve is already open' })).toBeInTheDocument();
    expect(screen.getByText(/already open with this data folder \(\/data\/involve\).*switch to that window/i)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Home' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(backend.quit).toHaveBeenCalled();
  });

  it('lists backups newest first for a damaged store and restores the chosen one', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getStartupState).mockResolvedValue(damaged);
    vi.mocked(backend.restoreBackup).mockResolvedValue({ status: 'damaged', message: 'Still damaged', dataDir: '/d', backups: [], kiosk: false, repairable: false });
    render(<StartupGate><h1>Home</h1></StartupGate>);
    expect(await screen.findByRole('heading', { level: 1, name: /cannot open your records/ })).toBeInTheDocument();
    expect(screen.getByText(/Nothing has been deleted/)).toBeInTheDocument();
    const items = within(screen.getByTestId('backup-list')).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('involve-2026-03-01.db');
    expect(items[1]).toHaveTextContent('involve-2026-02-01.db');
    // Nothing on this screen deletes or starts afresh.
    const buttons = screen.getAllByRole('button').map((b) => b.textContent);
    expect(buttons).toEqual(['Restore this backup', 'Restore this backup', 'Close']);

    await user.click(within(items[0]).getByRole('button', { name: 'Restore this backup' }));
    expect(backend.restoreBackup).toHaveBeenCalledWith('involve-2026-03-01.db');
    expect(await screen.findByText('Still damaged')).toBeInTheDocument();
  });

  it('says where the replaced database was kept after a restore', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getStartupState).mockResolvedValue(damaged);
    const kept = 'The backup was restored. The database it replaced was kept as /d/involve-replaced-20260301T090000Z.db.';
    vi.mocked(backend.restoreBackup).mockResolvedValue({ status: 'ok', message: kept, dataDir: '/d', backups: [], kiosk: false, repairable: false });
    render(<StartupGate><h1>Home</h1></StartupGate>);
    const items = within(await screen.findByTestId('backup-list')).getAllByRole('listitem');
    await user.click(within(items[0]).getByRole('button', { name: 'Restore this backup' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your backup was restored' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('/d/involve-replaced-20260301T090000Z.db');
    expect(screen.getByRole('button', { name: 'Continue' })).toBeInTheDocument();
  });

  it('says so plainly when there are no backups', async () => {
    vi.mocked(backend.getStartupState).mockResolvedValue({ ...damaged, backups: [], kiosk: false, repairable: false });
    render(<StartupGate><h1>Home</h1></StartupGate>);
    expect(await screen.findByText(/There are no backups to restore/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Restore this backup' })).toBeNull();
  });

  it('in kiosk mode shows the public no restore screen, only "needs attention from staff" and the staff PIN', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getStartupState).mockResolvedValueOnce(kioskDamaged).mockResolvedValueOnce(damaged);
    vi.mocked(backend.leaveKiosk)
      .mockRejectedValueOnce({ code: 'unauthorized', message: 'That PIN is not right.' })
      .mockResolvedValueOnce({ active: false, sessionId: '', sessionTitle: '', organisation: '', themes: [], received: 0, questions: { sessionId: '', fft: true, sets: [] }, words: [] });
    render(<StartupGate><h1>Home</h1></StartupGate>);
    expect(await screen.findByRole('heading', { level: 1, name: 'This device needs attention from staff' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /cannot open your records/ })).toBeNull();
    expect(screen.queryByTestId('backup-list')).toBeNull();
    // no way to restore, and no way to close the kiosk
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Leave kiosk mode']);
    expect(screen.getByTestId('kiosk-attention-staff')).toHaveTextContent('involve kiosk-off');

    await user.type(screen.getByLabelText('Staff PIN'), '1111');
    await user.click(screen.getByRole('button', { name: 'Leave kiosk mode' }));
    expect(await screen.findByText('That PIN is not right.')).toBeInTheDocument();
    expect(screen.queryByTestId('backup-list')).toBeNull();

    await user.type(screen.getByLabelText('Staff PIN'), '2468');
    await user.click(screen.getByRole('button', { name: 'Leave kiosk mode' }));
    expect(backend.leaveKiosk).toHaveBeenLastCalledWith('2468');
    // staff now see the restore screen
    expect(await screen.findByRole('heading', { level: 1, name: /cannot open your records/ })).toBeInTheDocument();
    expect(screen.getByTestId('backup-list')).toBeInTheDocument();
  });

  it('switches to the kiosk attention screen when a store:integrity event arrives in kiosk mode', async () => {
    vi.mocked(backend.getStartupState).mockResolvedValue({ status: 'ok', message: '', dataDir: '/d', backups: [], kiosk: false, repairable: false });
    render(<StartupGate><h1>Home</h1></StartupGate>);
    await screen.findByRole('heading', { name: 'Home' });
    act(() => emit(Events.integrity, kioskDamaged));
    expect(await screen.findByRole('heading', { level: 1, name: 'This device needs attention from staff' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Restore this backup' })).toBeNull();
  });

  it('switches to the damaged screen when a store:integrity event arrives', async () => {
    vi.mocked(backend.getStartupState).mockResolvedValue({ status: 'ok', message: '', dataDir: '/d', backups: [], kiosk: false, repairable: false });
    render(<StartupGate><h1>Home</h1></StartupGate>);
    await screen.findByRole('heading', { name: 'Home' });
    act(() => emit(Events.integrity, damaged));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Home' })).toBeNull());
    expect(screen.getByRole('heading', { level: 1, name: /cannot open your records/ })).toBeInTheDocument();
  });
});
