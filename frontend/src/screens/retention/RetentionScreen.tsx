// #/settings/retention: how long the team keeps each kind of record (issue 13). The
// schedule is a team setting synced from the lead's laptop: a lead changes a line
// (#/settings/retention/:kind), everyone else reads it. Kinds the team has not set
// show their default and where it comes from (docs/privacy.md "Retention").
import { Link } from 'react-router';
import { BackLink, InsetText } from 'nhsuk-react-components';
import { LoadProblem, Loading, PageHeading } from '../../components/PageHeading';
import { TableHead } from '../../components/TableHead';
import { ScrollTable } from '../../components/ScrollTable';
import { useRole } from '../../components/Roles';
import { getRetentionSchedule } from '../../lib/backend';
import { formatDate } from '../../lib/dates';
import { useDataChanged } from '../../lib/events';
import { useLoad } from '../../lib/useLoad';
import { canSetRetention, ERASURE_LATER, ONLY_LEAD_RETENTION } from './retention';

export function RetentionScreen() {
  const sched = useLoad(() => getRetentionSchedule(), []);
  const { role, known } = useRole();
  useDataChanged(() => sched.reload(), ['retention_rule']);
  const title = 'How long we keep records';
  if (sched.error && !sched.data) return <LoadProblem title={title} message={sched.error.message} />;
  const lead = canSetRetention(role);
  return (
    <>
      <BackLink asElement={Link} to="/settings">
        Back to settings
      </BackLink>
      <PageHeading>{title}</PageHeading>
      <p className="nhsuk-body">
        Each kind of record is kept for a period counted from a date, then it is due for review. The schedule is shared
        with every laptop of your team.
      </p>
      <InsetText>
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>{ERASURE_LATER}</p>
      </InsetText>
      {known && !lead ? (
        <p className="nhsuk-body" data-testid="retention-read-only">
          {ONLY_LEAD_RETENTION}
        </p>
      ) : null}
      {lead ? (
        <p className="nhsuk-body">
          <Link to="/retention/due" className="nhsuk-link">
            Records due for review
          </Link>
        </p>
      ) : null}
      {!sched.data ? (
        <Loading />
      ) : (
        <ScrollTable data-testid="retention-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">Retention schedule</caption>
          <TableHead
            columns={[{ label: 'Kind of record' }, { label: 'Kept for' }, { label: 'Set by' }, lead && { label: 'Actions', hidden: true }]}
          />
          <tbody className="nhsuk-table__body">
            {sched.data.map((e) => (
              <tr className="nhsuk-table__row" key={e.recordKind} data-testid="retention-row" data-kind={e.recordKind}>
                <td className="nhsuk-table__cell">
                  {e.label}
                  {e.hint ? <span className="nhsuk-hint nhsuk-u-font-size-16 nhsuk-u-margin-bottom-0">{e.hint}</span> : null}
                </td>
                <td className="nhsuk-table__cell">
                  {e.text}
                  {e.autoErase ? <span className="nhsuk-u-display-block">Erase automatically when due (in a later version)</span> : null}
                </td>
                <td className="nhsuk-table__cell">
                  {e.isDefault ? (
                    <>
                      Default. <span className="nhsuk-u-font-size-16">Source: {e.source}</span>
                    </>
                  ) : (
                    `${e.setBy || 'A lead'}, ${formatDate((e.setAt ?? '').slice(0, 10))}`
                  )}
                </td>
                {lead ? (
                  <td className="nhsuk-table__cell">
                    <Link to={`/settings/retention/${e.recordKind}`} className="nhsuk-link">
                      Change<span className="nhsuk-u-visually-hidden"> how long {e.label.toLowerCase()} are kept</span>
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}
