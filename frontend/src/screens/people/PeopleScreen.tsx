// #/people: the Lived Experience Partners, with the totals of the time and payment log.
import { Link } from 'react-router';
import { Tag } from 'nhsuk-react-components';
import { ButtonLink } from '../../components/ButtonLink';
import { LoadProblem, Loading, PageHeading } from '../../components/PageHeading';
import { getLEPTotals, listContributors } from '../../lib/backend';
import { useDataChanged } from '../../lib/events';
import { useLoad } from '../../lib/useLoad';
import { hoursPlain, pounds } from '../../lib/format';
import { TotalsTable } from './TotalsTable';
import { TableHead } from '../../components/TableHead';
import { ScrollTable } from '../../components/ScrollTable';

export function PeopleScreen() {
  const people = useLoad(() => listContributors(), []);
  const totals = useLoad(() => getLEPTotals('', ''), []);
  useDataChanged(() => {
    people.reload();
    totals.reload();
  }, ['contributor', 'consent', 'time_entry', 'rate_card']);

  if (people.error && !people.data) return <LoadProblem title="Lived Experience Partners" message={people.error.message} />;
  const byContributor = new Map((totals.data?.byContributor ?? []).map((t) => [t.key, t]));
  return (
    <>
      <PageHeading>Lived Experience Partners</PageHeading>
      <p className="nhsuk-body">
        People with lived experience who advise on projects and are paid for their time. Their details are kept only with
        their consent.
      </p>
      <div className="nhsuk-button-group">
        <ButtonLink to="/people/new">Add a Lived Experience Partner</ButtonLink>
        <ButtonLink to="/people/rates" secondary>
          Rate cards
        </ButtonLink>
      </div>
      {!people.data ? (
        <Loading />
      ) : people.data.length === 0 ? (
        <p className="nhsuk-body" data-testid="no-people">
          No Lived Experience Partners yet.
        </p>
      ) : (
        <ScrollTable data-testid="people-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">Partners</caption>
          <TableHead
            columns={[
              { label: 'Name' },
              { label: 'Role' },
              { label: 'Consent' },
              { label: 'Hours', numeric: true },
              { label: 'Fees', numeric: true },
            ]}
          />
          <tbody className="nhsuk-table__body">
            {people.data.map((c) => {
              const t = byContributor.get(c.id);
              return (
                <tr className="nhsuk-table__row" key={c.id} data-testid="person-row" data-contributor-id={c.id}>
                  <td className="nhsuk-table__cell">
                    <Link to={`/people/${c.id}`}>{c.withdrawn ? c.pseudonym : c.name}</Link>
                  </td>
                  <td className="nhsuk-table__cell">{c.role}</td>
                  <td className="nhsuk-table__cell">
                    {c.withdrawn ? <Tag modifier="grey">Withdrawn</Tag> : <Tag modifier="green">Given</Tag>}
                  </td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{hoursPlain(t?.minutes ?? 0)}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{pounds(t?.feesPence ?? 0)}</td>
                </tr>
              );
            })}
          </tbody>
        </ScrollTable>
      )}
      {totals.data && totals.data.all.entries > 0 ? (
        <>
          <h2 className="nhsuk-heading-m">Totals</h2>
          <p className="nhsuk-body" data-testid="lep-totals-all">
            {hoursPlain(totals.data.all.minutes)} hours, {pounds(totals.data.all.feesPence)} in fees and{' '}
            {pounds(totals.data.all.expensesPence)} in expenses.
          </p>
          <TotalsTable caption="By project" first="Project" rows={totals.data.byProject} testId="lep-totals-project" />
          <TotalsTable caption="By month" first="Month" rows={totals.data.byMonth} testId="lep-totals-month" />
        </>
      ) : null}
    </>
  );
}
