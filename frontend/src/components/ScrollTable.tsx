// An NHS.UK table that scrolls sideways inside its own box when it is wider than the
// page (a narrow window, or text at 200 %), so that the page itself never scrolls
// sideways (WCAG 1.4.10 Reflow). Use it in place of <table className="nhsuk-table">.
// Only while it really scrolls is the box a named, focusable region: a keyboard user can
// then scroll it with the arrow keys (axe: scrollable-region-focusable); otherwise it
// adds no tab stop.
import { useEffect, useRef, useState, type TableHTMLAttributes } from 'react';

type Props = TableHTMLAttributes<HTMLTableElement> & { 'data-testid'?: string };

export function ScrollTable({ className, children, ...rest }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [label, setLabel] = useState<string | null>(null); // null: it does not scroll

  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const check = () => {
      const scrolls = el.scrollWidth > el.clientWidth + 1;
      const caption = el.querySelector('caption')?.textContent?.trim();
      setLabel(scrolls ? `${caption || 'Table'} (scrolls sideways)` : null);
    };
    const ro = new ResizeObserver(check);
    ro.observe(el);
    const table = el.querySelector('table');
    if (table) ro.observe(table);
    return () => ro.disconnect();
  }, []);

  return (
    <div
      ref={box}
      className="app-table-scroll"
      role={label ? 'region' : undefined}
      aria-label={label ?? undefined}
      tabIndex={label ? 0 : undefined}
      data-scrolls={label ? 'true' : undefined}
    >
      <table className={className ? `nhsuk-table ${className}` : 'nhsuk-table'} {...rest}>
        {children}
      </table>
    </div>
  );
}
