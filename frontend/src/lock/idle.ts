// The window's idle timer: keyboard, mouse, wheel and touch activity restart it; after
// `seconds` without any (Go's LockState.idleSeconds), onIdle runs. Activity is also reported to Go (report) at most
// every ACTIVITY_REPORT_MS, so that Go's own idle deadline (which locks even when this
// window is frozen or altered) moves on while the person works.
import { useEffect, useRef } from 'react';

export const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'pointerdown'] as const;
export const ACTIVITY_REPORT_MS = 30_000;

export function useIdleTimer(seconds: number, enabled: boolean, onIdle: () => void, report: () => void): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  const reportRef = useRef(report);
  reportRef.current = report;
  useEffect(() => {
    if (!enabled || seconds <= 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastReport = 0;
    const restart = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => onIdleRef.current(), seconds * 1000);
    };
    const onActivity = () => {
      restart();
      const now = Date.now();
      if (now - lastReport >= ACTIVITY_REPORT_MS) {
        lastReport = now;
        reportRef.current();
      }
    };
    restart();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      if (timer) clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [seconds, enabled]);
}

/** Ctrl+L (Cmd+L on a Mac) locks Involve. */
export function isLockShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l';
}
