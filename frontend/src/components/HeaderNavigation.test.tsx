import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { HeaderNavigation, itemsThatFit, type NavItem } from './HeaderNavigation';
import { expectAxeClean } from '../test/axe';

const ITEMS: NavItem[] = ['Home', 'Sessions', 'Projects', 'Actions', 'Themes', 'Reports', 'Settings'].map((label, i) => ({
  to: i === 0 ? '/' : `/${label.toLowerCase()}`,
  label,
  current: i === 0,
  ariaCurrent: i === 0 ? 'page' : undefined,
}));

describe('itemsThatFit (nhsuk-frontend header rule)', () => {
  it('keeps every item when all fit', () => {
    expect(itemsThatFit([100, 100, 100], 300, 80)).toBe(3);
  });
  it('leaves room for "More" when some do not fit', () => {
    expect(itemsThatFit([100, 100, 100], 299, 80)).toBe(2);
    expect(itemsThatFit([100, 100, 100], 250, 80)).toBe(1);
    expect(itemsThatFit([100, 100, 100], 100, 80)).toBe(0);
  });
});

describe('header navigation', () => {
  // jsdom has no layout: each item is 100 px wide, "More" 80, the list `room` wide.
  let room = 1000;
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockImplementation(function (this: HTMLElement) {
      if (this.classList.contains('nhsuk-header__menu')) return 80;
      if (this.classList.contains('nhsuk-header__navigation-item')) return 100;
      return 0;
    });
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('nhsuk-header__navigation-list') ? room : 0;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  const renderNav = () =>
    render(
      <MemoryRouter>
        <HeaderNavigation items={ITEMS} pathname="/" />
        <main>
          <button type="button">Elsewhere</button>
        </main>
      </MemoryRouter>,
    );

  it('shows every item and no "More" when they fit', () => {
    room = 1000;
    renderNav();
    const nav = screen.getByRole('navigation', { name: 'Menu' });
    expect(within(nav).getAllByRole('link').map((l) => l.textContent)).toEqual(ITEMS.map((i) => i.label));
    expect(within(nav).queryByRole('button', { name: /More/ })).toBeNull();
  });

  it('puts the items that do not fit under "More", which opens, closes with Escape and gives focus back', async () => {
    room = 450; // 4 items fit, but not with "More" beside them: 3 stay
    const user = userEvent.setup();
    const { container } = renderNav();
    const nav = screen.getByRole('navigation', { name: 'Menu' });
    expect(within(nav).getAllByRole('link').map((l) => l.textContent)).toEqual(['Home', 'Sessions', 'Projects']);
    const more = within(nav).getByRole('button', { name: 'Browse More' });
    expect(more).toHaveAttribute('aria-expanded', 'false');

    await user.click(more);
    expect(more).toHaveAttribute('aria-expanded', 'true');
    const menu = container.querySelector('#header-menu-list') as HTMLElement;
    expect(within(menu).getAllByRole('link').map((l) => l.textContent)).toEqual(['Actions', 'Themes', 'Reports', 'Settings']);
    expect(within(nav).getByRole('link', { name: 'Settings' })).toHaveAttribute('href', '/settings');
    await expectAxeClean(container);

    await user.keyboard('{Escape}');
    expect(more).toHaveAttribute('aria-expanded', 'false');
    expect(menu).not.toBeVisible();
    expect(more).toHaveFocus();

    await user.click(more);
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(more).toHaveAttribute('aria-expanded', 'false'); // a click outside closes it
  });

  it('the hidden copy used for measuring is not read out and has no links', () => {
    room = 450;
    const { container } = renderNav();
    const copy = container.querySelector('.app-header-measure') as HTMLElement;
    expect(copy).toHaveAttribute('aria-hidden', 'true');
    expect(copy.querySelectorAll('a, button')).toHaveLength(0);
  });
});
