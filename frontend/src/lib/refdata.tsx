// Reference data (session types, boroughs, ratings…) loaded once and shared.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { getReferenceData, toBackendError } from './backend';
import type { BackendError, RefItem, ReferenceData } from './types';
import { arrivedLaunchAnswer, launchAnswer } from './launch';

export const emptyRefData: ReferenceData = {
  version: '',
  sessionTypes: [],
  sessionModes: [],
  sessionStatuses: [],
  involvementLevels: [],
  engagementStages: [],
  standards: [],
  accessSupport: [],
  boroughs: [],
  feedbackSources: [],
  ratings: [],
  ageBands: [],
  ethnicGroups: [],
  ethnicities: [],
  core20plus5: [],
  plusGroups: [],
  actionStatuses: [],
  actionChannels: [],
  impactAreas: [],
  impactDirections: [],
  impactMagnitudes: [],
};

interface RefState {
  data: ReferenceData;
  loaded: boolean;
  error: BackendError | null;
}

const RefDataContext = createContext<RefState>({ data: emptyRefData, loaded: false, error: null });

// Go nil slices arrive as null.
function fromGo(d: ReferenceData): ReferenceData {
  const data = { ...emptyRefData } as ReferenceData;
  for (const k of Object.keys(emptyRefData) as (keyof ReferenceData)[]) {
    const v = d[k];
    (data as unknown as Record<string, unknown>)[k] = v ?? emptyRefData[k];
  }
  return data;
}

export function RefDataProvider({ children, initial }: { children: ReactNode; initial?: ReferenceData }) {
  // an answer asked at launch that is here already is used in the first render
  // (lib/launch.ts); the effect still takes it
  const [arrived] = useState(() => (initial ? undefined : arrivedLaunchAnswer<ReferenceData>('refdata')));
  const [state, setState] = useState<RefState>(() =>
    initial
      ? { data: initial, loaded: true, error: null }
      : arrived
        ? { data: fromGo(arrived), loaded: true, error: null }
        : { data: emptyRefData, loaded: false, error: null },
  );
  useEffect(() => {
    if (initial) return;
    let live = true;
    launchAnswer('refdata', getReferenceData)
      .then((d) => {
        if (!live || d === arrived) return; // drawn already
        setState({ data: fromGo(d), loaded: true, error: null });
      })
      .catch((e: unknown) => live && setState((s) => ({ ...s, loaded: true, error: toBackendError(e) })));
    return () => {
      live = false;
    };
  }, [initial, arrived]);
  return <RefDataContext.Provider value={state}>{children}</RefDataContext.Provider>;
}

export function useRefData(): ReferenceData {
  return useContext(RefDataContext).data;
}

export function useRefDataState(): RefState {
  return useContext(RefDataContext);
}

/** The label of a code in a reference list, or the code itself if unknown. */
export function labelOf(list: RefItem[], code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  return list.find((i) => i.code === code)?.label ?? code;
}

export function labelsOf(list: RefItem[], codes: string[]): string[] {
  return codes.map((c) => labelOf(list, c));
}

/** Rating number (or null) → label ("Not given" for null). */
export function ratingLabel(ratings: RefItem[], rating: number | null): string {
  if (rating === null || rating === undefined) return 'Not given';
  return labelOf(ratings, String(rating));
}
