// A chart on the Reports screen (ReportCharts.tsx, ReachFigures.tsx, OutcomeFigures.tsx):
// a <figure> named by its caption, the picture one role="img" with the figures in its
// name, and "Show as a table" with the same numbers; and what its bars are.
import type { ReactNode } from 'react';
import { TableHead } from '../../components/TableHead';
import { ScrollTable } from '../../components/ScrollTable';

/** One bar: value is what is plotted (0 for a hidden count), text its label. */
export interface BarDatum {
  label: string;
  value: number;
  text: string;
}

export function ChartFigure({
  id,
  caption,
  summary,
  table,
  children,
}: {
  id: string;
  caption: string;
  summary: string;
  table: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="app-chart" data-testid={`chart-${id}`} aria-labelledby={`chart-${id}-caption`}>
      <figcaption id={`chart-${id}-caption`} className="nhsuk-heading-s">
        {caption}
      </figcaption>
      <div className="app-chart__picture" role="img" aria-label={summary}>
        {children}
      </div>
      <details className="nhsuk-details app-chart__table">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">
            Show as a table<span className="nhsuk-u-visually-hidden">: {caption}</span>
          </span>
        </summary>
        <div className="nhsuk-details__text">{table}</div>
      </details>
    </figure>
  );
}

/** "Actions by status: Planned 2, Done 5." ("…: none." when every bar is 0). */
export function barsSummary(kind: string, data: BarDatum[]): string {
  if (data.every((d) => d.value === 0 && d.text === '0')) return `${kind}: none.`;
  return `${kind}: ${data.map((d) => `${d.label} ${d.text}`).join(', ')}.`;
}

/** The numbers of a bar chart as a table (percent: one text per row, when given). */
export function BarsTable({ data, head, percent }: { data: BarDatum[]; head: [string, string]; percent?: string[] }) {
  return (
    <ScrollTable>
      <TableHead
        columns={[
          { label: head[0] },
          { label: head[1], numeric: true },
          percent && { label: 'Per cent', numeric: true },
        ]}
      />
      <tbody className="nhsuk-table__body">
        {data.map((d, i) => (
          <tr key={`${d.label}-${i}`} className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="row">
              {d.label}
            </th>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{d.text}</td>
            {percent ? <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{percent[i]}</td> : null}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
