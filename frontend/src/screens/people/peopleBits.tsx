// Shared parts of the Lived Experience Partner screens: money in whole pence, minutes,
// the People reference lists (loaded once), and small display pieces.
import { useEffect, useState } from 'react';
import { getPeopleReference } from '../../lib/backend';
import type { LEPTotal, PeopleReference } from '../../lib/types';

/** 2550 → "£25.50" (pence are integers: no floating point anywhere). */
export function pounds(pence: number | null | undefined): string {
  const p = Math.round(pence ?? 0);
  const sign = p < 0 ? '-' : '';
  const abs = Math.abs(p);
  const whole = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** "25", "25.5", "£1,025.50" → pence; "" → 0; anything else → null (not money). */
export function parsePounds(text: string): number | null {
  const t = text.trim().replace(/^£/, '').replace(/,/g, '');
  if (t === '') return 0;
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Pence as the text of a money input: 2550 → "25.50", 0 → "". */
export const poundsInput = (pence: number | null | undefined): string =>
  pence ? pounds(pence).replace('£', '').replace(/,/g, '') : '';

/** 95 → "1 hour 35 minutes"; 0 → "0 minutes". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} ${h === 1 ? 'hour' : 'hours'}`);
  if (m || !h) parts.push(`${m} ${m === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

/** Minutes as decimal hours for tables: 90 → "1.5". */
export const hours = (minutes: number): string => (Math.round((minutes / 60) * 100) / 100).toString();

/** Days from claim to payment, or "No paid claims". */
export function daysToPay(t: LEPTotal): string {
  if (!t.paidClaims) return 'No paid claims';
  return `median ${t.medianDaysToPay} days, longest ${t.maxDaysToPay} days`;
}

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

/** Hours, fees, expenses and days to pay as one table (by contributor, project or month). */
export function TotalsTable({ caption, first, rows, testId }: { caption: string; first: string; rows: LEPTotal[]; testId: string }) {
  return (
    <table className="nhsuk-table" data-testid={testId}>
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">{first}</th>
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Hours</th>
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Fees</th>
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Expenses</th>
          <th scope="col" className="nhsuk-table__header">Days from claim to payment</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((t) => (
          <tr className="nhsuk-table__row" key={t.key || 'none'}>
            <th scope="row" className="nhsuk-table__header">{t.label}</th>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{hours(t.minutes)}</td>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{pounds(t.feesPence)}</td>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{pounds(t.expensesPence)}</td>
            <td className="nhsuk-table__cell">{daysToPay(t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
