// One reach question as a captioned table (the Reports screen's reach sections and a
// project's reach): every answer with its count and percentage as Go wrote them.
import { num } from '../../lib/format';
import type { ReportDimension } from '../../lib/types';
import { TableHead } from '../../components/TableHead';
import { ScrollTable } from '../../components/ScrollTable';

/** Every answer's count is 0: none is hidden by the small-number rule ("<5" and "*"
 * have no value), so nobody is counted under any answer. */
export const dimensionIsZero = (dim: ReportDimension) => dim.categories.every((c) => c.count.value === 0);

/** One reach question as a captioned table: every answer, "Not stated" included, with
 * counts and percentages exactly as Go wrote them ("<5", "*", "–"), and the total. With
 * none, a question whose counts are all 0 is its caption and that sentence instead. */
export function DimensionTable({ dim, caption, testId, none }: { dim: ReportDimension; caption?: string; testId: string; none?: string }) {
  if (none && dimensionIsZero(dim)) {
    return (
      <div className="app-chart-none" data-testid={`${testId}-none`}>
        <h4 className="nhsuk-heading-xs">{caption ?? dim.label}</h4>
        <p>{none}</p>
      </div>
    );
  }
  return (
    <ScrollTable data-testid={testId}>
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption ?? dim.label}</caption>
      <TableHead
        columns={[
          { label: 'Answer' },
          { label: 'People', numeric: true },
          { label: 'Per cent', numeric: true },
        ]}
      />
      <tbody className="nhsuk-table__body">
        {dim.categories.map((c, i) => (
          <tr className="nhsuk-table__row" key={`${c.code}-${i}`}>
            <th scope="row" className="nhsuk-table__header">
              {c.label}
            </th>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.count.text}</td>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.percent.text}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="nhsuk-table__row">
          <th scope="row" className="nhsuk-table__header">
            {dim.multi ? 'People reached (a person may be in several groups, or none)' : 'Total'}
          </th>
          <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{peopleText(dim.total)}</td>
          <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{dim.multi ? '' : dim.total > 0 ? '100%' : '\u2013'}</td>
        </tr>
      </tfoot>
    </ScrollTable>
  );
}

/** A total of people through the small-number rule, as Go's report.NewCount shows it. */
export const peopleText = (n: number) => (n > 0 && n < 5 ? '<5' : num(n));
