import { describe, expect, it } from 'vitest';
import {
  backupSizeText,
  daysText,
  daysToPay,
  duration,
  formatBytes,
  hoursGrouped,
  hoursPlain,
  num,
  parsePounds,
  plural,
  pluralUngrouped,
  pounds,
  poundsInput,
} from './format';
import type { LEPTotal } from './types';

describe('format', () => {
  it('writes whole numbers and counts en-GB', () => {
    expect(num(12345)).toBe('12,345');
    expect(plural(1, 'action')).toBe('1 action');
    expect(plural(1200, 'session')).toBe('1,200 sessions');
    expect(plural(2, 'person', 'people')).toBe('2 people');
    expect(pluralUngrouped(1, 'conflict', 'conflicts')).toBe('1 conflict');
    expect(pluralUngrouped(1000, 'change waiting', 'changes waiting')).toBe('1000 changes waiting');
  });

  it('writes file sizes', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(backupSizeText(512)).toBe('512 bytes');
    expect(backupSizeText(1536)).toBe('2 KB');
    expect(backupSizeText(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('writes pence as pounds, exactly', () => {
    expect(pounds(2550)).toBe('£25.50');
    expect(pounds(123456)).toBe('£1,234.56');
    expect(pounds(5)).toBe('£0.05');
    expect(pounds(0)).toBe('£0.00');
    expect(pounds(-150)).toBe('-£1.50');
    expect(pounds(null)).toBe('£0.00');
    expect(pounds(undefined)).toBe('£0.00');
    expect(pounds(100000000)).toBe('£1,000,000.00');
  });

  it('reads pounds typed into a money input', () => {
    expect(parsePounds('25')).toBe(2500);
    expect(parsePounds('25.5')).toBe(2550);
    expect(parsePounds('£1,025.50')).toBe(102550);
    expect(parsePounds('')).toBe(0);
    expect(parsePounds('lots')).toBeNull();
    expect(parsePounds('1.234')).toBeNull();
    expect(poundsInput(2550)).toBe('25.50');
    expect(poundsInput(123450)).toBe('1234.50');
    expect(poundsInput(0)).toBe('');
    expect(poundsInput(null)).toBe('');
  });

  it('writes minutes as hours and minutes', () => {
    expect(duration(0)).toBe('0 minutes');
    expect(duration(1)).toBe('1 minute');
    expect(duration(60)).toBe('1 hour');
    expect(duration(95)).toBe('1 hour 35 minutes');
    expect(duration(750)).toBe('12 hours 30 minutes');
    expect(duration(60 * 1500)).toBe('1,500 hours');
  });

  it('writes minutes as decimal hours: plain for People, grouped for Reports', () => {
    expect(hoursPlain(90)).toBe('1.5');
    expect(hoursPlain(100)).toBe('1.67');
    expect(hoursPlain(60000)).toBe('1000');
    expect(hoursGrouped(750)).toBe('12.5');
    expect(hoursGrouped(100)).toBe('1.67');
    expect(hoursGrouped(60000)).toBe('1,000');
  });

  it('writes days to pay', () => {
    expect(daysText(-1)).toBe('\u2013');
    expect(daysText(1)).toBe('1 day');
    expect(daysText(2.5)).toBe('2.5 days');
    const t = { paidClaims: 0, medianDaysToPay: 0, maxDaysToPay: 0 } as LEPTotal;
    expect(daysToPay(t)).toBe('No paid claims');
    expect(daysToPay({ ...t, paidClaims: 2, medianDaysToPay: 7, maxDaysToPay: 12 })).toBe('median 7 days, longest 12 days');
  });
});
