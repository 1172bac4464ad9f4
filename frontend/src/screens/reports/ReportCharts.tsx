// The Reports screen's charts (Recharts, SVG). A chart is never the only way to get a
// number: each one is a <figure> with a caption, the picture itself is one image for
// assistive technology (role="img" with a summary), and "Show as a table" opens a real
// table of the same figures. No animation (tests, screenshots, reduced motion).
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Rectangle, XAxis, YAxis, type RectangleProps } from 'recharts';
import type { ReportDimension, ReportFigures, ReportRow, ReportThemeRow } from '../../lib/types';
import { num } from '../../lib/format';
import { BarsTable, ChartFigure as Figure, barsSummary, type BarDatum } from './ChartFigure';
import { TableHead } from '../../components/TableHead';
import { ScrollTable } from '../../components/ScrollTable';


// NHS.UK palette; each at least 3:1 against white (WCAG 1.4.11).
export const COLOURS = {
  blue: '#005eb8', // 5.1:1
  green: '#007f3b', // 5.3:1
  red: '#d5281b', // 4.9:1
  grey: '#768692', // 3.9:1
  darkBlue: '#003087', // 12.6:1
  text: '#212b32',
};


const AXIS_WIDTH = 260;
/** Room per bar: long category names (ethnic groups) wrap onto two or three lines. */
const rowHeight = (labels: string[]) => {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return longest > 60 ? 60 : longest > 30 ? 46 : 34;
};
const tick = { fill: COLOURS.text, fontSize: 15 };


/** Rows of a not-people count (never suppressed) as bars. */
export function rowBars(rows: ReportRow[]): BarDatum[] {
  return rows.map((r) => ({ label: r.label, value: r.count, text: num(r.count) }));
}

/** A reach dimension as bars: a suppressed ("<5") or withheld ("*") count is plotted
 * as 0 and labelled with its text. The borough list is long: only boroughs somebody
 * named are kept (and "Not stated"). */
export function reachBars(d: ReportDimension): BarDatum[] {
  return shownCategories(d).map((c) => ({ label: c.label, value: c.count.value ?? 0, text: c.count.text }));
}

/** The categories a reach chart shows: for the borough, only those somebody named (and "Not stated"). */
const shownCategories = (d: ReportDimension) =>
  d.code === 'borough' ? d.categories.filter((c) => c.code === '' || c.count.value === null || c.count.value > 0) : d.categories;

const barShape = (p: unknown) => <Rectangle {...(p as RectangleProps)} />;

/** A horizontal bar chart of one series, each bar labelled with its text. */
export function BarsChart({ data, colour = COLOURS.blue, name }: { data: BarDatum[]; colour?: string; name: string }) {
  const height = Math.max(1, data.length) * rowHeight(data.map((d) => d.label)) + 48;
  return (
    <BarChart
      layout="vertical"
      data={data}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 48, bottom: 8, left: 8 }}
      accessibilityLayer={false}
    >
      <CartesianGrid horizontal={false} stroke="#d8dde0" />
      <XAxis type="number" allowDecimals={false} tick={tick} stroke={COLOURS.grey} />
      <YAxis type="category" dataKey="label" width={AXIS_WIDTH} tick={tick} stroke={COLOURS.grey} interval={0} />
      <Bar dataKey="value" name={name} fill={colour} isAnimationActive={false} barSize={20} shape={barShape}>
        <LabelList dataKey="text" position="right" fill={COLOURS.text} fontSize={15} />
      </Bar>
    </BarChart>
  );
}

/** Every bar is 0, and none is a count the small-number rule hid ("<5" and "*" are not 0). */
export const allZero = (data: BarDatum[]) => data.every((d) => d.value === 0 && d.text === '0');

/** A figure with nothing to show, collapsed to its caption and one sentence (not a chart
 * and a table of zeros). */
export function NoFigure({ id, caption, text }: { id: string; caption: string; text: string }) {
  return (
    <div className="app-chart-none" data-testid={`chart-${id}-none`}>
      <h3 className="nhsuk-heading-s">{caption}</h3>
      <p>{text}</p>
    </div>
  );
}

/** One series of bars in its figure: the summary reads "<lead> <kind>: …", and the table
 * has the same figures. With none, a figure whose bars are all 0 is that sentence instead. */
export function BarsFigure(p: {
  id: string;
  caption: string;
  /** What the summary says first; "Bar chart." unless given. */
  lead?: string;
  /** What the bars count, for the summary ("Actions by status"). */
  kind: string;
  data: BarDatum[];
  /** The table's column headings: what a bar is, and what it counts. */
  head: [string, string];
  percent?: string[];
  /** The series' name in the chart. */
  name: string;
  colour?: string;
  /** The sentence shown instead when every bar is 0 ("No feedback in this period."). */
  none?: string;
}) {
  if (p.none && allZero(p.data)) return <NoFigure id={p.id} caption={p.caption} text={p.none} />;
  return (
    <Figure
      id={p.id}
      caption={p.caption}
      summary={`${p.lead ?? 'Bar chart.'} ${barsSummary(p.kind, p.data)}`}
      table={<BarsTable data={p.data} head={p.head} percent={p.percent} />}
    >
      <BarsChart data={p.data} name={p.name} colour={p.colour} />
    </Figure>
  );
}

export function RatingsChart({ rows }: { rows: ReportRow[] }) {
  return (
    <BarsFigure
      id="ratings"
      caption="Feedback by Friends and Family Test rating"
      kind="Feedback items by rating"
      data={rowBars(rows)}
      head={['Rating', 'Feedback items']}
      name="Feedback items"
      none="No feedback in this period."
    />
  );
}

export function SessionTypesChart({ rows }: { rows: ReportRow[] }) {
  return (
    <BarsFigure
      id="session-types"
      caption="Sessions by type"
      kind="Sessions by type"
      data={rowBars(rows)}
      head={['Type of session', 'Sessions']}
      name="Sessions"
      colour={COLOURS.darkBlue}
      none="No sessions in this period."
    />
  );
}

/** The reach questions drawn as charts, in this order (the Reports screen's others are tables). */
export const CHARTED = ['ethnicGroup', 'ageBand', 'borough'];

const REACH_CAPTIONS: Record<string, string> = {
  ethnicGroup: 'Reach: ethnic group',
  ageBand: 'Reach: age band',
  borough: 'Reach: borough where they live',
};

/** A reach question's chart: of the people counted at the sessions (attendees), or else of those who gave feedback. */
export function ReachChart({ dim, attendees = false, none }: { dim: ReportDimension; attendees?: boolean; none?: string }) {
  const who = attendees ? 'people counted at the sessions' : 'people who gave feedback';
  return (
    <BarsFigure
      id={`reach-${dim.code}`}
      caption={REACH_CAPTIONS[dim.code] ?? `Reach: ${dim.label.toLowerCase()}`}
      lead={`Bar chart of ${who}, ${num(dim.total)} in all.`}
      kind={dim.label}
      data={reachBars(dim)}
      head={[dim.label, 'People']}
      percent={shownCategories(dim).map((c) => c.percent.text)}
      name="People"
      colour={COLOURS.green}
      none={none}
    />
  );
}

export const SENTIMENTS: { key: keyof Pick<ReportThemeRow, 'positive' | 'neutral' | 'negative' | 'noRating'>; label: string; colour: string }[] = [
  { key: 'positive', label: 'Positive', colour: COLOURS.green },
  { key: 'neutral', label: 'Neutral', colour: COLOURS.blue },
  { key: 'negative', label: 'Negative', colour: COLOURS.red },
  { key: 'noRating', label: 'No rating', colour: COLOURS.grey },
];

export const TOP_THEMES = 10;

export function ThemesChart({ themes }: { themes: ReportThemeRow[] }) {
  if (themes.length === 0) {
    return (
      <div data-testid="chart-themes-none">
        <h3 className="nhsuk-heading-s">Themes by sentiment</h3>
        <p>No feedback in this period has a theme yet.</p>
      </div>
    );
  }
  const top = themes.slice(0, TOP_THEMES);
  const height = Math.max(1, top.length) * rowHeight(top.map((t) => t.label)) + 88;
  const summary = top.length
    ? `Stacked bar chart of the ${top.length} most raised themes by sentiment: ${top
        .map((t) => `${t.label} ${num(t.count)} (${SENTIMENTS.map((s) => `${num(t[s.key])} ${s.label.toLowerCase()}`).join(', ')})`)
        .join('; ')}.`
    : 'No themes recorded.';
  const table = (
    <ScrollTable>
      <TableHead
        columns={[
          { label: 'Theme' },
          ...SENTIMENTS.map((s) => ({ label: s.label, numeric: true })),
          { label: 'Feedback items', numeric: true },
        ]}
      />
      <tbody className="nhsuk-table__body">
        {top.map((t) => (
          <tr key={t.id} className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="row">
              {t.label}
            </th>
            {SENTIMENTS.map((s) => (
              <td key={s.key} className="nhsuk-table__cell nhsuk-table__cell--numeric">
                {num(t[s.key])}
              </td>
            ))}
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{num(t.count)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
  return (
    <Figure
      id="themes"
      caption={themes.length > TOP_THEMES ? `Top ${TOP_THEMES} themes by sentiment` : 'Themes by sentiment'}
      summary={summary}
      table={table}
    >
      <BarChart
        layout="vertical"
        data={top}
        responsive
        style={{ width: '100%', height }}
        margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke="#d8dde0" />
        <XAxis type="number" allowDecimals={false} tick={tick} stroke={COLOURS.grey} />
        <YAxis type="category" dataKey="label" width={AXIS_WIDTH} tick={tick} stroke={COLOURS.grey} interval={0} />
        <Legend wrapperStyle={{ color: COLOURS.text, fontSize: 15 }} itemSorter={null} />
        {SENTIMENTS.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="sentiment" fill={s.colour} stroke="#ffffff" isAnimationActive={false} barSize={20} />
        ))}
      </BarChart>
    </Figure>
  );
}

/** Every chart of the figures (not shown when the period has no sessions). */
export function ReportCharts({ figures }: { figures: ReportFigures }) {
  const reach = [...figures.reach].sort((a, b) => CHARTED.indexOf(a.code) - CHARTED.indexOf(b.code));
  return (
    <section aria-labelledby="charts-heading" data-testid="report-charts">
      <h2 id="charts-heading" className="nhsuk-heading-m" tabIndex={-1}>
        Charts
      </h2>
      <RatingsChart rows={figures.ratings} />
      <SessionTypesChart rows={figures.sessionsByType} />
      {reach.map((d) => (
        <ReachChart key={d.code} dim={d} />
      ))}
      <ThemesChart themes={figures.themes} />
    </section>
  );
}
