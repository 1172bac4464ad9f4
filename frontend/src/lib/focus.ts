// Focus that follows a change made in place (WCAG 2.4.3 Focus order): a form or a
// question that opens on the page, closes, or a row that moves. Call the returned
// function with where focus should go just before the state change; once React has
// rendered the change, focus goes there. One try: a target that is not on the page
// after that render is dropped (focus is never moved later by surprise).
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** An element's id, a ref, or a function that finds the element. */
export type FocusTarget = string | RefObject<HTMLElement | null> | (() => HTMLElement | null | undefined);

function find(t: FocusTarget): HTMLElement | null {
  if (typeof t === 'string') return document.getElementById(t);
  if (typeof t === 'function') return t() ?? null;
  return t.current;
}

export function useFocusAfter(): (target: FocusTarget) => void {
  const next = useRef<FocusTarget | null>(null);
  // Each request is a state change of its own, made with the change that shows the
  // target (the same batch), and the effect runs for that render only. An effect of
  // every render (as before) could run first for an earlier render whose effects React
  // had not run yet when the control was used (data arriving just before a click): it
  // found no target and dropped it, and focus fell to the page (FocusInPlace.test.tsx's
  // flake; lib/focus.test.tsx makes that order happen).
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    const t = next.current;
    if (!t) return;
    next.current = null;
    find(t)?.focus();
  }, [asked]);
  return useCallback((t: FocusTarget) => {
    next.current = t;
    setAsked((n) => n + 1);
  }, []);
}
