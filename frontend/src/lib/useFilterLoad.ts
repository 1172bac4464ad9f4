// Loading what a filter shows (the Reports screen's figures, the "you said, we did"
// preview). Every change of filter starts a new request; an answer to an earlier one that
// arrives late is ignored (it would show data for filters no longer on screen), and so is
// one that arrives after the screen has gone. A "data:changed" event (an edit, a sync) of
// the given kinds (every kind when none are given) loads it again.
import { useEffect, useRef, useState } from 'react';
import { toBackendError } from './errors';
import { useDataChanged } from './events';
import type { BackendError } from './types';

export interface FilterLoad<T> {
  data: T | undefined;
  error: BackendError | null;
  loading: boolean;
}

export function useFilterLoad<F, T>(load: (filter: F) => Promise<T>, filter: F, entities?: string[]): FilterLoad<T> {
  const key = JSON.stringify(filter);
  const [state, setState] = useState<FilterLoad<T>>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current(JSON.parse(key) as F).then(
      (data) => {
        if (mine === seq.current) setState({ data, error: null, loading: false });
      },
      (e: unknown) => {
        if (mine === seq.current) setState({ data: undefined, error: toBackendError(e), loading: false });
      },
    );
  }, [key, tick]);
  useEffect(
    () => () => {
      seq.current += 1;
    },
    [],
  );
  useDataChanged(() => setTick((t) => t + 1), entities);
  return state;
}
