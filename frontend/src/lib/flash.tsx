// Notification banners. "Feedback deleted. Undo" outlives a screen change: it stays for
// about 10 seconds, on this screen and the next. A plain message ("Time logged.")
// belongs to the screen it is about: it follows the navigation its own action made (a
// save that goes back to the partner's page shows it there), and goes when the person
// then moves to another page. Each message replaces the one before, never stacks.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export const FLASH_MS = 10_000;

export interface Flash {
  id: number;
  message: string; // "Feedback deleted."
  success?: boolean;
  undo?: () => Promise<unknown>;
  undoneMessage?: string; // shown after a successful undo
  error?: string; // set when undo failed
  /** Put focus on the banner: the control that was used has gone from the page. */
  focus?: boolean;
  /** A plain message's screen (a route's pathname); null: not known yet. Undo banners have none. */
  path?: string | null;
}

interface FlashApi {
  flash: Flash | null;
  showUndo: (message: string, undo: () => Promise<unknown>, undoneMessage: string) => void;
  /** focus: the control that was used is gone (a row deleted, a form closed for good), so
   * focus goes to the banner, as NHS.UK's success banner does, rather than being lost. */
  showMessage: (message: string, success?: boolean, opts?: { focus?: boolean }) => void;
  /** Runs the undo; resolves to what it returned (a route to open, if a string). */
  runUndo: () => Promise<unknown>;
  dismiss: () => void;
  /** The banner tells the provider the screen on show (it lives inside the router). */
  routeChanged: (pathname: string) => void;
}

const FlashContext = createContext<FlashApi | null>(null);

export function FlashProvider({ children }: { children: ReactNode }) {
  const [flash, setFlash] = useState<Flash | null>(null);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const arm = useCallback((id: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setFlash((f) => (f && f.id === id ? null : f));
    }, FLASH_MS);
  }, []);

  useEffect(() => () => timer.current && clearTimeout(timer.current), []);

  // The screen on show, and whether the next change of screen is the action's own (a
  // plain message was shown and the person has not pressed or clicked anything since).
  const path = useRef<string | null>(null);
  const carry = useRef(false);
  useEffect(() => {
    const input = () => {
      carry.current = false;
    };
    // Capture: this runs before the handler of the key or click that shows a message.
    document.addEventListener('keydown', input, true);
    document.addEventListener('pointerdown', input, true);
    return () => {
      document.removeEventListener('keydown', input, true);
      document.removeEventListener('pointerdown', input, true);
    };
  }, []);

  const showUndo = useCallback(
    (message: string, undo: () => Promise<unknown>, undoneMessage: string) => {
      const id = ++seq.current;
      carry.current = false;
      setFlash({ id, message, undo, undoneMessage });
      arm(id);
    },
    [arm],
  );

  const showMessage = useCallback(
    (message: string, success = true, opts?: { focus?: boolean }) => {
      const id = ++seq.current;
      carry.current = true;
      setFlash({ id, message, success, path: path.current, focus: opts?.focus });
      arm(id);
    },
    [arm],
  );

  const dismiss = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    setFlash(null);
  }, []);

  const flashRef = useRef(flash);
  flashRef.current = flash;

  const routeChanged = useCallback((pathname: string) => {
    const before = path.current;
    path.current = pathname;
    const f = flashRef.current;
    if (before === pathname || !f || f.undo || f.path === undefined || f.path === pathname) return;
    if (carry.current || f.path === null) {
      // The action's own navigation: the message moves with it, to this screen.
      carry.current = false;
      const moved = { ...f, path: pathname };
      flashRef.current = moved;
      setFlash(moved);
      return;
    }
    if (timer.current) clearTimeout(timer.current);
    flashRef.current = null;
    setFlash((now) => (now && now.id === f.id ? null : now));
  }, []);

  const runUndo = useCallback(async () => {
    const f = flashRef.current;
    if (!f?.undo) return undefined;
    try {
      const result = await f.undo();
      showMessage(f.undoneMessage ?? 'Restored.', true);
      return result;
    } catch (e) {
      const msg = e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e);
      setFlash({ ...f, error: `Could not undo: ${msg}` });
      arm(f.id);
      return undefined;
    }
  }, [arm, showMessage]);

  const api = useMemo(
    () => ({ flash, showUndo, showMessage, runUndo, dismiss, routeChanged }),
    [flash, showUndo, showMessage, runUndo, dismiss, routeChanged],
  );
  return <FlashContext.Provider value={api}>{children}</FlashContext.Provider>;
}

export function useFlash(): FlashApi {
  const ctx = useContext(FlashContext);
  if (!ctx) throw new Error('useFlash outside FlashProvider');
  return ctx;
}
