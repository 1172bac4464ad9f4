// The People reference lists (contact preferences, payment routes, rate units, consent
// purposes and bases…) from Go, loaded once: they are fixed for a build.
import { useEffect, useState } from 'react';
import { getPeopleReference } from '../../lib/backend';
import type { PeopleReference } from '../../lib/types';

export const emptyPeopleRef: PeopleReference = {
  contactPreferences: [],
  paymentRoutes: [],
  rateUnits: [],
  consentPurposes: [],
  lawfulBases: [],
  specialConditions: [],
  consentMethods: [],
  consentSubjects: [],
  withdrawnPurposesOff: [],
};

let cached: PeopleReference | null = null;

/** The People lists from Go (fixed for a build, so loaded once). */
export function usePeopleRef(): PeopleReference | null {
  const [ref, setRef] = useState<PeopleReference | null>(cached);
  useEffect(() => {
    if (cached) return;
    let live = true;
    getPeopleReference()
      .then((r) => {
        cached = r;
        if (live) setRef(r);
      })
      .catch(() => {
        if (live) setRef(emptyPeopleRef);
      });
    return () => {
      live = false;
    };
  }, []);
  return ref;
}

/** Forget the cached lists (tests). */
export function resetPeopleRefCache() {
  cached = null;
}
