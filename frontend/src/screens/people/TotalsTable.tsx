// The Lived Experience Partner totals as one table: hours, fees, expenses and days to
// pay, by contributor, project or month (the People and Contributor screens).
import { daysToPay, hoursPlain, pounds } from '../../lib/format';
import type { LEPTotal } from '../../lib/types';
import { TableHead } from '../../components/TableHead';
import { ScrollTable } from '../../components/ScrollTable';

/** Hours, fees, expenses and days to pay as one table (by contributor, project or month). */
export function TotalsTable({ caption, first, rows, testId }: { caption: string; first: string; rows: LEPTotal[]; testId: string }) {
  return (
    <ScrollTable data-testid={testId}>
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <TableHead
        columns={[
          { label: first },
          { label: 'Hours', numeric: true },
          { label: 'Fees', numeric: true },
          { label: 'Expenses', numeric: true },
          { label: 'Days from claim to payment' },
        ]}
      />
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
    </ScrollTable>
  );
}
