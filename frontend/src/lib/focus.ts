// Focus that follows a change made in place (WCAG 2.4.3 Focus order): a form or a
// question that opens on the page, closes, or a row that moves. Call the returned
// function with where focus should go just before the state change; once React has
// rendered the change, focus goes there. One try: a target that is not on the page
// after that render is dropped (focus is never moved later by surprise).
import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** An element's id, a ref, or a function that finds the element. */
export type FocusTarget = string | RefObject<HTMLElement | null> | (() => HTMLElement | null | undefined);

function find(t: FocusTarget): HTMLElement | null {
  if (typeof t === 'string') return document.getElementById(t);
  if (typeof t === 'function') return t() ?? null;
  return t.current;
}

export function useFocusAfter(): (target: FocusTarget) => void {
  const next = useRef<FocusTarget | null>(null);
  // No dependency list: this runs after every render of the component that asked.
  useEffect(() => {
    const t = next.current;
    if (!t) return;
    next.current = null;
    find(t)?.focus();
  });
  return useCallback((t: FocusTarget) => {
    next.current = t;
  }, []);
}
