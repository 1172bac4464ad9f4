// The app lock's gate. With a passphrase set and Involve locked, only the unlock form
// renders: the router and every screen are unmounted, so the page holds no record
// data. When unlocked, the screens mount again at the address they were at (the hash
// is kept), the idle timer runs, and Ctrl+L or the header's Lock button lock at once.
// The real protection is in Go: while locked it refuses every record method, and it
// keeps its own idle deadline.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getLockState, lock as lockNow, noteActivity, onLockChanged } from '../lib/backend';
import type { LockState } from '../lib/types';
import { isLockShortcut, useIdleTimer } from './idle';
import { UnlockScreen } from './UnlockScreen';
import { arrivedLaunchAnswer, launchAnswer } from '../lib/launch';

interface LockContextValue {
  state: LockState | null;
  /** Lock now (the Lock button, Ctrl+L). */
  lock: () => void;
  /** A new state from Go (after setting, changing or removing the passphrase). */
  update: (s: LockState) => void;
}

const LockContext = createContext<LockContextValue>({ state: null, lock: () => {}, update: () => {} });

export const useLock = () => useContext(LockContext);

export function LockGate({ children }: { children: ReactNode }) {
  // undefined while asking; null when Go could not say (then the app renders, and Go
  // still refuses everything if Involve is in fact locked)
  // An answer already here is used in the first render (lib/launch.ts); the effect
  // still takes it.
  const [arrived] = useState(() => arrivedLaunchAnswer<LockState>('lock'));
  const [state, setState] = useState<LockState | null | undefined>(arrived);

  useEffect(() => {
    let live = true;
    launchAnswer('lock', getLockState)
      .then((s) => live && s !== arrived && setState(s)) // not drawn already
      .catch(() => live && setState(null));
    const off = onLockChanged((s) => setState(s));
    return () => {
      live = false;
      off();
    };
  }, [arrived]);

  const lock = useCallback(() => {
    // the window locks at once, whatever Go answers (Go locks on its own deadline too)
    setState((s) => (s && s.hasPassphrase ? { ...s, locked: true } : s));
    lockNow()
      .then((s) => setState(s))
      .catch(() => {});
  }, []);
  const update = useCallback((s: LockState) => setState(s), []);

  const unlockedWithPassphrase = !!state && state.hasPassphrase && !state.locked;
  useIdleTimer(state?.idleSeconds ?? 0, unlockedWithPassphrase, lock, () => {
    noteActivity().catch(() => {});
  });

  useEffect(() => {
    if (!unlockedWithPassphrase) return;
    const onKey = (e: KeyboardEvent) => {
      if (isLockShortcut(e)) {
        e.preventDefault();
        lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [unlockedWithPassphrase, lock]);

  const value = useMemo(() => ({ state: state ?? null, lock, update }), [state, lock, update]);

  if (state === undefined) {
    return (
      <p className="nhsuk-u-visually-hidden" role="status">
        Opening Involve…
      </p>
    );
  }
  if (state?.locked) return <UnlockScreen state={state} onUnlocked={update} />;
  return <LockContext.Provider value={value}>{children}</LockContext.Provider>;
}

/** The header's Lock button (only with a passphrase set). */
export function LockButton() {
  const { state, lock } = useLock();
  if (!state?.hasPassphrase) return null;
  return (
    <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0 involve-lock-button" onClick={lock} aria-keyshortcuts="Control+L">
      Lock
    </button>
  );
}
