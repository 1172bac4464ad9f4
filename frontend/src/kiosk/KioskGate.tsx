// Kiosk gate: on load the app asks Go whether kiosk mode is on. If it is, only the
// public feedback form renders (no header, menu, search or sync status, and no router,
// so no other screen can be reached); otherwise the staff app renders as usual. The
// real protection is in Go (every other bound method refuses while kiosk mode is on):
// this gate is what people see.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getKioskState } from '../lib/backend';
import { useRefDataState } from '../lib/refdata';
import type { KioskState } from '../lib/types';
import { KioskScreen } from './KioskScreen';
import { arrivedLaunchAnswer, launchAnswer } from '../lib/launch';

/** What staff are told after leaving kiosk mode (KioskLeftNotice, on the session's page). */
export interface KioskLeft {
  sessionId: string;
  received: number;
}

interface KioskContextValue {
  /** Switch to the kiosk after StartKiosk succeeded. */
  enter: (state: KioskState) => void;
  /** Set just after staff left kiosk mode, until the notice is dismissed. */
  left: KioskLeft | null;
  dismissLeft: () => void;
}

const KioskContext = createContext<KioskContextValue>({ enter: () => {}, left: null, dismissLeft: () => {} });

export const useKiosk = () => useContext(KioskContext);

export function KioskGate({ children }: { children: ReactNode }) {
  // undefined while asking; null when Go could not say (the staff app then renders, and
  // Go itself still refuses everything if kiosk mode is in fact on).
  // An answer already here is used in the first render (lib/launch.ts); the effect
  // still takes it.
  const [arrived] = useState(() => arrivedLaunchAnswer<KioskState>('kiosk'));
  const [state, setState] = useState<KioskState | null | undefined>(arrived);

  useEffect(() => {
    let live = true;
    launchAnswer('kiosk', getKioskState)
      .then((s) => live && s !== arrived && setState(s)) // not drawn already
      .catch(() => live && setState(null));
    return () => {
      live = false;
    };
  }, [arrived]);

  const [left, setLeft] = useState<KioskLeft | null>(null);
  const enter = useCallback((s: KioskState) => {
    setLeft(null);
    setState(s);
  }, []);
  const dismissLeft = useCallback(() => setLeft(null), []);
  const onLeft = useCallback((sessionId: string, received: number) => {
    // replaceState fires no hashchange, so the kiosk's own guard does not undo it; the
    // router mounts afresh on the session's page.
    window.history.replaceState(null, '', sessionId ? `#/sessions/${sessionId}` : '#/');
    setLeft(sessionId ? { sessionId, received } : null);
    setState(null);
  }, []);
  const value = useMemo(() => ({ enter, left, dismissLeft }), [enter, left, dismissLeft]);
  const ref = useRefDataState();

  // The kiosk waits for the reference data too: its radio groups must have their inputs
  // before nhsuk-frontend's Radios starts on them (it throws on an empty group, and that
  // unmounted the whole page).
  if (state === undefined || (state?.active && !ref.loaded && !ref.error)) {
    return (
      <p className="nhsuk-u-visually-hidden" role="status">
        Opening Involve…
      </p>
    );
  }
  if (state?.active) return <KioskScreen state={state} onLeft={onLeft} />;
  return <KioskContext.Provider value={value}>{children}</KioskContext.Provider>;
}
