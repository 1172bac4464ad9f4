// The launch's answers that have arrived are drawn in the first render by every gate
// (StartupGate → WelcomeGate → RefDataProvider → KioskGate → LockGate), the sync status
// line and the home screen: the whole home screen in one render, no frame per gate.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import * as backend from './backend';
import { App } from '../App';
import { forgetLaunchAnswers, setLaunchAnswer } from './launch';
import { refData, summary } from '../test/fixtures';
import { notConnected } from '../test/syncFixtures';
import type { KioskState, StartupState } from './types';

vi.mock('./backend', () => import('../test/backendMock'));

afterEach(() => forgetLaunchAnswers());

describe('launch', () => {
  it('draws the home screen in the first render when every answer has arrived', async () => {
    window.location.hash = '';
    const ok = { status: 'ok', message: '', dataDir: '/d', backups: [], kiosk: false, repairable: false } as StartupState;
    const counts = { projects: 2, sessions: 5, feedback: 100000, feedbackToday: 7, needsResponse: 3 };
    setLaunchAnswer('startup', Promise.resolve(ok));
    setLaunchAnswer('welcome', backend.getWelcome());
    setLaunchAnswer('refdata', Promise.resolve(refData));
    setLaunchAnswer('kiosk', Promise.resolve({ active: false } as KioskState));
    setLaunchAnswer('lock', backend.getLockState());
    setLaunchAnswer('sync', Promise.resolve(notConnected()));
    setLaunchAnswer('home', Promise.resolve({ today: [], recent: [summary({ id: 'r1', title: 'Steering group' })], counts }));
    await act(async () => {}); // the answers arrive
    vi.clearAllMocks();
    render(<App />);
    // synchronously after the first render: no gate waited for its answer
    expect(screen.getByTestId('count-feedback')).toHaveTextContent('100000');
    expect(screen.getByTestId('sync-status-text')).toHaveTextContent('Not connected');
    expect(screen.queryByText('Loading…')).toBeNull();
    await act(async () => {});
    // each answer was taken, none asked again
    for (const f of [backend.getStartupState, backend.getWelcome, backend.getReferenceData, backend.getKioskState, backend.getLockState, backend.getSyncStatus, backend.getHome]) {
      expect(f).not.toHaveBeenCalled();
    }
  });
});
