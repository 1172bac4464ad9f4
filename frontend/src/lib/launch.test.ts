// The first screen's questions asked together at launch (launch.ts): each answer is
// taken once, a failed one is asked again, and none is used after Go announced a change.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as backend from './backend';
import { emit } from '../test/backendMock';
import { arrivedLaunchAnswer, askAtLaunch, forgetLaunchAnswers, launchAnswer } from './launch';
import { Events, type StartupState } from './types';

vi.mock('./backend', () => import('../test/backendMock'));

const ok = { status: 'ok', message: '', dataDir: '/d', backups: [], kiosk: false, repairable: false } as StartupState;
const home = (feedback: number) => ({ today: [], recent: [], counts: { projects: 0, sessions: 0, feedback, feedbackToday: 0, needsResponse: 0 } });
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  vi.clearAllMocks();
  vi.useFakeTimers({ toFake: ['setTimeout'], shouldAdvanceTime: true });
  window.location.hash = '';
  vi.mocked(backend.getStartupState).mockResolvedValue(ok);
  vi.mocked(backend.getKioskState).mockResolvedValue({ active: false } as never);
  vi.mocked(backend.getSyncStatus).mockResolvedValue({} as never);
  vi.mocked(backend.getReferenceData).mockResolvedValue({} as never);
});
afterEach(() => {
  forgetLaunchAnswers();
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
});

describe('launch answers', () => {
  it('asks the rest at once when the startup state is ok, and each answer is taken once', async () => {
    vi.mocked(backend.getHome).mockResolvedValueOnce(home(1)).mockResolvedValueOnce(home(2));
    askAtLaunch();
    expect(await launchAnswer('startup', backend.getStartupState)).toBe(ok);
    await flush();
    for (const f of [backend.getWelcome, backend.getKioskState, backend.getReferenceData, backend.getLockState, backend.getSyncStatus, backend.getHome]) {
      expect(f).toHaveBeenCalledTimes(1);
    }
    expect((await launchAnswer('home', backend.getHome)).counts.feedback).toBe(1);
    // a reload asks Go again
    expect((await launchAnswer('home', backend.getHome)).counts.feedback).toBe(2);
    expect(backend.getHome).toHaveBeenCalledTimes(2);
  });

  it('asks nothing more when the startup state is not ok (locked, damaged)', async () => {
    vi.mocked(backend.getStartupState).mockResolvedValue({ ...ok, status: 'locked' });
    askAtLaunch();
    await flush();
    expect(backend.getWelcome).not.toHaveBeenCalled();
    expect(backend.getHome).not.toHaveBeenCalled();
  });

  it('asks again when the launch answer failed (kiosk mode, Involve locked)', async () => {
    vi.mocked(backend.getHome).mockRejectedValueOnce({ code: 'unauthorized', message: 'Locked' }).mockResolvedValueOnce(home(3));
    askAtLaunch();
    await flush();
    expect((await launchAnswer('home', backend.getHome)).counts.feedback).toBe(3);
  });

  it('forgets the answers when Go announces a change, and after a while', async () => {
    vi.mocked(backend.getHome).mockResolvedValueOnce(home(1)).mockResolvedValueOnce(home(2));
    askAtLaunch();
    await flush();
    emit(Events.dataChanged, { entity: 'feedback', id: 'x' });
    expect((await launchAnswer('home', backend.getHome)).counts.feedback).toBe(2);

    forgetLaunchAnswers();
    vi.mocked(backend.getLockState).mockClear();
    askAtLaunch();
    await flush();
    expect(backend.getLockState).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    await launchAnswer('lock', backend.getLockState);
    expect(backend.getLockState).toHaveBeenCalledTimes(2);
  });

  it('does not ask for the home screen when the window opens elsewhere', async () => {
    window.location.hash = '#/sessions';
    askAtLaunch();
    await flush();
    expect(backend.getWelcome).toHaveBeenCalledTimes(1);
    expect(backend.getHome).not.toHaveBeenCalled();
  });

  it('gives an answer that has arrived without taking it, and none once taken or forgotten', async () => {
    let answer: (h: ReturnType<typeof home>) => void = () => {};
    vi.mocked(backend.getHome).mockReturnValueOnce(new Promise((r) => (answer = r))).mockResolvedValue(home(2));
    askAtLaunch();
    await flush();
    expect(arrivedLaunchAnswer('home')).toBeUndefined(); // asked, not here yet
    answer(home(1));
    await flush();
    const arrived = arrivedLaunchAnswer<ReturnType<typeof home>>('home');
    expect(arrived?.counts.feedback).toBe(1);
    expect(arrivedLaunchAnswer('home')).toBe(arrived); // not taken
    expect(await launchAnswer('home', backend.getHome)).toBe(arrived); // the same answer
    expect(arrivedLaunchAnswer('home')).toBeUndefined(); // taken

    forgetLaunchAnswers();
    askAtLaunch();
    await flush();
    expect(arrivedLaunchAnswer<ReturnType<typeof home>>('home')?.counts.feedback).toBe(2);
    emit(Events.dataChanged, { entity: 'feedback', id: 'x' });
    expect(arrivedLaunchAnswer('home')).toBeUndefined(); // forgotten
  });

  it('without askAtLaunch (tests, later screens) every call asks Go', async () => {
    vi.mocked(backend.getHome).mockResolvedValue(home(5));
    expect((await launchAnswer('home', backend.getHome)).counts.feedback).toBe(5);
    expect(backend.getStartupState).not.toHaveBeenCalled();
  });
});
