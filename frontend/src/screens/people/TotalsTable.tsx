// The Lived Experience Partner totals as one table: hours, fees, expenses and days to
// pay, by contributor, project or month (the People and Contributor screens).
import { daysToPay, hoursPlain, pounds } from '../../lib/format';
import type { LEPTotal } from '../../lib/types';

/** Hours, fees, expenses and days to pay as one table (by contributor, project or month). */
export function TotalsTable({ caption, first, rows, testId }: { caption: string; first: string; rows: LEPTotal[]; testId: string }) {
  return (
    <table className="nhsuk-table" data-testid={testId}>
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">{first}</th>
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Hours</th>
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Fees</th>
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Expenses</th>
          <th scope="col" className="nhsuk-table__header">Days from claim to payment</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((t) => (
          <tr className="nhsuk-table__row" key={t.key || 'none'}>
            <th scope="row" className="nhsuk-table__header">{t.label}</th>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{hoursPlain(t.minutes)}</td>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{pounds(t.feesPence)}</td>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{pounds(t.expensesPence)}</td>
            <td className="nhsuk-table__cell">{daysToPay(t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
