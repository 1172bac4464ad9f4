// A date as the NHS.UK date input pattern asks: a fieldset whose legend is the question,
// a hint with an example, and three boxes, Day, Month and Year. The value in and out is
// the YYYY-MM-DD text the forms and Go have always used. What is typed is kept in the
// boxes as it is, so a half-typed date is never lost; until the boxes make a real date
// the value is that text joined as "year-month-day", which is never a valid YYYY-MM-DD
// date, so Go refuses it with "… must be a real date" and the error summary says so.
// The Day box's id is the field's name, so an error summary link (#name) focuses it.
import { useState, type ChangeEvent, type FocusEvent } from 'react';
import { DateInput } from 'nhsuk-react-components';

/** The three boxes' text. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const DATE_EXAMPLE = '6 12 2026';

const EMPTY: DateParts = { day: '', month: '', year: '' };
const pad = (s: string) => s.padStart(2, '0');

/** The YYYY-MM-DD date the boxes make, or null when they do not make a real date. */
export function isoOfParts(p: DateParts): string | null {
  const day = p.day.trim();
  const month = p.month.trim();
  const year = p.year.trim();
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  if (m < 1 || m > 12 || d < 1) return null;
  // Day 0 of the next month is the last day of this one (UTC: no clock change can move it).
  const last = new Date(0);
  last.setUTCFullYear(y, m, 0); // years below 100 are not taken as 19xx
  if (d > last.getUTCDate()) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * The value the boxes give: their date as YYYY-MM-DD, "" when all three are empty, and
 * otherwise the trimmed text as "year-month-day" (never a valid date, so it is refused).
 */
export function valueOfParts(p: DateParts): string {
  const iso = isoOfParts(p);
  if (iso !== null) return iso;
  const day = p.day.trim();
  const month = p.month.trim();
  const year = p.year.trim();
  if (day === '' && month === '' && year === '') return '';
  return `${year}-${month}-${day}`;
}

/** The boxes for a value: a YYYY-MM-DD date (day and month without leading zeros) or a refused value. */
export function partsOfValue(value: string | undefined | null): DateParts {
  if (!value) return EMPTY;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return { day: String(Number(iso[3])), month: String(Number(iso[2])), year: iso[1] };
  const raw = /^([^-]*)-([^-]*)-([^-]*)$/.exec(value);
  if (raw) return { day: raw[3], month: raw[2], year: raw[1] };
  return { day: '', month: '', year: value };
}

interface DateFieldProps {
  /** The JSON name of the field: the Day box's id (error summary links go there). */
  name: string;
  /** The question; it becomes the fieldset's legend. */
  label: string;
  /** YYYY-MM-DD, "" for no date, or a refused value this field gave earlier. */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** Shown before the example ("For example, 6 12 2026"). */
  hint?: string;
  /**
   * For a filter used as it changes (no Save button): an incomplete date is passed on
   * only when focus leaves the three boxes, so an error does not appear mid-typing.
   */
  live?: boolean;
}

export function DateField(p: DateFieldProps) {
  const [parts, setParts] = useState<DateParts>(() => partsOfValue(p.value));
  const [seen, setSeen] = useState(p.value);
  // A new value from the form (a reset, a record loaded): show it, unless it is what the boxes already say.
  if (p.value !== seen) {
    setSeen(p.value);
    if (p.value !== valueOfParts(parts)) setParts(partsOfValue(p.value));
  }

  const change = (key: keyof DateParts) => (e: ChangeEvent<HTMLInputElement>) => {
    e.stopPropagation(); // the boxes are kept here, not in DateInput's own state
    const next = { ...parts, [key]: e.currentTarget.value };
    setParts(next);
    const value = valueOfParts(next);
    if (value === p.value) return;
    if (p.live && value !== '' && isoOfParts(next) === null) return;
    setSeen(value);
    p.onChange(value);
  };

  const blur = (e: FocusEvent<HTMLDivElement>) => {
    if (!p.live) return;
    const to = e.relatedTarget as Node | null;
    if (to && e.currentTarget.contains(to)) return;
    const value = valueOfParts(parts);
    if (value !== p.value) {
      setSeen(value);
      p.onChange(value);
    }
  };

  const hint = p.hint ? `${p.hint}. For example, ${DATE_EXAMPLE}` : `For example, ${DATE_EXAMPLE}`;
  const box = { autoComplete: 'off', spellCheck: false } as const;
  return (
    <DateInput
      id={`${p.name}-group`}
      name={p.name}
      legend={p.label}
      legendProps={{ size: 's' }}
      hint={hint}
      error={p.error}
      onBlur={blur}
      data-testid={`date-${p.name}`}
    >
      <DateInput.Day id={p.name} name={`${p.name}-day`} value={parts.day} onChange={change('day')} {...box} />
      <DateInput.Month id={`${p.name}-month`} name={`${p.name}-month`} value={parts.month} onChange={change('month')} {...box} />
      <DateInput.Year id={`${p.name}-year`} name={`${p.name}-year`} value={parts.year} onChange={change('year')} {...box} />
    </DateInput>
  );
}
