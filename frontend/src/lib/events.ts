// Small hooks over backend events.
import { useEffect, useRef } from 'react';
import { onEvent } from './backend';
import { Events } from './types';

export interface DataChanged {
  entity: string;
  id: string;
}

/**
 * Calls cb when Go reports a data change (optionally only for some entities).
 * Bursts are coalesced: at most one call per entity every 150 ms.
 */
export function useDataChanged(cb: (e: DataChanged) => void, entities?: string[]): void {
  const cbRef = useRef(cb);
  cbRef.current = cb;
  const key = entities?.join(',') ?? '';
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending = new Map<string, DataChanged>(); // one per entity
    const wanted = key ? key.split(',') : null;
    const off = onEvent<DataChanged>(Events.dataChanged, (payload) => {
      const e = payload ?? { entity: '', id: '' };
      if (wanted && e.entity && !wanted.includes(e.entity)) return;
      pending.set(e.entity, e);
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        const batch = [...pending.values()];
        pending = new Map();
        for (const ev of batch) cbRef.current(ev);
      }, 150);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [key]);
}
