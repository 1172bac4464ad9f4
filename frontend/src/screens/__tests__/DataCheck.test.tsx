import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { AppInfo, DataCheck, StartupState } from '../../lib/types';
import { renderAt } from '../../test/fixtures';
import { notConnected } from '../../test/syncFixtures';
import { SettingsScreen } from '../SettingsScreen';
import { StartupGate } from '../StartupGate';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const info: AppInfo = {
  version: '1.0.0',
  dataDir: '/d',
  dbPath: '/d/involve.db',
  deviceId: 'dev-1',
  userName: 'Sam',
  schemaVersion: 9,
  referenceVersion: '2026-01',
};

const damagedIndex: DataCheck = {
  ok: false,
  searchIndexDamaged: true,
  message: 'The search index is damaged, so search may miss records. It is made from your records and can be rebuilt: nothing is lost.',
  details: 'integrity check failed: malformed inverted index for FTS5 table main.search',
  checkedAt: '2026-03-02T10:00:00.000Z',
};
const repaired: DataCheck = {
  ok: true,
  searchIndexDamaged: false,
  message: 'The search index was rebuilt. Your data now passes every check.',
  details: '',
  checkedAt: '2026-03-02T10:01:00.000Z',
};

describe('check this laptop’s data (Settings)', () => {
  it('runs the check, offers the repair only for a damaged search index, and shows the result', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getAppInfo).mockResolvedValue(info);
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
    vi.mocked(backend.checkData).mockResolvedValue(damagedIndex);
    vi.mocked(backend.repairSearchIndex).mockResolvedValue(repaired);
    renderAt('/settings', [{ path: '/settings', element: <SettingsScreen /> }]);
    const panel = await screen.findByTestId('data-check');
    expect(within(panel).queryByRole('button', { name: 'Repair search index' })).toBeNull();

    await user.click(within(panel).getByRole('button', { name: 'Check this laptop’s data' }));
    expect(backend.checkData).toHaveBeenCalledTimes(1);
    const result = await within(panel).findByTestId('data-check-result');
    expect(result).toHaveTextContent('The search index is damaged');
    expect(result).toHaveTextContent('malformed inverted index');

    await user.click(within(panel).getByRole('button', { name: 'Repair search index' }));
    expect(backend.repairSearchIndex).toHaveBeenCalledTimes(1);
    expect(await within(panel).findByText('The search index was rebuilt. Your data now passes every check.')).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Repair search index' })).toBeNull();
  });

  it('offers no repair when the data is sound, and says a failed repair', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getAppInfo).mockResolvedValue(info);
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
    vi.mocked(backend.checkData)
      .mockResolvedValueOnce({ ...repaired, message: 'Your data passed every check. Nothing needs doing.' })
      .mockResolvedValueOnce(damagedIndex);
    vi.mocked(backend.repairSearchIndex).mockRejectedValue({ code: 'unavailable', message: 'The search index could not be rebuilt.' });
    renderAt('/settings', [{ path: '/settings', element: <SettingsScreen /> }]);
    const panel = await screen.findByTestId('data-check');
    await user.click(within(panel).getByRole('button', { name: 'Check this laptop’s data' }));
    expect(await within(panel).findByText('Your data passed every check. Nothing needs doing.')).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Repair search index' })).toBeNull();

    await user.click(within(panel).getByRole('button', { name: 'Check this laptop’s data' }));
    await user.click(await within(panel).findByRole('button', { name: 'Repair search index' }));
    expect(await within(panel).findByText('The search index could not be rebuilt.')).toBeInTheDocument();
  });
});

describe('damaged screen', () => {
  it('offers to repair a damaged search index before any restore', async () => {
    const user = userEvent.setup();
    const state: StartupState = {
      status: 'damaged',
      message: 'integrity check failed',
      dataDir: '/d',
      backups: [],
      kiosk: false,
      repairable: true,
    };
    vi.mocked(backend.getStartupState).mockResolvedValue(state);
    vi.mocked(backend.repairSearchIndex).mockResolvedValue(repaired);
    render(<StartupGate><h1>Home</h1></StartupGate>);
    const repair = await screen.findByTestId('repair');
    await user.click(within(repair).getByRole('button', { name: 'Repair search index' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your data is usable again' })).toBeInTheDocument();
    expect(screen.getByText('The search index was rebuilt. Your data now passes every check.')).toBeInTheDocument();
  });

  it('offers no repair when the damage is elsewhere', async () => {
    vi.mocked(backend.getStartupState).mockResolvedValue({
      status: 'damaged',
      message: 'integrity check failed',
      dataDir: '/d',
      backups: [],
      kiosk: false,
      repairable: false,
    });
    render(<StartupGate><h1>Home</h1></StartupGate>);
    expect(await screen.findByRole('heading', { level: 1, name: /cannot open your records/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Repair search index' })).toBeNull();
  });
});
