// The Reports screen's outcome-led sections (DESIGN §1: "this is what people told us,
// this is what we changed"): You said, we did (actions), Outcomes and impact, Lived
// Experience Partners (time and payments), and the GRIPP2 short form per project. The
// figures are Go's (report.ActionFigures, OutcomeFigures, LEPFigures, Gripp2), the same
// as the workbook's Summary, You said we did, Outcomes and impact, LEP contribution and
// GRIPP2 sheets. Actions and outcomes are not people: their counts are never suppressed.
import { Link } from 'react-router';
import type { ReportActionFigures, ReportGripp2, ReportLEPFigures, ReportOutcomeFigures } from '../../lib/types';
import { daysText, duration, hoursGrouped, num, plural, pounds } from '../../lib/format';
import { BarsFigure, COLOURS, rowBars } from './ReportCharts';
import { StatCards, type Stat } from './StatCards';

export function YouSaidWeDidSection({
  actions,
  needsResponse,
  needsResponseWithoutAction,
}: {
  actions: ReportActionFigures;
  needsResponse: number;
  needsResponseWithoutAction: number;
}) {
  const a = actions;
  const closed = a.done + a.notPossible;
  const stats: Stat[] = [
    {
      key: 'total',
      title: 'Actions',
      value: num(a.total),
      description: `${num(a.planned)} planned, ${num(a.inProgress)} in progress, ${num(a.notPossible)} not possible`,
    },
    { key: 'done', title: 'Done', value: num(a.done), description: `Of ${plural(a.total, 'action')}` },
    {
      key: 'communicated',
      title: 'Communicated back',
      value: a.communicatedPct.text,
      description:
        closed > 0
          ? `${num(a.communicatedBack)} of ${plural(closed, 'done or not possible action')} told back to the people who raised them`
          : 'No action is done or not possible yet',
    },
    { key: 'overdue', title: 'Overdue', value: num(a.overdue), description: 'Past their due date and not done or not possible' },
  ];
  const data = rowBars(a.byStatus);
  const n = needsResponseWithoutAction;
  return (
    <section aria-labelledby="report-actions-heading" data-testid="report-actions">
      <h2 id="report-actions-heading" className="nhsuk-heading-m" tabIndex={-1}>
        You said, we did
      </h2>
      {a.total === 0 ? (
        <p data-testid="actions-none">There are no “you said, we did” actions for this period.</p>
      ) : (
        <>
          <StatCards stats={stats} prefix="action-figure" />
          <BarsFigure
            id="actions-status"
            caption="Actions by status"
            kind="Actions by status"
            data={data}
            head={['Status', 'Actions']}
            name="Actions"
            colour={COLOURS.blue}
          />
        </>
      )}
      <p data-testid="actions-needs-response">
        {n > 0
          ? `${plural(n, 'feedback item')} marked as needing a response ${n === 1 ? 'has' : 'have'} no action yet. `
          : needsResponse > 0
            ? 'Every feedback item marked as needing a response has an action. '
            : 'No feedback in this period is marked as needing a response. '}
        <Link to="/actions">Go to the “You said, we did” board</Link>
      </p>
    </section>
  );
}

export function OutcomesSection({ outcomes }: { outcomes: ReportOutcomeFigures }) {
  const o = outcomes;
  // Largest first, as the workbook's Summary lists them.
  const magnitude = rowBars([...o.byMagnitude].reverse());
  const impact = rowBars(o.byImpact);
  return (
    <section aria-labelledby="report-outcomes-heading" data-testid="report-outcomes">
      <h2 id="report-outcomes-heading" className="nhsuk-heading-m" tabIndex={-1}>
        Outcomes and impact
      </h2>
      {o.total === 0 ? (
        <p data-testid="outcomes-none">
          No outcomes are recorded for this period. Record what changed because of involvement on a project’s page, under
          “Outcomes and impact”.
        </p>
      ) : (
        <>
          <StatCards
            prefix="outcome-figure"
            columns="one-third"
            stats={[
              { key: 'total', title: 'Outcomes', value: num(o.total), description: 'What changed because of involvement' },
              { key: 'positive', title: 'Positive', value: num(o.positive), description: 'Outcomes with a positive impact' },
              { key: 'negative', title: 'Negative', value: num(o.negative), description: 'Outcomes with a negative impact' },
            ]}
          />
          <BarsFigure
            id="outcomes-magnitude"
            caption="Outcomes by magnitude"
            kind="Outcomes by magnitude"
            data={magnitude}
            head={['Magnitude', 'Outcomes']}
            name="Outcomes"
            colour={COLOURS.darkBlue}
          />
          <BarsFigure
            id="outcomes-impact"
            caption="Outcomes by what they had an impact on"
            lead="Bar chart; an outcome with an impact on two areas counts under each."
            kind="Outcomes by impact area"
            data={impact}
            head={['Impact on', 'Outcomes']}
            name="Outcomes"
            colour={COLOURS.green}
          />
        </>
      )}
    </section>
  );
}

export function LEPSection({ lep }: { lep: ReportLEPFigures }) {
  const l = lep;
  const rows: { key: string; label: string; value: string; hint?: string }[] = [
    { key: 'contributors', label: 'Partners who contributed', value: num(l.contributors) },
    { key: 'hours', label: 'Hours', value: hoursGrouped(l.minutes), hint: `${duration(l.minutes)} in ${plural(l.entries, 'time entry', 'time entries')}: preparation, attending, follow-up and travel` },
    { key: 'fees', label: 'Fees due', value: pounds(l.feesPence) },
    { key: 'expenses', label: 'Expenses', value: pounds(l.expensesPence) },
    { key: 'paid', label: 'Paid', value: pounds(l.paidPence), hint: 'Fees and expenses of the entries with a date paid' },
    { key: 'median-days', label: 'Median days from claim to payment', value: daysText(l.medianDaysToPay) },
    { key: 'max-days', label: 'Longest from claim to payment', value: daysText(l.maxDaysToPay) },
  ];
  return (
    <section aria-labelledby="report-lep-heading" data-testid="report-lep">
      <h2 id="report-lep-heading" className="nhsuk-heading-m" tabIndex={-1}>
        Lived Experience Partners
      </h2>
      {l.entries === 0 ? (
        <p data-testid="lep-none">No Lived Experience Partner time is logged for this period.</p>
      ) : (
        <>
          <dl className="nhsuk-summary-list" data-testid="lep-figures">
            {rows.map((r) => (
              <div className="nhsuk-summary-list__row" key={r.key} data-testid={`lep-${r.key}`}>
                <dt className="nhsuk-summary-list__key">{r.label}</dt>
                <dd className="nhsuk-summary-list__value">
                  <span data-testid="figure-value">{r.value}</span>
                  {r.hint ? <span className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-display-block">{r.hint}</span> : null}
                </dd>
              </div>
            ))}
          </dl>
          <p className="nhsuk-body-s">
            Fees are what is due: the fee set by hand when there is one, nothing when a partner declined payment. Days from claim
            to payment count the entries with both dates. The workbook’s LEP contribution sheet shows each partner by a
            pseudonym (“Contributor 7”), never by name.
          </p>
        </>
      )}
    </section>
  );
}

const PARTS = [
  { key: 'aim', n: 1, title: 'Aim' },
  { key: 'methods', n: 2, title: 'Methods' },
  { key: 'results', n: 3, title: 'Results' },
  { key: 'discussion', n: 4, title: 'Discussion' },
  { key: 'reflections', n: 5, title: 'Reflections' },
] as const;

export function Gripp2Section({ projects }: { projects: ReportGripp2[] }) {
  return (
    <section aria-labelledby="report-gripp2-heading" data-testid="report-gripp2">
      <h2 id="report-gripp2-heading" className="nhsuk-heading-m" tabIndex={-1}>
        GRIPP2 short form
      </h2>
      {projects.length === 0 ? (
        <p data-testid="gripp2-none">No project has sessions, actions or outcomes in this period.</p>
      ) : (
        <>
          <p>
            The GRIPP2 short form for reporting patient and public involvement, for each project with sessions, actions or
            outcomes in this period, put together from what is recorded.
          </p>
          {projects.map((p) => (
            <details className="nhsuk-details" key={p.projectId || '__none'} data-testid="gripp2-project" data-project-id={p.projectId}>
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">
                  {p.project}
                  <span className="nhsuk-u-visually-hidden">: GRIPP2 short form</span>
                </span>
              </summary>
              <div className="nhsuk-details__text">
                <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                  {plural(p.sessions, 'session')} and {plural(p.feedback, 'feedback item')} in this period
                </p>
                <dl className="nhsuk-summary-list">
                  {PARTS.map((part) => (
                    <div className="nhsuk-summary-list__row" key={part.key} data-testid={`gripp2-${part.key}`}>
                      <dt className="nhsuk-summary-list__key">
                        {part.n}. {part.title}
                      </dt>
                      <dd className="nhsuk-summary-list__value app-pre-wrap">{p[part.key]}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            </details>
          ))}
        </>
      )}
    </section>
  );
}
