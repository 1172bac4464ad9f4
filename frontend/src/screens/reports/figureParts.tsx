// Small shared pieces of the Reports screen's outcome, reach and LEP sections
// (OutcomeFigures.tsx, ReachFigures.tsx): a captioned chart figure with its table, the
// table of one reach question, stat cards, and formatting of money, hours and days.
// Every chart on the screen (ReportCharts.tsx too) is a ChartFigure: a <figure> named by
// its caption, the picture one role="img" with the figures in its name, "Show as a
// table".
import type { ReactNode } from 'react';
import type { ReportDimension } from '../../lib/types';

/** One bar: value is what is plotted (0 for a hidden count), text its label. */
export interface BarDatum {
  label: string;
  value: number;
  text: string;
}

const nf = new Intl.NumberFormat('en-GB');
export const fmt = (n: number) => nf.format(n);

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
    <table className="nhsuk-table">
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th className="nhsuk-table__header" scope="col">
            {head[0]}
          </th>
          <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
            {head[1]}
          </th>
          {percent ? (
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
              Per cent
            </th>
          ) : null}
        </tr>
      </thead>
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
    </table>
  );
}

/** One reach question as a captioned table: every answer, "Not stated" included, with
 * counts and percentages exactly as Go wrote them ("<5", "*", "–"), and the total. */
export function DimensionTable({ dim, caption, testId }: { dim: ReportDimension; caption?: string; testId: string }) {
  return (
    <table className="nhsuk-table" data-testid={testId}>
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption ?? dim.label}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            Answer
          </th>
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
            People
          </th>
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
            Per cent
          </th>
        </tr>
      </thead>
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
    </table>
  );
}

/** A total of people through the small-number rule, as Go's report.NewCount shows it. */
export const peopleText = (n: number) => (n > 0 && n < 5 ? '<5' : fmt(n));

export interface Stat {
  key: string;
  title: string;
  value: string;
  description?: ReactNode;
}

/** Figures as NHS cards (like the headline figures): `data-testid="<prefix>-<key>"`,
 * the value in `data-testid="figure-value"`. */
export function StatCards({ stats, prefix, columns = 'one-quarter' }: { stats: Stat[]; prefix: string; columns?: 'one-third' | 'one-quarter' }) {
  return (
    <ul className="nhsuk-grid-row nhsuk-card-group app-report-cards">
      {stats.map((s) => (
        <li key={s.key} className={`nhsuk-grid-column-${columns} nhsuk-card-group__item`}>
          <div className="nhsuk-card" data-testid={`${prefix}-${s.key}`}>
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading nhsuk-heading-xs">{s.title}</h3>
              <p className="app-stat" data-testid="figure-value">
                {s.value}
              </p>
              {s.description ? <p className="nhsuk-card__description nhsuk-body-s">{s.description}</p> : null}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Whole pence as pounds, en-GB: 123450 → "£1,234.50". */
export const pounds = (pence: number) => gbp.format(Math.round(pence) / 100);

const hoursFmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** Minutes as hours, as the workbook's Hours (two decimals at most): 750 → "12.5". */
export const hoursOf = (minutes: number) => hoursFmt.format(minutes / 60);

/** 750 → "12 hours 30 minutes"; 0 → "0 minutes". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (h) parts.push(`${fmt(h)} ${h === 1 ? 'hour' : 'hours'}`);
  if (m || !h) parts.push(`${m} ${m === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

/** Days from claim to payment (Go sends -1 when no entry has both dates): "–" then. */
export const daysText = (days: number) =>
  days < 0 || !Number.isFinite(days) ? '\u2013' : `${hoursFmt.format(days)} ${days === 1 ? 'day' : 'days'}`;

/** "1 action", "3 actions". */
export const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
