// Rejected changes (#/sync/rejected): changes the server refused for good, with the
// reason in plain words. They stay on this laptop, are never deleted, and never stop
// later changes from syncing (docs/sync-protocol.md).
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { BackLink } from 'nhsuk-react-components';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { useSyncStatus } from '../components/SyncStatus';
import { listRejectedChanges } from '../lib/backend';
import { formatDateTime } from '../lib/dates';
import { useLoad } from '../lib/useLoad';
import type { RejectedChange } from '../lib/types';
import { ENTITY_LABEL, recordLink, recordTitle } from './ConflictsValues';
import { TableHead } from '../components/TableHead';
import { ScrollTable } from '../components/ScrollTable';

/** Newest first. */
function newestFirst(items: RejectedChange[]): RejectedChange[] {
  return [...items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function RejectedScreen() {
  const rejected = useLoad(() => listRejectedChanges().then(newestFirst), []);
  const { status } = useSyncStatus();

  // A sync can reject more: follow the count.
  const count = status?.rejected;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    rejected.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [count]);

  if (rejected.error && !rejected.data) return <LoadProblem title="Rejected changes" message={rejected.error.message} />;
  const items = rejected.data ?? [];

  return (
    <>
      <BackLink asElement={Link} to="/sync">
        Sync with your team
      </BackLink>
      <PageHeading caption="Sync">Rejected changes</PageHeading>
      <p>
        The server could not accept these changes. They are kept on this laptop and are never deleted, and they do not
        stop your other changes from syncing. If you are not sure what to do, show this page to your administrator.
      </p>
      {!rejected.data ? <Loading /> : null}
      {rejected.data && items.length === 0 ? <p data-testid="no-rejected">No changes have been rejected.</p> : null}
      {items.length > 0 ? (
        <ScrollTable data-testid="rejected-list">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">
            {items.length === 1 ? '1 rejected change' : `${items.length} rejected changes`}
          </caption>
          <TableHead columns={[{ label: 'Record' }, { label: 'Why it was rejected' }, { label: 'When' }]} />
          <tbody className="nhsuk-table__body">
            {items.map((r) => {
              const title = recordTitle(r.entity, r.recordTitle);
              const to = recordLink(r.entity, r.recordId);
              return (
                <tr key={r.changeId} className="nhsuk-table__row" data-testid="rejected-item" data-change-id={r.changeId}>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-u-secondary-text-colour nhsuk-body-s nhsuk-u-margin-bottom-0 nhsuk-u-display-block">
                      {ENTITY_LABEL[r.entity] ?? r.entity}
                    </span>
                    {to ? <Link to={to}>{title}</Link> : title}
                  </td>
                  <td className="nhsuk-table__cell app-pre-wrap">{r.reason}</td>
                  <td className="nhsuk-table__cell">{formatDateTime(r.at)}</td>
                </tr>
              );
            })}
          </tbody>
        </ScrollTable>
      ) : null}
    </>
  );
}
