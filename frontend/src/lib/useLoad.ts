// Loading data from the backend into a screen, with reload and stale-response guard.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { toBackendError } from './errors';
import type { BackendError } from './types';

export interface Loaded<T> {
  data: T | undefined;
  error: BackendError | null;
  loading: boolean;
  reload: () => void;
  setData: (fn: (old: T | undefined) => T | undefined) => void;
}

/**
 * initial: data already here for the first render (an answer asked at launch that has
 * arrived: lib/launch.ts), which fn's first answer is expected to repeat; fn is still
 * called, and what it gives replaces it.
 */
export function useLoad<T>(
  fn: () => Promise<T>,
  deps: DependencyList,
  { initial }: { initial?: () => T | undefined } = {},
): Loaded<T> {
  const [data, setDataState] = useState<T | undefined>(initial);
  const [error, setError] = useState<BackendError | null>(null);
  const [loading, setLoading] = useState(data === undefined);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    fnRef
      .current()
      .then((d) => {
        if (mine !== seq.current) return;
        setDataState(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (mine !== seq.current) return;
        setError(toBackendError(e));
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  useEffect(
    () => () => {
      seq.current += 1; // ignore answers that arrive after unmount
    },
    [],
  );

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((f: (old: T | undefined) => T | undefined) => setDataState(f), []);
  return { data, error, loading, reload, setData };
}
