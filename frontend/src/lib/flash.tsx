// Notification banners that outlive a screen change: "Feedback deleted. Undo" stays
// for about 10 seconds, on this screen and the next.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export const FLASH_MS = 10_000;

export interface Flash {
  id: number;
  message: string; // "Feedback deleted."
  success?: boolean;
  undo?: () => Promise<unknown>;
  undoneMessage?: string; // shown after a successful undo
  error?: string; // set when undo failed
}

interface FlashApi {
  flash: Flash | null;
  showUndo: (message: string, undo: () => Promise<unknown>, undoneMessage: string) => void;
  showMessage: (message: string, success?: boolean) => void;
  /** Runs the undo; resolves to what it returned (a route to open, if a string). */
  runUndo: () => Promise<unknown>;
  dismiss: () => void;
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

  const showUndo = useCallback(
    (message: string, undo: () => Promise<unknown>, undoneMessage: string) => {
      const id = ++seq.current;
      setFlash({ id, message, undo, undoneMessage });
      arm(id);
    },
    [arm],
  );

  const showMessage = useCallback(
    (message: string, success = true) => {
      const id = ++seq.current;
      setFlash({ id, message, success });
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

  const api = useMemo(() => ({ flash, showUndo, showMessage, runUndo, dismiss }), [flash, showUndo, showMessage, runUndo, dismiss]);
  return <FlashContext.Provider value={api}>{children}</FlashContext.Provider>;
}

export function useFlash(): FlashApi {
  const ctx = useContext(FlashContext);
  if (!ctx) throw new Error('useFlash outside FlashProvider');
  return ctx;
}
