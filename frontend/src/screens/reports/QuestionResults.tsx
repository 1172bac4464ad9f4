// The Reports screen's "Questions" section: the answers to each question set asked at
// the sessions in the filter, from Go's report.QuestionFigures (small numbers already
// suppressed: every count is shown as its text, "<5", "*", "–"). Per question a chart
// with its table; for ranking, times ranked first, times picked and a score; for
// numbers, the median and range; free-text answers only where the person agreed to be
// quoted. A breakdown of one chosen question by one demographic, suppressed cell by cell.
import { SelectField } from '../../components/fields';
import { ScrollTable } from '../../components/ScrollTable';
import { TableHead } from '../../components/TableHead';
import { num, plural } from '../../lib/format';
import type {
  RefItem,
  ReportBreakdown,
  ReportBreakdownRequest,
  ReportQuestionFigures,
  ReportQuestionResult,
  ReportSetResults,
} from '../../lib/types';
import { BarsFigure, COLOURS } from './ReportCharts';

/** report.RankingScoreRule (app/report/questions.go), word for word. */
export const RANKING_SCORE_RULE =
  'Score: with \u201cpick your top N\u201d, a first place earns N points, a second N\u22121, and so on down to 1 point ' +
  'for the last pick; the score adds them up. \u201cRanked first\u201d and \u201cPicked\u201d count people, so they follow the small-number rule, ' +
  'and a score is withheld when its \u201cPicked\u201d count is.';

/** The demographics a breakdown offers (report.BreakdownBy). */
export const BREAKDOWN_BY: RefItem[] = [
  { code: 'ageBand', label: 'Age band' },
  { code: 'ethnicGroup', label: 'Ethnic group' },
  { code: 'borough', label: 'Borough where they live' },
];

/** The id of a question's chart: its set and key, in characters an id may hold. */
const chartId = (set: ReportSetResults, q: ReportQuestionResult) => `q-${set.prefix}-${q.key}`.replace(/[^A-Za-z0-9_-]/g, '-');

/** The breakdown select's value for a question: "<family id>|<key>". */
const questionCode = (setId: string, key: string) => `${setId}|${key}`;

export function QuestionsSection({
  figures,
  breakdown,
  onBreakdown,
}: {
  figures: ReportQuestionFigures;
  breakdown: ReportBreakdownRequest;
  onBreakdown: (bd: ReportBreakdownRequest) => void;
}) {
  const breakable: RefItem[] = figures.sets.flatMap((s) =>
    s.questions.filter((q) => q.breakable).map((q) => ({ code: questionCode(s.familyId, q.key), label: `${s.name}: ${q.label}` })),
  );
  const chosen = breakdown.setId ? questionCode(breakdown.setId, breakdown.question) : '';
  const pickQuestion = (v: string) => {
    const [setId = '', question = ''] = v ? v.split('|') : [];
    onBreakdown({ setId, question, by: breakdown.by || 'ageBand' });
  };
  return (
    <section aria-labelledby="report-questions-heading" data-testid="report-questions">
      <h2 id="report-questions-heading" className="nhsuk-heading-m" tabIndex={-1}>
        Questions
      </h2>
      <p>
        What people answered to the sessions’ own questions: {plural(figures.responses, 'response')}. Versions of a set are
        combined where a question did not change; a question that changed is shown once per version. Percentages are of the
        responses that were asked the question.
      </p>
      {figures.unmatched > 0 ? (
        <p className="nhsuk-body-s" data-testid="questions-unmatched">
          {plural(figures.unmatched, 'response')} answered a version of a set this laptop does not hold yet: sync to count
          them.
        </p>
      ) : null}
      {figures.sets.map((s) => (
        <SetResults key={s.familyId} set={s} />
      ))}
      {breakable.length > 0 ? (
        <div data-testid="questions-breakdown">
          <h3 className="nhsuk-heading-s">Break down a question</h3>
          <p className="nhsuk-body-s">
            See one question’s answers by the age band, ethnic group or borough people gave with their feedback. Each cell follows
            the small-number rule, and a number is also withheld (“*”) when it would let a hidden one be worked out.
          </p>
          <form noValidate onSubmit={(e) => e.preventDefault()} className="app-inline-form app-report-breakdown">
            <SelectField
              name="breakdownQuestion"
              label="Question"
              items={breakable}
              blankLabel="Choose a question"
              value={chosen}
              onChange={pickQuestion}
            />
            <SelectField
              name="breakdownBy"
              label="Break down by"
              items={BREAKDOWN_BY}
              value={breakdown.by || 'ageBand'}
              onChange={(by) => onBreakdown({ ...breakdown, by })}
            />
          </form>
          {figures.breakdown ? <BreakdownTable bd={figures.breakdown} /> : null}
        </div>
      ) : null}
      <p className="nhsuk-body-s">
        Small numbers are suppressed: “&lt;5” is 1 to 4 people, “*” is a number withheld so that a small one cannot be worked out,
        and “–” is a percentage not shown (see “About small numbers” above).
      </p>
    </section>
  );
}

function SetResults({ set }: { set: ReportSetResults }) {
  return (
    <div data-testid={`questions-set-${set.prefix}`}>
      <h3 className="nhsuk-heading-s">{set.name}</h3>
      {set.purpose ? <p className="nhsuk-body-s">What the answers will help decide: {set.purpose}</p> : null}
      <p className="nhsuk-body-s">
        {plural(set.responses, 'response')}; {set.versions.length === 1 ? 'version' : 'versions'} {set.versions.join(', ')}{' '}
        answered. Columns in responses.csv start {set.prefix}__.
      </p>
      {set.questions.map((q) => (
        <QuestionResult key={q.key} set={set} q={q} />
      ))}
    </div>
  );
}

function QuestionResult({ set, q }: { set: ReportSetResults; q: ReportQuestionResult }) {
  const id = chartId(set, q);
  const ranking = q.type === 'ranking';
  const data = q.categories.map((c) => ({
    label: ranking && c.code !== '' && c.code !== 'prefer_not_say' ? `${c.label} (ranked first)` : c.label,
    value: c.count.value ?? 0,
    text: c.count.text,
  }));
  return (
    <div className="app-question-result" data-testid={`question-${id}`}>
      <BarsFigure
        id={id}
        caption={q.label}
        lead={`Bar chart of ${plural(q.asked, 'response')} asked this question, answered by ${q.answered.text} (${q.answeredPct.text}).`}
        kind="Answers"
        data={data}
        head={['Answer', 'People']}
        percent={q.categories.map((c) => c.percent.text)}
        name="People"
        colour={COLOURS.blue}
      />
      {q.multi ? <p className="nhsuk-body-s">A person may choose several answers, so the counts do not add up.</p> : null}
      {ranking && q.ranking ? <RankingTable q={q} /> : null}
      {q.number ? <NumberSummary q={q} /> : null}
      <Quotes q={q} />
    </div>
  );
}

function RankingTable({ q }: { q: ReportQuestionResult }) {
  return (
    <>
      <ScrollTable data-testid="question-ranking">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{q.label}: ranking</caption>
        <TableHead
          columns={[
            { label: 'Choice' },
            { label: 'Ranked first', numeric: true },
            { label: 'Picked', numeric: true },
            { label: 'Score', numeric: true },
          ]}
        />
        <tbody className="nhsuk-table__body">
          {(q.ranking ?? []).map((r) => (
            <tr className="nhsuk-table__row" key={r.code}>
              <th scope="row" className="nhsuk-table__header">
                {r.label}
              </th>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.first.text}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.picked.text}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.score === null ? '*' : num(r.score)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p className="nhsuk-body-s">{RANKING_SCORE_RULE}</p>
    </>
  );
}

const numberText = (v: number | null) => (v === null ? '\u2013' : v.toLocaleString('en-GB'));

function NumberSummary({ q }: { q: ReportQuestionResult }) {
  const n = q.number;
  if (!n) return null;
  return (
    <dl className="nhsuk-summary-list" data-testid="question-number">
      {[
        ['Numbers given', n.count.text],
        ['Smallest', numberText(n.min)],
        ['Median', numberText(n.median)],
        ['Largest', numberText(n.max)],
      ].map(([k, v]) => (
        <div className="nhsuk-summary-list__row" key={k}>
          <dt className="nhsuk-summary-list__key">{k}</dt>
          <dd className="nhsuk-summary-list__value">{v}</dd>
        </div>
      ))}
      {n.median === null && (n.count.value ?? 1) > 0 ? (
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Why not shown</dt>
          <dd className="nhsuk-summary-list__value">Fewer than 5 people gave a number, so one of them could be recognised.</dd>
        </div>
      ) : null}
    </dl>
  );
}

function Quotes({ q }: { q: ReportQuestionResult }) {
  const quotes = q.quotes ?? [];
  const withheld = q.quotesWithheld ?? 0;
  const more = q.quotesMore ?? 0;
  if (quotes.length === 0 && withheld === 0) return null;
  return (
    <div data-testid="question-quotes">
      <h4 className="nhsuk-heading-xs">{q.type === 'text' ? 'What people wrote' : 'What people wrote under “Other”'}</h4>
      {quotes.length > 0 ? (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {quotes.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ul>
      ) : null}
      {more > 0 ? <p className="nhsuk-body-s">And {plural(more, 'more answer')} with consent to quote, in the CSV export.</p> : null}
      {withheld > 0 ? (
        <p className="nhsuk-body-s" data-testid="quotes-withheld">
          {plural(withheld, 'answer')} from people who did not agree to be quoted {withheld === 1 ? 'is' : 'are'} counted but not
          shown.
        </p>
      ) : null}
    </div>
  );
}

function BreakdownTable({ bd }: { bd: ReportBreakdown }) {
  if (bd.rows.length === 0) return <p data-testid="breakdown-none">No one answered this question in this period.</p>;
  return (
    <ScrollTable data-testid="breakdown-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">
        {bd.label} by {bd.byLabel.toLowerCase()}
        {bd.multi ? ' (a person may give several answers)' : ''}
      </caption>
      <TableHead
        columns={[{ label: bd.byLabel }, ...bd.columns.map((c) => ({ label: c.label, numeric: true })), { label: 'People', numeric: true }]}
      />
      <tbody className="nhsuk-table__body">
        {bd.rows.map((r) => (
          <tr className="nhsuk-table__row" key={r.code || 'not-stated'}>
            <th scope="row" className="nhsuk-table__header">
              {r.label}
            </th>
            {r.cells.map((c, i) => (
              <td key={i} className="nhsuk-table__cell nhsuk-table__cell--numeric">
                {c.text}
              </td>
            ))}
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.total.text}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
