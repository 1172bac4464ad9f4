// The page of a new or edit form: Back, the page's heading (with its caption) and the
// form in the two-thirds column.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BackLink } from 'nhsuk-react-components';
import { PageHeading } from './PageHeading';

export function FormPage({ back, title, caption, children }: { back: string; title: string; caption?: string; children: ReactNode }) {
  return (
    <>
      <BackLink asElement={Link} to={back}>
        Back
      </BackLink>
      <PageHeading caption={caption}>{title}</PageHeading>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">{children}</div>
      </div>
    </>
  );
}
