// The app lock in the window: locked, only the unlock form renders (no record data in
// the page); unlocking returns to the screen the person was on; wrong passphrases are
// shown with the wait; the idle timer locks (activity restarts it); Ctrl+L and the Lock
// button lock; Go's lock event locks; the Settings form; axe is clean.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { emit } from '../../test/backendMock';
import { App } from '../../App';
import { Events, type LockState, type StartupState } from '../../lib/types';
import { refData, summary } from '../../test/fixtures';
import { expectAxeClean } from '../../test/axe';
import { LockGate } from '../LockGate';
import { PassphraseSettings } from '../../components/PassphraseSettings';
import { FlashProvider } from '../../lib/flash';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const ok: StartupState = { status: 'ok', message: '', dataDir: '/tmp/d', backups: [], kiosk: false, repairable: false };
const lockState = (over: Partial<LockState> = {}): LockState => ({
  hasPassphrase: true,
  locked: true,
  idleMinutes: 5,
  idleSeconds: 300,
  waitSeconds: 0,
  needsPassphrase: false,
  unsentChanges: 0,
  holdsSealedData: false,
  ...over,
});
const SECRET = 'Zorbic steering group';
const counts = { projects: 1, sessions: 1, feedback: 0, feedbackToday: 0, needsResponse: 0 };

describe('app lock', { timeout: 20000 }, () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '#/');
    vi.mocked(backend.getStartupState).mockResolvedValue(ok);
    vi.mocked(backend.getReferenceData).mockResolvedValue(refData);
    vi.mocked(backend.getKioskState).mockResolvedValue({ active: false, sessionId: '', sessionTitle: '', organisation: '', themes: [], received: 0, questions: { sessionId: '', fft: true, sets: [] }, words: [] });
    vi.mocked(backend.getHome).mockResolvedValue({ today: [], recent: [summary({ id: 'r1', title: SECRET })], counts });
    vi.mocked(backend.lock).mockResolvedValue(lockState());
    vi.mocked(backend.lock).mockClear();
    vi.mocked(backend.noteActivity).mockClear();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ hasPassphrase: false, locked: false }));
  });

  it('locked: only the unlock form, no record data; unlocking returns to the screen', async () => {
    window.history.replaceState(null, '', '#/sessions/r1');
    vi.mocked(backend.getLockState).mockResolvedValue(lockState());
    vi.mocked(backend.getSession).mockResolvedValue(undefined as never);
    const { container } = render(<App />);
    const field = await screen.findByLabelText('Passphrase');
    expect(screen.getByRole('heading', { level: 1, name: 'Involve is locked' })).toBeInTheDocument();
    await waitFor(() => expect(field).toHaveFocus()); // focus moves after the form renders
    expect(container).not.toHaveTextContent(SECRET);
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Menu' })).toBeNull();
    expect(backend.getHome).not.toHaveBeenCalled();
    expect(backend.getSession).not.toHaveBeenCalled();
    await expectAxeClean(container);

    vi.mocked(backend.unlock).mockResolvedValue(lockState({ locked: false }));
    await userEvent.type(field, 'correct horse battery staple{Enter}');
    expect(backend.unlock).toHaveBeenCalledWith('correct horse battery staple');
    await waitFor(() => expect(backend.getSession).toHaveBeenCalledWith('r1')); // back where it was
    expect(window.location.hash).toBe('#/sessions/r1');
  });

  it('locking unmounts every screen: the record data leaves the page', async () => {
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ locked: false }));
    const { container } = render(<App />);
    expect(await screen.findByText(SECRET)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Lock' }));
    const field = await screen.findByLabelText('Passphrase');
    await waitFor(() => expect(field).toHaveFocus());
    expect(container).not.toHaveTextContent(SECRET);
    expect(backend.lock).toHaveBeenCalled();
  });

  it('Go locking (its own idle deadline) locks the window', async () => {
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ locked: false }));
    const { container } = render(<App />);
    await screen.findByText(SECRET);
    act(() => emit(Events.lock, lockState()));
    await screen.findByLabelText('Passphrase');
    expect(container).not.toHaveTextContent(SECRET);
  });

  it('Ctrl+L locks', async () => {
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ locked: false }));
    const { container } = render(<App />);
    await screen.findByText(SECRET);
    fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    await screen.findByLabelText('Passphrase');
    expect(container).not.toHaveTextContent(SECRET);
  });

  it('a wrong passphrase: error summary, field error, the wait announced, focus on the field', async () => {
    vi.mocked(backend.getLockState).mockResolvedValue(lockState());
    const msg = 'That passphrase is not right. Too many wrong passphrases: try again in 30 seconds.';
    vi.mocked(backend.unlock).mockRejectedValue({ code: 'unauthorized', message: msg, fields: [{ field: 'passphrase', message: msg }] });
    const { container } = render(<App />);
    const field = await screen.findByLabelText('Passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('Enter the passphrase');
    expect(backend.unlock).not.toHaveBeenCalled();
    await userEvent.type(field, 'wrong one{Enter}');
    await waitFor(() => expect(screen.getByTestId('error-summary')).toHaveTextContent('try again in 30 seconds'));
    expect(screen.getByTestId('unlock-announce')).toHaveTextContent('try again in 30 seconds');
    await waitFor(() => expect(screen.getByLabelText(/Passphrase/)).toHaveFocus());
    expect(screen.getByLabelText(/Passphrase/)).toHaveValue('');
    await expectAxeClean(container);
  });

  it('forgotten passphrase: says how to set the laptop up again and how many changes would be lost', async () => {
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ unsentChanges: 3 }));
    render(<App />);
    const details = await screen.findByTestId('forgotten');
    expect(details).toHaveTextContent('Forgotten your passphrase?');
    expect(details).toHaveTextContent(/new data folder/);
    expect(screen.getByTestId('unsent-count')).toHaveTextContent('3 changes made on this laptop have not reached the server yet and would be lost');
  });

  it('a laptop holding partners without a passphrase shows a banner linking to Settings', async () => {
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ hasPassphrase: false, locked: false, needsPassphrase: true }));
    render(<App />);
    const banner = await screen.findByTestId('needs-passphrase-banner');
    expect(banner).toHaveTextContent(/no new partner/);
    expect(banner.querySelector('a')).toHaveAttribute('href', '#/settings');
  });

  it('the wait from earlier wrong passphrases is shown on opening', async () => {
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ waitSeconds: 120 }));
    render(<App />);
    expect(await screen.findByText(/Try again in 2 minutes/)).toHaveAttribute('role', 'status');
  });

  it('the idle timer locks after the idle time; activity restarts it and is reported to Go', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ locked: false, idleMinutes: 1, idleSeconds: 60 }));
    const { container } = render(<App />);
    await screen.findByText(SECRET);
    act(() => vi.advanceTimersByTime(50_000));
    fireEvent.keyDown(window, { key: 'a' });
    expect(backend.noteActivity).toHaveBeenCalledTimes(1);
    fireEvent.mouseMove(window);
    expect(backend.noteActivity).toHaveBeenCalledTimes(1); // at most every 30 s
    act(() => vi.advanceTimersByTime(50_000));
    expect(screen.getByText(SECRET)).toBeInTheDocument(); // 100 s in, 50 s idle
    expect(backend.lock).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(11_000));
    expect(backend.lock).toHaveBeenCalled();
    expect(container).not.toHaveTextContent(SECRET);
    expect(screen.getByLabelText('Passphrase')).toBeInTheDocument();
  });

  it("the idle timer counts Go's idleSeconds (shorter than idleMinutes only under the end-to-end tests' hook)", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ locked: false, idleMinutes: 1, idleSeconds: 10 }));
    const { container } = render(<App />);
    await screen.findByText(SECRET);
    act(() => vi.advanceTimersByTime(9_000));
    expect(backend.lock).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1_500));
    expect(backend.lock).toHaveBeenCalled();
    expect(container).not.toHaveTextContent(SECRET);
  });

  it('no passphrase: no Lock button, no idle lock', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ hasPassphrase: false, locked: false, idleMinutes: 1, idleSeconds: 60 }));
    render(<App />);
    await screen.findByText(SECRET);
    expect(screen.queryByRole('button', { name: 'Lock' })).toBeNull();
    act(() => vi.advanceTimersByTime(10 * 60_000));
    fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    expect(backend.lock).not.toHaveBeenCalled();
    expect(screen.getByText(SECRET)).toBeInTheDocument();
  });
});

describe('Settings: Lock Involve with a passphrase', { timeout: 20000 }, () => {
  const renderSettings = () =>
    render(
      <FlashProvider>
        <LockGate>
          <PassphraseSettings />
        </LockGate>
      </FlashProvider>,
    );

  it('sets a passphrase: the rule said plainly, the two must match, Go’s refusal shown', async () => {
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ hasPassphrase: false, locked: false }));
    const { container } = renderSettings();
    await userEvent.click(await screen.findByRole('button', { name: 'Set a passphrase' }));
    expect(screen.getByText(/At least 12 characters, or at least 4 words/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Current passphrase')).toBeNull();
    await userEvent.type(screen.getByLabelText(/^New passphrase$/), 'short');
    await userEvent.type(screen.getByLabelText(/^New passphrase again$/), 'shorter');
    await userEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('The two new passphrases are not the same');
    expect(backend.setPassphrase).not.toHaveBeenCalled();

    const msg = 'The passphrase must be at least 12 characters long, or at least 4 words';
    vi.mocked(backend.setPassphrase).mockRejectedValueOnce({ code: 'invalid', message: msg + '.', fields: [{ field: 'passphrase', message: msg }] });
    await userEvent.clear(screen.getByLabelText(/^New passphrase again$/));
    await userEvent.type(screen.getByLabelText(/^New passphrase again$/), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
    await waitFor(() => expect(screen.getByTestId('error-summary')).toHaveTextContent(msg));
    expect(backend.setPassphrase).toHaveBeenCalledWith('', 'short');
    await expectAxeClean(container);

    vi.mocked(backend.setPassphrase).mockResolvedValueOnce(lockState({ locked: false }));
    for (const label of [/^New passphrase$/, /^New passphrase again$/]) {
      await userEvent.clear(screen.getByLabelText(label));
      await userEvent.type(screen.getByLabelText(label), 'correct horse battery staple');
    }
    await userEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(await screen.findByRole('button', { name: 'Change passphrase' })).toBeInTheDocument();
    expect(backend.setPassphrase).toHaveBeenLastCalledWith('', 'correct horse battery staple');
    expect(screen.getByText(/locks itself after 5 minutes without use/)).toBeInTheDocument();
  });

  it('changes, removes (with a warning) and sets the idle time', async () => {
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ locked: false }));
    const { container } = renderSettings();
    await userEvent.click(await screen.findByRole('button', { name: 'Change passphrase' }));
    await userEvent.type(screen.getByLabelText('Current passphrase'), 'old passphrase here');
    await userEvent.type(screen.getByLabelText(/^New passphrase$/), 'a new passphrase here');
    await userEvent.type(screen.getByLabelText(/^New passphrase again$/), 'a new passphrase here');
    vi.mocked(backend.setPassphrase).mockResolvedValueOnce(lockState({ locked: false }));
    await userEvent.click(screen.getByRole('button', { name: 'Change passphrase' }));
    await waitFor(() => expect(backend.setPassphrase).toHaveBeenCalledWith('old passphrase here', 'a new passphrase here'));

    const idle = await screen.findByLabelText(/Lock after this many minutes/);
    await userEvent.clear(idle);
    await userEvent.type(idle, '61');
    await userEvent.click(screen.getByRole('button', { name: 'Save idle time' }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('from 1 to 60');
    expect(backend.setIdleLock).not.toHaveBeenCalled();
    vi.mocked(backend.setIdleLock).mockResolvedValueOnce(lockState({ locked: false, idleMinutes: 15, idleSeconds: 900 }));
    await userEvent.clear(idle);
    await userEvent.type(idle, '15');
    await userEvent.click(screen.getByRole('button', { name: 'Save idle time' }));
    await waitFor(() => expect(backend.setIdleLock).toHaveBeenCalledWith(15));
    expect(await screen.findByText(/locks itself after 15 minutes without use/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Remove passphrase' }));
    expect(screen.getByText(/anyone who opens this laptop can see everything/)).toBeInTheDocument();
    await expectAxeClean(container);
    vi.mocked(backend.removePassphrase).mockResolvedValueOnce(lockState({ hasPassphrase: false, locked: false }));
    await userEvent.type(screen.getByLabelText('Current passphrase'), 'a new passphrase here');
    await userEvent.click(screen.getByRole('button', { name: 'Remove passphrase' }));
    await waitFor(() => expect(backend.removePassphrase).toHaveBeenCalledWith('a new passphrase here'));
    expect(await screen.findByRole('button', { name: 'Set a passphrase' })).toBeInTheDocument();
  });

  it('a laptop holding sealed data: the passphrase can be changed, not removed, and Go’s refusal is shown', async () => {
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ locked: false, holdsSealedData: true }));
    const { container, unmount } = renderSettings();
    expect(await screen.findByTestId('passphrase-kept')).toHaveTextContent('The passphrase cannot be removed');
    expect(screen.getByRole('button', { name: 'Change passphrase' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove passphrase' })).toBeNull();
    await expectAxeClean(container);
    unmount();

    // the window did not know yet (a partner arrived by sync): Go refuses, the form says why
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ locked: false }));
    renderSettings();
    await userEvent.click(await screen.findByRole('button', { name: 'Remove passphrase' }));
    const refusal =
      'The passphrase cannot be removed: it protects the Lived Experience Partners’ details on this laptop and your team’s key, which would otherwise be readable by anyone who has the laptop. You can change the passphrase instead.';
    vi.mocked(backend.removePassphrase).mockRejectedValueOnce({ code: 'conflict', message: refusal });
    await userEvent.type(screen.getByLabelText('Current passphrase'), 'correct horse battery staple');
    await userEvent.click(screen.getByRole('button', { name: 'Remove passphrase' }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent(refusal);
    expect(screen.getByTestId('remove-passphrase-form')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Set a passphrase' })).toBeNull();
  });

  it('Settings reads the lock state again: sealed data held since Involve opened hides Remove passphrase', async () => {
    vi.mocked(backend.getLockState)
      .mockResolvedValueOnce(lockState({ locked: false })) // when the window opened
      .mockResolvedValue(lockState({ locked: false, holdsSealedData: true })); // a partner made since
    renderSettings();
    expect(await screen.findByTestId('passphrase-kept')).toHaveTextContent('The passphrase cannot be removed');
    expect(screen.queryByRole('button', { name: 'Remove passphrase' })).toBeNull();
  });
});
