// Reports (#/reports): the figures of the Excel summary (DESIGN §2 item 7, §6) for a
// period, project, borough and type of session, led by outcomes and reach; charts with
// tables; export to Excel or CSV. Figures come from Go (report.Figures) with small-number
// suppression already applied: suppressed values are shown exactly as their text.
import { useFilterLoad } from '../lib/useFilterLoad';
import { useMemo, useState } from 'react';
import { InsetText } from 'nhsuk-react-components';
import { Link } from 'react-router';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { Loading, PageHeading } from '../components/PageHeading';
import { BOROUGH_GROUPS } from '../components/SessionForm';
import { SelectField } from '../components/fields';
import { DateField } from '../components/DateField';
import { getReport, getReportQuestions, listProjects } from '../lib/backend';
import { formatDateTime } from '../lib/dates';
import { fieldErrorMap } from '../lib/errors';
import { useRefData } from '../lib/refdata';
import {
  type BackendError,
  type RefItem,
  type ReportBreakdownRequest,
  type ReportFigures,
  type ReportFilter,
  type ReportQuestionFigures,
} from '../lib/types';
import { useLoad } from '../lib/useLoad';
import { canHoldPeople } from '../lib/roles';
import { useRole } from '../components/Roles';
import { ExportPanel, FILTER_FIELDS } from './reports/ExportPanel';
import { num } from '../lib/format';
import { ReportCharts } from './reports/ReportCharts';
import { Gripp2Section, LEPSection, OutcomesSection, YouSaidWeDidSection } from './reports/OutcomeFigures';
import { ReachSection } from './reports/ReachFigures';
import { QuestionsSection } from './reports/QuestionResults';
import { ReportContents, type ContentsItem } from './reports/ReportContents';
import { DEFAULT_PERIOD, PERIODS, periodDates, periodText, type Period, type PeriodChoice } from './reports/period';
import './reports/reports.scss';

/** report.SuppressionRule (app/report/suppress.go), word for word. */
export const SUPPRESSION_RULE =
  'Small numbers are suppressed to protect people\u2019s privacy: in every demographic or reach count, ' +
  'values from 1 to 4 are shown as \u201c<5\u201d, and their percentages are withheld (\u201c\u2013\u201d). Where only one value in a list ' +
  'would be suppressed, the next smallest value is also withheld (shown as \u201c*\u201d) so that the small one cannot be ' +
  'worked out from the total. A percentage is also withheld when the people it counts, or the rest, number 1 to 4.';

/** The Questions section's figures for a filter and the breakdown chosen. */
const loadQuestions = ({ filter, breakdown }: { filter: ReportFilter; breakdown: ReportBreakdownRequest }) =>
  getReportQuestions(filter, breakdown);

const NO_BREAKDOWN: ReportBreakdownRequest = { setId: '', question: '', by: 'ageBand' };

const PERIOD_ITEMS: RefItem[] = PERIODS.map((p) => ({ code: p.code, label: p.label }));

function Filters(props: {
  choice: PeriodChoice;
  setChoice: (c: PeriodChoice) => void;
  period: Period;
  custom: Period;
  setCustom: (p: Period) => void;
  projectId: string;
  setProjectId: (v: string) => void;
  borough: string;
  setBorough: (v: string) => void;
  sessionType: string;
  setSessionType: (v: string) => void;
  error: BackendError | null;
}) {
  const ref = useRefData();
  const projects = useLoad(listProjects, []);
  const projectItems: RefItem[] = (projects.data ?? [])
    .filter((p) => !p.deletedAt)
    .map((p) => ({ code: p.id, label: p.name || 'Untitled project' }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const fe = fieldErrorMap(props.error);
  return (
    <section aria-labelledby="filters-heading" className="app-report-filters" data-testid="report-filters">
      <h2 id="filters-heading" className="nhsuk-u-visually-hidden">
        Filters
      </h2>
      <form noValidate onSubmit={(e) => e.preventDefault()}>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-quarter">
            <SelectField
              name="period"
              label="Period"
              items={PERIOD_ITEMS}
              value={props.choice}
              onChange={(v) => props.setChoice(v as PeriodChoice)}
            />
          </div>
          <div className="nhsuk-grid-column-one-quarter">
            <SelectField
              name="projectId"
              label="Project"
              items={projectItems}
              blankLabel="All projects"
              value={props.projectId}
              error={fe.projectId}
              onChange={props.setProjectId}
            />
          </div>
          <div className="nhsuk-grid-column-one-quarter">
            <SelectField
              name="borough"
              label="Borough"
              items={ref.boroughs}
              groupLabels={BOROUGH_GROUPS}
              blankLabel="All boroughs"
              value={props.borough}
              error={fe.borough}
              onChange={props.setBorough}
            />
          </div>
          <div className="nhsuk-grid-column-one-quarter">
            <SelectField
              name="sessionType"
              label="Type of session"
              items={ref.sessionTypes}
              blankLabel="All types"
              value={props.sessionType}
              error={fe.sessionType}
              onChange={props.setSessionType}
            />
          </div>
        </div>
        {props.choice === 'custom' ? null : (
          <p className="nhsuk-hint app-report-period" data-testid="report-period">
            {periodText(props.period)}
          </p>
        )}
        {props.choice === 'custom' ? (
          <div className="app-inline-form app-report-dates">
            <DateField
              name="from"
              label="From"
              live
              value={props.custom.from}
              error={fe.from}
              onChange={(v) => props.setCustom({ ...props.custom, from: v })}
            />
            <DateField
              name="to"
              label="To"
              live
              value={props.custom.to}
              error={fe.to}
              onChange={(v) => props.setCustom({ ...props.custom, to: v })}
            />
          </div>
        ) : null}
      </form>
    </section>
  );
}

interface Headline {
  key: string;
  title: string;
  value: string;
  description: string;
}

/** The headline figures, outcomes and reach first. */
export function headlines(f: ReportFigures): Headline[] {
  const rated = f.ratings.filter((r) => r.code !== '').reduce((n, r) => n + r.count, 0);
  const boroughs = f.boroughsCovered.map((b) => b.label);
  const core20Unknown = f.core20.value === null && !f.core20.withheld;
  return [
    {
      key: 'peopleReached',
      title: 'People reached',
      value: f.peopleReached.text,
      description: 'Attendees counted at the sessions',
    },
    {
      key: 'feedbackItems',
      title: 'Feedback items',
      value: num(f.feedbackItems),
      description: 'Comments and views people gave us',
    },
    {
      key: 'fftPositive',
      title: 'Positive experience',
      value: f.fftPositive.text,
      description:
        rated > 0
          ? `Rated Very good or Good (Friends and Family Test), of ${num(rated)} ${rated === 1 ? 'rating' : 'ratings'}`
          : 'No Friends and Family Test ratings given',
    },
    {
      key: 'sessionsHeld',
      title: 'Sessions held',
      value: num(f.sessionsHeld),
      description: f.sessionsPlanned > 0 ? `And ${num(f.sessionsPlanned)} planned` : 'None planned',
    },
    {
      key: 'ethnicMinority',
      title: 'From ethnic minority groups',
      value: f.ethnicMinority.text,
      description:
        f.ethnicMinoritySource === 'attendees'
          ? 'Not White British, of the people counted at the sessions who said'
          : 'Asian, Black, Mixed or Other ethnic groups, of the people who gave feedback and said',
    },
    {
      key: 'core20',
      title: 'From Core20 areas',
      value: core20Unknown ? 'Not recorded yet' : f.core20.text,
      description: 'The most deprived 20% of areas in England',
    },
    {
      key: 'boroughsCovered',
      title: 'Boroughs covered',
      value: num(boroughs.length),
      description: boroughs.length ? boroughs.join(', ') : 'No borough recorded',
    },
    {
      key: 'quotesAllowed',
      title: 'Quotes allowed',
      value: num(f.quotesAllowed),
      description: 'Feedback items whose authors agreed we can quote them',
    },
    {
      key: 'needsResponse',
      title: 'Needing a response',
      value: num(f.needsResponse),
      description: 'Feedback items marked as needing a response',
    },
  ];
}

function HeadlineFigures({ figures }: { figures: ReportFigures }) {
  return (
    <section aria-labelledby="headline-heading" data-testid="report-figures">
      <h2 id="headline-heading" className="nhsuk-heading-m" tabIndex={-1}>
        Headline figures
      </h2>
      <ul className="nhsuk-grid-row nhsuk-card-group app-report-cards">
        {headlines(figures).map((h) => (
          <li key={h.key} className="nhsuk-grid-column-one-third nhsuk-card-group__item">
            <div className="nhsuk-card" data-testid={`figure-${h.key}`}>
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-xs">{h.title}</h3>
                <p className="app-stat" data-testid="figure-value">
                  {h.value}
                </p>
                <p className="nhsuk-card__description nhsuk-body-s">{h.description}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <InsetText data-testid="suppression-rule">
        <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-2">About small numbers</h3>
        <p>{SUPPRESSION_RULE}</p>
      </InsetText>
    </section>
  );
}

export function ReportsScreen() {
  const [choice, setChoice] = useState<PeriodChoice>(DEFAULT_PERIOD);
  const [custom, setCustom] = useState<Period>({ from: '', to: '' });
  const [projectId, setProjectId] = useState('');
  const [borough, setBorough] = useState('');
  const [sessionType, setSessionType] = useState('');

  // Today is read when the period changes (a screen left open past midnight follows).
  const period = useMemo(() => (choice === 'custom' ? custom : periodDates(choice, new Date())), [choice, custom]);
  const filter = useMemo<ReportFilter>(
    () => ({ from: period.from, to: period.to, projectId, borough, sessionType, teamId: '' }),
    [period, projectId, borough, sessionType],
  );
  const { data: figures, error, loading } = useFilterLoad(getReport, filter);
  const [breakdown, setBreakdown] = useState<ReportBreakdownRequest>(NO_BREAKDOWN);
  const questionsFilter = useMemo(() => ({ filter, breakdown }), [filter, breakdown]);
  const questions = useFilterLoad(loadQuestions, questionsFilter);
  // the figures of the filter on screen only (an answer to an invalid filter is an error)
  const questionFigures: ReportQuestionFigures | undefined = error ? undefined : questions.data;

  const pickPeriod = (c: PeriodChoice) => {
    // Custom dates start from the period on screen, so they can be adjusted.
    if (c === 'custom' && choice !== 'custom') setCustom(period);
    setChoice(c);
  };

  const empty = figures !== undefined && figures.sessions === 0;
  const { role } = useRole();
  const hasQuestions = (questionFigures?.sets.length ?? 0) > 0;
  const contents = figures ? contentsOf(figures, canHoldPeople(role), hasQuestions) : [];

  return (
    <>
      <PageHeading>Reports</PageHeading>
      <p>What people told us and who we reached, for the period and filters you choose: the same figures as the Excel summary.</p>
      {contents.length > 1 ? <ReportContents items={contents} /> : null}
      <FormErrorSummary
        error={error}
        title={error?.code === 'invalid' ? 'There is a problem with the filters' : 'The figures could not be made'}
        knownFields={choice === 'custom' ? FILTER_FIELDS : FILTER_FIELDS.filter((f) => f !== 'from' && f !== 'to')}
      />
      <Filters
        choice={choice}
        setChoice={pickPeriod}
        period={period}
        custom={custom}
        setCustom={setCustom}
        projectId={projectId}
        setProjectId={setProjectId}
        borough={borough}
        setBorough={setBorough}
        sessionType={sessionType}
        setSessionType={setSessionType}
        error={error}
      />

      <p className="app-status" role="status" data-testid="report-status">
        {loading ? 'Updating the figures…' : figures ? statusText(figures) : ''}
      </p>

      <ExportPanel filter={filter} />
      <p data-testid="report-you-said">
        <Link to="/you-said-we-did">Make a “you said, we did”</Link> to give back to the public: a web page or email text of
        the done actions.
      </p>
      <p data-testid="report-board-pack">
        <Link to="/board-pack">Make a board pack</Link> for a board or a funder: outcomes first, as a PDF or a Word
        document.
      </p>
      <p data-testid="report-standards">
        <Link to="/standards">UK Standards self-assessment</Link>: how the team rates itself against the six UK Standards for
        Public Involvement, over time.
      </p>

      {figures === undefined && loading ? <Loading /> : null}

      {figures && empty ? (
        <div data-testid="report-empty">
          <h2 id="report-empty-heading" className="nhsuk-heading-m" tabIndex={-1}>
            No sessions in this period
          </h2>
          <p>
            There are no sessions that match these filters ({figures.filterText.join('; ')}). Choose another period or
            filter, or add sessions. You can still export: the workbook will have its headings and notes.
          </p>
        </div>
      ) : null}

      {figures && empty && hasRecordsWithoutSessions(figures) ? (
        <div aria-busy={loading || undefined} className={loading ? 'app-report--updating' : undefined}>
          <OutcomeSections figures={figures} />
          <Gripp2Section projects={figures.projects} />
        </div>
      ) : null}

      {figures && !empty ? (
        <div aria-busy={loading || undefined} className={loading ? 'app-report--updating' : undefined}>
          <HeadlineFigures figures={figures} />
          <OutcomeSections figures={figures} reach filter={filter} />
          {questionFigures && hasQuestions ? (
            <QuestionsSection figures={questionFigures} breakdown={breakdown} onBreakdown={setBreakdown} />
          ) : null}
          {/* The reach charts are drawn by the Reach and diversity section (with their
              source: attendees or feedback respondents), so not again among the charts. */}
          <ReportCharts figures={{ ...figures, reach: [] }} />
          <Gripp2Section projects={figures.projects} />
          <p className="nhsuk-body-s app-status" data-testid="report-generated">
            {figures.filterText.join('. ')}. Figures made {formatDateTime(figures.generatedAt)}
            {figures.referenceVersion ? `, reference data version ${figures.referenceVersion}` : ''}.
          </p>
        </div>
      ) : null}
    </>
  );
}

/** Outcome-led sections, in order: you said, we did; outcomes; reach (with sessions);
 * Lived Experience Partners (not on a capture laptop, which holds none). */
function OutcomeSections({ figures: f, reach, filter }: { figures: ReportFigures; reach?: boolean; filter?: ReportFilter }) {
  const { role } = useRole();
  return (
    <>
      <YouSaidWeDidSection actions={f.actions} needsResponse={f.needsResponse} needsResponseWithoutAction={f.needsResponseWithoutAction} />
      <OutcomesSection outcomes={f.outcomes} />
      {reach ? <ReachSection figures={f} filter={filter} /> : null}
      {canHoldPeople(role) ? <LEPSection lep={f.lep} /> : null}
    </>
  );
}

/** The contents list: each section on screen, in order, by its heading's id. */
export function contentsOf(f: ReportFigures, lep: boolean, questions = false): ContentsItem[] {
  const items: ContentsItem[] = [];
  const add = (id: string, label: string, shown = true) => {
    if (shown) items.push({ id, label });
  };
  const empty = f.sessions === 0;
  const outcomes = !empty || hasRecordsWithoutSessions(f);
  add('report-empty-heading', 'No sessions in this period', empty);
  add('headline-heading', 'Headline figures', !empty);
  add('report-actions-heading', 'You said, we did', outcomes);
  add('report-outcomes-heading', 'Outcomes and impact', outcomes);
  add('report-reach-heading', 'Reach and diversity', !empty);
  add('report-lep-heading', 'Lived Experience Partners', outcomes && lep);
  add('report-questions-heading', 'Questions', !empty && questions);
  add('charts-heading', 'Charts', !empty);
  add('report-gripp2-heading', 'GRIPP2 short form', outcomes);
  return items;
}

/** Actions, outcomes and LEP time for tasks can fall in a period without sessions. */
function hasRecordsWithoutSessions(f: ReportFigures): boolean {
  return f.actions.total > 0 || f.outcomes.total > 0 || f.lep.entries > 0 || f.projects.length > 0;
}

/** "Figures for 3 sessions and 12 feedback items." (the polite status line). */
export function statusText(f: ReportFigures): string {
  const s = `${num(f.sessions)} ${f.sessions === 1 ? 'session' : 'sessions'}`;
  const fb = `${num(f.feedbackItems)} ${f.feedbackItems === 1 ? 'feedback item' : 'feedback items'}`;
  return `Figures for ${s} and ${fb}.`;
}
