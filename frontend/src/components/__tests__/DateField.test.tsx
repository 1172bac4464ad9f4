// DateField: the NHS.UK date input (Day, Month, Year) over the YYYY-MM-DD value the
// forms and Go use. Half-typed or impossible dates are kept as typed and passed on as a
// value Go refuses (never dropped, never turned into another date).
import { describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateField, isoOfParts, partsOfValue, valueOfParts } from '../DateField';
import { FormErrorSummary } from '../FormErrorSummary';
import { expectAxeClean } from '../../test/axe';
import { dateGroup, dateShown, typeDate } from '../../test/dates';
import type { BackendError } from '../../lib/types';

/** involve.ValidDate (app/involve/record.go): what Go accepts. */
const goAccepts = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

function Harness(p: { initial?: string; error?: string; live?: boolean; onChange?: (v: string) => void }) {
  const [v, setV] = useState(p.initial ?? '');
  const [summary, setSummary] = useState<BackendError | null>(null);
  return (
    <form noValidate>
      <FormErrorSummary error={summary} />
      <DateField
        name="due"
        label="Due date"
        value={v}
        live={p.live}
        error={p.error}
        onChange={(x) => {
          setV(x);
          p.onChange?.(x);
        }}
      />
      <output data-testid="value">{v}</output>
      <button type="button" onClick={() => setV('2027-01-05')}>
        Load another
      </button>
      <button type="button" onClick={() => setSummary({ code: 'invalid', message: 'Check', fields: [{ field: 'due', message: p.error ?? 'Due date must be a real date' }] })}>
        Show summary
      </button>
    </form>
  );
}

const value = () => screen.getByTestId('value').textContent;

describe('DateField parts', () => {
  it('takes 1- or 2-digit day and month and a 4-digit year, trimmed', () => {
    expect(isoOfParts({ day: '6', month: '12', year: '2026' })).toBe('2026-12-06');
    expect(isoOfParts({ day: ' 06 ', month: ' 3', year: '2026 ' })).toBe('2026-03-06');
    expect(isoOfParts({ day: '29', month: '2', year: '2028' })).toBe('2028-02-29');
  });

  it('gives no date for an impossible or incomplete one', () => {
    for (const p of [
      { day: '29', month: '2', year: '2026' },
      { day: '31', month: '4', year: '2026' },
      { day: '0', month: '4', year: '2026' },
      { day: '1', month: '13', year: '2026' },
      { day: '1', month: '4', year: '26' },
      { day: '1', month: '4', year: '20266' },
      { day: '1', month: '', year: '2026' },
      { day: 'a', month: '4', year: '2026' },
      { day: '123', month: '4', year: '2026' },
    ]) {
      expect(isoOfParts(p), JSON.stringify(p)).toBeNull();
      // what is passed on keeps the text, is never empty and is never a date Go accepts
      const v = valueOfParts(p);
      expect(v).not.toBe('');
      expect(goAccepts(v), v).toBe(false);
      expect(partsOfValue(v)).toEqual({ day: p.day.trim(), month: p.month.trim(), year: p.year.trim() });
    }
    expect(valueOfParts({ day: ' ', month: '', year: '' })).toBe('');
  });

  it('shows a stored date without leading zeros', () => {
    expect(partsOfValue('2026-03-06')).toEqual({ day: '6', month: '3', year: '2026' });
    expect(partsOfValue('')).toEqual({ day: '', month: '', year: '' });
  });
});

describe('DateField', () => {
  it('is the NHS.UK date input: a group named by its legend, a hint, three numeric boxes', async () => {
    const { container } = render(<Harness initial="2026-12-06" error="Due date must be a real date" />);
    const group = dateGroup('Due date');
    expect(group.tagName).toBe('FIELDSET');
    expect(group).toHaveAccessibleDescription(/For example, 6 12 2026.*Due date must be a real date/);
    const g = within(group);
    const day = g.getByLabelText('Day');
    const month = g.getByLabelText('Month');
    const year = g.getByLabelText('Year');
    for (const box of [day, month, year]) {
      expect(box).toHaveAttribute('type', 'text');
      expect(box).toHaveAttribute('inputmode', 'numeric');
      expect(box).toHaveClass('nhsuk-input', 'nhsuk-date-input__input', 'nhsuk-input--error');
    }
    expect(day).toHaveClass('nhsuk-input--width-2');
    expect(month).toHaveClass('nhsuk-input--width-2');
    expect(year).toHaveClass('nhsuk-input--width-4');
    expect(day).toHaveAttribute('id', 'due');
    expect(container.querySelector('input[type="date"]')).toBeNull();
    expect(dateShown(group)).toBe('6 12 2026');
    await expectAxeClean(container);
  });

  it('passes on the YYYY-MM-DD date as typed, and keeps a half-typed one in the boxes', async () => {
    const user = userEvent.setup();
    render(<Harness initial="2026-12-06" />);
    const group = dateGroup('Due date');
    const g = within(group);
    await user.clear(g.getByLabelText('Day'));
    // a half-typed date is not lost, and is not a date Go accepts
    expect(dateShown(group)).toBe('_ 12 2026');
    expect(value()).toBe('2026-12-');
    expect(goAccepts(value() ?? '')).toBe(false);
    await user.type(g.getByLabelText('Day'), '31');
    await user.clear(g.getByLabelText('Month'));
    await user.type(g.getByLabelText('Month'), '2');
    // 31 February is kept as typed, never turned into 3 March
    expect(dateShown(group)).toBe('31 2 2026');
    expect(value()).toBe('2026-2-31');
    expect(goAccepts(value() ?? '')).toBe(false);
    await user.clear(g.getByLabelText('Day'));
    await user.type(g.getByLabelText('Day'), ' 28 ');
    expect(value()).toBe('2026-02-28');
    expect(dateShown(group)).toBe(' 28  2 2026');
    await typeDate(user, group, '');
    expect(value()).toBe('');
  });

  it('shows a date the form loads', async () => {
    const user = userEvent.setup();
    render(<Harness initial="" />);
    expect(dateShown(dateGroup('Due date'))).toBe('_ _ _');
    await user.click(screen.getByRole('button', { name: 'Load another' }));
    expect(dateShown(dateGroup('Due date'))).toBe('5 1 2027');
  });

  it('as a live filter, passes on a half-typed date only when focus leaves the boxes', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness initial="2026-04-01" live onChange={onChange} />);
    const g = within(dateGroup('Due date'));
    await user.clear(g.getByLabelText('Year'));
    await user.type(g.getByLabelText('Year'), '20');
    await user.click(g.getByLabelText('Day'));
    expect(onChange).not.toHaveBeenCalled();
    await user.type(g.getByLabelText('Year'), '27'); // focus is on Day: the year box is clicked by type
    expect(onChange).toHaveBeenLastCalledWith('2027-04-01');
    await user.clear(g.getByLabelText('Month'));
    await user.tab({ shift: true }); // back to Day: still inside
    expect(onChange).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Load another' }));
    // leaving the boxes passed the half-typed date on first, then the button loaded another
    expect(onChange).toHaveBeenNthCalledWith(2, '2027--1');
  });

  it('an error summary link focuses the Day box', async () => {
    const user = userEvent.setup();
    const { container } = render(<Harness initial="2026-2-31" error="Due date must be a real date" />);
    expect(dateShown(dateGroup('Due date'))).toBe('31 2 2026');
    await user.click(screen.getByRole('button', { name: 'Show summary' }));
    await user.click(within(screen.getByTestId('error-summary')).getByRole('link', { name: 'Due date must be a real date' }));
    expect(document.activeElement).toBe(within(dateGroup('Due date')).getByLabelText('Day'));
    await expectAxeClean(container);
  });
});
