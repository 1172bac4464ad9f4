// The Reports screen's contents list (the NHS.UK contents list pattern): a link to each
// section of the report on screen. The app routes by the URL's hash (#/reports), so a
// link never follows its href: it moves focus to the section's heading (which the
// section makes focusable with tabIndex -1) and scrolls it into view, and the route
// stays as it is.
import type { MouseEvent } from 'react';
import { ContentsList } from 'nhsuk-react-components';

export interface ContentsItem {
  /** The id of the section's heading. */
  id: string;
  label: string;
}

/** Focus (and scroll to) the heading with this id; false when it is not on screen. */
export function focusHeading(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'start' });
  el.focus();
  return true;
}

export function ReportContents({ items }: { items: ContentsItem[] }) {
  const go = (id: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    focusHeading(id);
  };
  return (
    <ContentsList aria-label="Contents of this report" visuallyHiddenText="Contents" data-testid="report-contents">
      {items.map((it) => (
        <ContentsList.Item key={it.id} href={`#${it.id}`} onClick={go(it.id)}>
          {it.label}
        </ContentsList.Item>
      ))}
    </ContentsList>
  );
}
