// The report period's quick choices, turned into from/to dates (YYYY-MM-DD, inclusive)
// from today's local date. NHS teams report by financial year: 1 April to 31 March.
import { formatDate } from '../../lib/dates';

export type PeriodChoice = 'this_month' | 'last_3_months' | 'this_fy' | 'last_fy' | 'all' | 'custom';

export const PERIODS: { code: PeriodChoice; label: string }[] = [
  { code: 'this_month', label: 'This month' },
  { code: 'last_3_months', label: 'Last 3 months' },
  { code: 'this_fy', label: 'This financial year' },
  { code: 'last_fy', label: 'Last financial year' },
  { code: 'all', label: 'All time' },
  { code: 'custom', label: 'Custom dates' },
];

export const DEFAULT_PERIOD: PeriodChoice = 'this_fy';

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Days in month m (1..12) of year y. */
const daysIn = (y: number, m: number) => new Date(y, m, 0).getDate();

/** The financial year (1 April – 31 March) a date falls in, by its starting year. */
export function financialYearStart(today: Date): number {
  return today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1;
}

/** "2026 to 2027" style label of the financial year starting in April of `start`. */
export function financialYearLabel(start: number): string {
  return `${start} to ${start + 1}`;
}

/**
 * The dates of a quick choice on `today` (local time). "Last 3 months" is this calendar
 * month and the two before it. "custom" and "all" give empty dates (custom dates come
 * from the form).
 */
export function periodDates(choice: PeriodChoice, today: Date = new Date()): Period {
  const y = today.getFullYear();
  const m = today.getMonth() + 1; // 1..12
  switch (choice) {
    case 'this_month':
      return { from: ymd(y, m, 1), to: ymd(y, m, daysIn(y, m)) };
    case 'last_3_months': {
      let fy = y;
      let fm = m - 2;
      if (fm < 1) {
        fm += 12;
        fy -= 1;
      }
      return { from: ymd(fy, fm, 1), to: ymd(y, m, daysIn(y, m)) };
    }
    case 'this_fy': {
      const s = financialYearStart(today);
      return { from: ymd(s, 4, 1), to: ymd(s + 1, 3, 31) };
    }
    case 'last_fy': {
      const s = financialYearStart(today) - 1;
      return { from: ymd(s, 4, 1), to: ymd(s + 1, 3, 31) };
    }
    case 'all':
    case 'custom':
      return { from: '', to: '' };
  }
}

/** The period in words for the hint under the choice: "1 April 2026 to 31 March 2027". */
export function periodText(p: Period): string {
  if (p.from && p.to) return `${formatDate(p.from)} to ${formatDate(p.to)}`;
  if (p.from) return `From ${formatDate(p.from)}`;
  if (p.to) return `Up to ${formatDate(p.to)}`;
  return 'Every date';
}

export function isPeriodChoice(v: string | null | undefined): v is PeriodChoice {
  return PERIODS.some((p) => p.code === v);
}

