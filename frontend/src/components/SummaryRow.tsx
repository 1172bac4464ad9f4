// One row of an NHS summary list on a record's page (a project, a Lived Experience
// Partner): the key, and the value or, when it is empty, "Not recorded".
import type { ReactNode } from 'react';
import { SummaryList } from 'nhsuk-react-components';

export function SummaryRow({ k, children }: { k: string; children: ReactNode }) {
  return (
    <SummaryList.Row>
      <SummaryList.Key>{k}</SummaryList.Key>
      <SummaryList.Value>{children || <span className="nhsuk-u-secondary-text-colour">Not recorded</span>}</SummaryList.Value>
    </SummaryList.Row>
  );
}
