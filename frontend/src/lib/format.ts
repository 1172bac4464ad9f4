// Numbers, money, time and counts as the screens write them (en-GB). One module for
// every formatter, so that the same figure reads the same everywhere.
import type { LEPTotal } from './types';

const nf = new Intl.NumberFormat('en-GB');

/** A whole number with thousands separators: 12345 → "12,345". */
export const num = (n: number): string => nf.format(n);

/** "1 action", "3 actions", "1,200 sessions". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${num(n)} ${n === 1 ? one : many}`;

/** The same without thousands separators, as the sync status line writes its counts:
 * "1 conflict", "1000 changes waiting". */
export const pluralUngrouped = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A file's size in the export summary: 1536 → "1.5 KB", 5 MB → "5 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${num(n)} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toLocaleString('en-GB', { maximumFractionDigits: 1 })} ${units[i]}`;
}

/** A backup's size in the startup screen's list, rounder: 1536 → "2 KB", 5 MB → "5.0 MB". */
export function backupSizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Whole pence as pounds: 2550 → "£25.50", 123450 → "£1,234.50", -150 → "-£1.50";
 * null or undefined → "£0.00". Pence are integers: no floating point anywhere. */
export function pounds(pence: number | null | undefined): string {
  const p = Math.round(pence ?? 0);
  const sign = p < 0 ? '-' : '';
  const abs = Math.abs(p);
  return `${sign}£${num(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
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

/** 95 → "1 hour 35 minutes"; 750 → "12 hours 30 minutes"; 0 → "0 minutes". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (h) parts.push(`${num(h)} ${h === 1 ? 'hour' : 'hours'}`);
  if (m || !h) parts.push(`${m} ${m === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

/** Minutes as decimal hours without thousands separators (the People screens): 90 →
 * "1.5", 60000 → "1000". */
export const hoursPlain = (minutes: number): string => (Math.round((minutes / 60) * 100) / 100).toString();

const twoDecimals = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** Minutes as decimal hours as the workbook's Hours (the Reports screen): two decimals
 * at most, thousands separated: 750 → "12.5", 60000 → "1,000". */
export const hoursGrouped = (minutes: number): string => twoDecimals.format(minutes / 60);

/** Days from claim to payment (Go sends -1 when no entry has both dates): "–" then. */
export const daysText = (days: number): string =>
  days < 0 || !Number.isFinite(days) ? '\u2013' : `${twoDecimals.format(days)} ${days === 1 ? 'day' : 'days'}`;

/** A Lived Experience Partner total's days from claim to payment, or "No paid claims". */
export function daysToPay(t: LEPTotal): string {
  if (!t.paidClaims) return 'No paid claims';
  return `median ${t.medianDaysToPay} days, longest ${t.maxDaysToPay} days`;
}
