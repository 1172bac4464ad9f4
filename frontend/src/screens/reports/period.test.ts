import { describe, expect, it } from 'vitest';
import { financialYearStart, periodDates, periodText } from './period';

// Months are 0-based in new Date(y, m, d): new Date(2026, 5, 15) is 15 June 2026.
describe('report periods', () => {
  it('this and last financial year run 1 April to 31 March', () => {
    const june = new Date(2026, 5, 15);
    expect(periodDates('this_fy', june)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(periodDates('last_fy', june)).toEqual({ from: '2025-04-01', to: '2026-03-31' });

    const february = new Date(2026, 1, 15);
    expect(periodDates('this_fy', february)).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(periodDates('last_fy', february)).toEqual({ from: '2024-04-01', to: '2025-03-31' });
  });

  it('the financial year changes on 1 April', () => {
    expect(financialYearStart(new Date(2026, 2, 31, 23, 59))).toBe(2025);
    expect(financialYearStart(new Date(2026, 3, 1, 0, 0))).toBe(2026);
    expect(periodDates('this_fy', new Date(2026, 3, 1))).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(periodDates('this_fy', new Date(2026, 11, 31))).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(periodDates('this_fy', new Date(2027, 0, 1))).toEqual({ from: '2026-04-01', to: '2027-03-31' });
  });

  it('this month is the whole calendar month (leap years too)', () => {
    expect(periodDates('this_month', new Date(2026, 5, 15))).toEqual({ from: '2026-06-01', to: '2026-06-30' });
    expect(periodDates('this_month', new Date(2028, 1, 3))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodDates('this_month', new Date(2026, 11, 31))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('last 3 months is this month and the two before, across a new year', () => {
    expect(periodDates('last_3_months', new Date(2026, 5, 15))).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodDates('last_3_months', new Date(2026, 1, 15))).toEqual({ from: '2025-12-01', to: '2026-02-28' });
    expect(periodDates('last_3_months', new Date(2026, 0, 1))).toEqual({ from: '2025-11-01', to: '2026-01-31' });
  });

  it('all time has no dates', () => {
    expect(periodDates('all', new Date(2026, 5, 15))).toEqual({ from: '', to: '' });
  });

  it('says the period in words', () => {
    expect(periodText({ from: '2026-04-01', to: '2027-03-31' })).toBe('1 April 2026 to 31 March 2027');
    expect(periodText({ from: '', to: '' })).toBe('Every date');
    expect(periodText({ from: '2026-04-01', to: '' })).toBe('From 1 April 2026');
  });
});
