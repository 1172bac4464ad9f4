// Dates: stored as YYYY-MM-DD (session dates) or RFC 3339 UTC (timestamps); shown in
// local time, in the NHS.UK style ("3 March 2026", "14:05").

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's local date as YYYY-MM-DD. */
export function todayISO(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Local time now as HH:MM. */
export function nowHM(now: Date = new Date()): string {
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "2026-03-01" → "1 March 2026"; anything else is returned as it is. */
export function formatDate(ymd: string | undefined | null): string {
  if (!ymd) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  if (!m) return ymd;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return ymd;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** RFC 3339 → local "14:05" (empty if not a time). */
export function formatTime(rfc3339: string | undefined | null): string {
  if (!rfc3339) return '';
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return '';
  return nowHM(d);
}

/** RFC 3339 → local "1 March 2026 at 14:05". */
export function formatDateTime(rfc3339: string | undefined | null): string {
  if (!rfc3339) return '';
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return '';
  return `${formatDate(todayISO(d))} at ${nowHM(d)}`;
}

/** "09:30" + "11:00" → "09:30 to 11:00". */
export function formatTimeRange(start: string, end: string): string {
  if (start && end) return `${start} to ${end}`;
  return start || end || '';
}
