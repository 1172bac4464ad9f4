// The header's navigation with the NHS.UK header's "More" menu (nhsuk-frontend 10,
// components/header/header.mjs): the items that do not fit on one line, at any window
// width or text size, move into a menu behind a "More" button. nhsuk-frontend's script
// does this by moving the <li> elements about, which React cannot allow (it owns those
// nodes), so this is the same rule in React, on the same classes and markup: measure
// every item (in a hidden copy of the list), keep those whose right edge fits, and
// leave room for the "More" button when any do not fit.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';

export interface NavItem {
  to: string;
  label: string;
  current: boolean;
  /** aria-current: "page" on the item's own page, "true" below it. */
  ariaCurrent?: 'page' | 'true';
}

/**
 * How many items fit: widths are the items' widths in order, room the list's width,
 * more the width of the "More" button. All fit: all; otherwise those whose right edge
 * fits beside the button (nhsuk-frontend's Header.updateNavigation).
 */
export function itemsThatFit(widths: number[], room: number, more: number): number {
  let right = 0;
  const rights = widths.map((w) => (right += w));
  if (right <= room) return widths.length;
  return rights.filter((r) => r <= room - more).length;
}

function ItemContent({ item }: { item: NavItem }) {
  return item.current ? <strong className="nhsuk-header__navigation-item-current-fallback">{item.label}</strong> : <>{item.label}</>;
}

function Item({ item }: { item: NavItem }) {
  return (
    <li className={`nhsuk-header__navigation-item${item.current ? ' nhsuk-header__navigation-item--current' : ''}`}>
      <Link className="nhsuk-header__navigation-link" to={item.to} aria-current={item.ariaCurrent}>
        <ItemContent item={item} />
      </Link>
    </li>
  );
}

function MoreLabel() {
  return (
    <>
      <span className="nhsuk-u-visually-hidden">Browse</span> More
    </>
  );
}

export function HeaderNavigation({ items, pathname }: { items: NavItem[]; pathname: string }) {
  const [shown, setShown] = useState(items.length);
  const [open, setOpen] = useState(false);
  const navRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const measureRef = useRef<HTMLUListElement>(null);
  const menuListRef = useRef<HTMLUListElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  const update = useCallback(() => {
    const list = listRef.current;
    const measure = measureRef.current;
    if (!list || !measure) return;
    const lis = Array.from(measure.children) as HTMLElement[];
    const more = lis.pop();
    setShown(itemsThatFit(lis.map((li) => li.offsetWidth), list.clientWidth, more?.offsetWidth ?? 0));
  }, []);

  const labels = items.map((i) => i.label).join('\n');
  useLayoutEffect(update, [update, labels]);

  // The window's width and the text size (the hidden copy grows with it) both count.
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(() => update());
    if (listRef.current) ro.observe(listRef.current);
    if (measureRef.current) ro.observe(measureRef.current);
    return () => ro.disconnect();
  }, [update]);

  const hasMenu = shown < items.length;
  const isOpen = open && hasMenu;

  // A new screen closes the menu (a link in it was followed).
  useEffect(() => setOpen(false), [pathname]);

  // Open, the menu hangs below the navigation: a border as tall as the menu pushes the
  // page down instead of covering it (as nhsuk-frontend does).
  useLayoutEffect(() => {
    const nav = navRef.current;
    if (!nav) return;
    if (isOpen && menuListRef.current) nav.style.setProperty('border-bottom-width', `${menuListRef.current.offsetHeight}px`);
    else nav.style.removeProperty('border-bottom-width');
  });

  // Escape or a click outside the navigation closes it.
  useEffect(() => {
    if (!isOpen) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggleRef.current?.focus();
    };
    const onClick = (e: MouseEvent) => {
      const t = e.target as Node | null;
      if (t && navRef.current?.contains(t) && !(t instanceof Element && t.closest('.nhsuk-header__menu-list a'))) return;
      setOpen(false);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('click', onClick, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('click', onClick, true);
    };
  }, [isOpen]);

  return (
    <nav className="nhsuk-header__navigation" aria-label="Menu" ref={navRef}>
      <div className="nhsuk-header__navigation-container nhsuk-width-container">
        <div className="app-header-measure" aria-hidden="true">
          <ul className="nhsuk-header__navigation-list" ref={measureRef}>
            {items.map((item) => (
              <li key={item.to} className="nhsuk-header__navigation-item">
                <span className="nhsuk-header__navigation-link">
                  <ItemContent item={item} />
                </span>
              </li>
            ))}
            <li className="nhsuk-header__menu">
              <span className="nhsuk-header__menu-toggle nhsuk-header__navigation-link">
                <MoreLabel />
              </span>
            </li>
          </ul>
        </div>
        <ul className="nhsuk-header__navigation-list" ref={listRef}>
          {items.slice(0, shown).map((item) => (
            <Item key={item.to} item={item} />
          ))}
          <li className="nhsuk-header__menu" hidden={!hasMenu}>
            <button
              type="button"
              ref={toggleRef}
              className="nhsuk-header__menu-toggle nhsuk-header__navigation-link"
              aria-expanded={isOpen}
              aria-controls="header-menu-list"
              onClick={() => setOpen((o) => !o)}
            >
              <MoreLabel />
            </button>
            <ul className="nhsuk-header__menu-list" id="header-menu-list" ref={menuListRef} hidden={!isOpen}>
              {items.slice(shown).map((item) => (
                <Item key={item.to} item={item} />
              ))}
            </ul>
          </li>
        </ul>
      </div>
    </nav>
  );
}
