// Filling a DateField (components/DateField.tsx) in tests: the Day, Month and Year boxes
// inside the group named by its legend.
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/** The date group whose legend is `name` (inside `container` when given). */
export function dateGroup(name: string | RegExp, container?: HTMLElement): HTMLElement {
  return (container ? within(container) : screen).getByRole('group', { name });
}

/** The date group whose legend is `name`, waiting for it to appear. */
export async function findDateGroup(name: string | RegExp, container?: HTMLElement): Promise<HTMLElement> {
  return (container ? within(container) : screen).findByRole('group', { name });
}

/** The three boxes' values, like "6 12 2026" ("" boxes shown as "_"). */
export function dateShown(group: HTMLElement): string {
  const g = within(group);
  return ['Day', 'Month', 'Year'].map((b) => (g.getByLabelText(b) as HTMLInputElement).value || '_').join(' ');
}

/**
 * Types a date into a group: `iso` is YYYY-MM-DD (typed as day, month, year without
 * leading zeros), or the three boxes' texts as "day month year" ("" empties them all).
 */
export async function typeDate(user: UserEvent, group: HTMLElement, iso: string): Promise<void> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [day, month, year] = m ? [String(Number(m[3])), String(Number(m[2])), m[1]] : iso === '' ? ['', '', ''] : iso.split(' ');
  const g = within(group);
  for (const [box, text] of [['Day', day], ['Month', month], ['Year', year]] as const) {
    const input = g.getByLabelText(box);
    await user.clear(input);
    if (text) await user.type(input, text);
  }
}
