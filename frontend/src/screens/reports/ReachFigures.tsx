// The Reports screen's "Reach and diversity" section: who the sessions reached, from
// Go's report.Figures (small numbers already suppressed: every count is shown as its
// text, "<5", "*", "–"). The figures come from the attendance tallies and attendee
// profiles when any session in the filter was counted (reachCounted > 0; reach is then
// attendeeReach), otherwise from the feedback respondents' age band, ethnic group and
// borough (reach is respondents) — the workbook's Reach and diversity sheet shows both.
// Ethnic groups, age bands and boroughs are charts (each with its table); the other
// questions are tables.
import type { ReportDimension, ReportFigures, ReportFilter } from '../../lib/types';
import { ReachComparisonPanel } from './ReachComparison';
import { num, plural } from '../../lib/format';
import { CHARTED, ReachChart } from './ReportCharts';
import { DimensionTable, dimensionIsZero } from './DimensionTable';

/** Table captions where Go's label alone would read like another question's. */
const TABLE_CAPTIONS: Record<string, string> = {
  ethnicity: 'Ethnic group (the 19 Census 2021 categories)',
};

export const ETHNIC_MINORITY_DEFINITION = {
  attendees:
    'Ethnic minority groups: the people counted at the sessions whose ethnic group is not “English, Welsh, Scottish, ' +
    'Northern Irish or British” — so White Irish, Gypsy or Irish Traveller, Roma and Other White count, as the ONS defines ' +
    'it — as a share of those who gave one of the 19 Census 2021 categories. “Prefer not to say” and no answer are left out.',
  feedback:
    'Ethnic minority groups: feedback respondents who gave their group as Asian, Black, Mixed or Multiple, or Other ethnic ' +
    'group, as a share of those who gave one of the 5 Census 2021 groups. Feedback asks only for the group, so the White ' +
    'group as a whole is not counted (White minorities cannot be told apart). “Prefer not to say” and no answer are left out.',
} as const;

/** What a reach question whose counts are all 0 says instead of a table of zeros. */
export function noReachText(d: ReportDimension, attendees: boolean): string {
  if (!attendees) return 'No feedback in this period.';
  if (d.multi && d.total > 0) return `None of the ${plural(d.total, 'person', 'people')} counted is recorded in any of these groups.`;
  return 'No one was counted at the sessions in this period.';
}

export function ReachSection({ figures, filter }: { figures: ReportFigures; filter?: ReportFilter }) {
  const f = figures;
  const attendees = f.reachCounted > 0;
  // Nothing counted at all (no tally, no feedback; or tallies of nobody): one sentence,
  // not a chart and a table of zeros per question.
  const nothing = f.reach.length > 0 && f.reach.every(dimensionIsZero);
  const charted = CHARTED.map((code) => f.reach.find((d) => d.code === code)).filter((d): d is ReportDimension => d !== undefined);
  const others = f.reach.filter((d) => !CHARTED.includes(d.code));
  const source = f.ethnicMinoritySource === 'attendees' ? 'attendees' : 'feedback';
  return (
    <section aria-labelledby="report-reach-heading" data-testid="report-reach">
      <h2 id="report-reach-heading" className="nhsuk-heading-m" tabIndex={-1}>
        Reach and diversity
      </h2>
      <p data-testid="reach-source">
        {nothing && !attendees
          ? 'No tallies recorded in this period, and no feedback: there are no reach figures yet. Record who came on a session’s page.'
          : attendees
          ? `These figures come from the attendance tallies and attendee profiles of the ${plural(f.reachCounted, 'session')} where who came was counted, of ${plural(f.sessions, 'session')} in this period. “Not stated” is everyone a question does not account for.`
          : `No session in this period has an attendance tally or attendee profiles, so these figures come from the ${plural(f.feedbackItems, 'feedback respondent')}: the age band, ethnic group and borough they chose to give. Record who came on a session’s page.`}
      </p>
      <dl className="nhsuk-summary-list" data-testid="reach-summary">
        <div className="nhsuk-summary-list__row" data-testid="reach-people">
          <dt className="nhsuk-summary-list__key">People reached</dt>
          <dd className="nhsuk-summary-list__value">
            <span data-testid="figure-value">{f.peopleReached.text}</span>
            <span className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-display-block">
              Attendees of the sessions, summed (a person who came to two sessions counts twice)
            </span>
          </dd>
        </div>
        <div className="nhsuk-summary-list__row" data-testid="reach-counted">
          <dt className="nhsuk-summary-list__key">Sessions where who came was counted</dt>
          <dd className="nhsuk-summary-list__value">
            <span data-testid="figure-value">
              {num(f.reachCounted)} of {plural(f.sessions, 'session')}
            </span>
          </dd>
        </div>
        <div className="nhsuk-summary-list__row" data-testid="reach-ethnic-minority">
          <dt className="nhsuk-summary-list__key">From ethnic minority groups</dt>
          <dd className="nhsuk-summary-list__value">
            <span data-testid="figure-value">{f.ethnicMinority.text}</span>
            <span className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-display-block" data-testid="ethnic-minority-definition">
              {ETHNIC_MINORITY_DEFINITION[source]}
            </span>
          </dd>
        </div>
        <div className="nhsuk-summary-list__row" data-testid="reach-core20">
          <dt className="nhsuk-summary-list__key">From Core20 areas</dt>
          <dd className="nhsuk-summary-list__value">
            <span data-testid="figure-value">{source === 'attendees' ? f.core20.text : 'Not recorded'}</span>
            <span className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-display-block">
              {source === 'attendees'
                ? 'The most deprived 20% of areas (IMD deciles 1 and 2), of the people counted whose decile is known'
                : 'Feedback does not record IMD deciles: count who came at the sessions to see this'}
            </span>
          </dd>
        </div>
      </dl>
      {nothing && attendees ? <p data-testid="reach-none">No one was counted in this period’s tallies or attendee profiles.</p> : null}
      {nothing ? null : charted.map((d) => <ReachChart key={d.code} dim={d} attendees={attendees} none={noReachText(d, attendees)} />)}
      {!nothing && others.length > 0 ? (
        <>
          <h3 className="nhsuk-heading-s">Other questions</h3>
          {others.some((d) => d.multi) ? (
            <p className="nhsuk-body-s">PLUS groups: a person may be in several groups, or none, so their counts do not add up to the total.</p>
          ) : null}
          {others.map((d) => (
            <DimensionTable
              key={d.code}
              dim={d}
              caption={TABLE_CAPTIONS[d.code]}
              testId={`reach-table-${d.code}`}
              none={noReachText(d, attendees)}
            />
          ))}
        </>
      ) : null}
      {/* no feedback: no respondents to describe (not three tables of zeros) */}
      {attendees && f.respondents.length > 0 && !f.respondents.every(dimensionIsZero) ? (
        <details className="nhsuk-details" data-testid="reach-respondents">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Who gave feedback ({plural(f.feedbackItems, 'feedback respondent')})</span>
          </summary>
          <div className="nhsuk-details__text">
            <p>
              Each feedback item is one person’s. These are the age band, ethnic group and borough they chose to give; “Not
              stated” is everyone who did not answer.
            </p>
            {f.respondents.map((d) => (
              <DimensionTable key={d.code} dim={d} caption={`Feedback respondents: ${d.label.toLowerCase()}`} testId={`respondents-table-${d.code}`} />
            ))}
          </div>
        </details>
      ) : null}
      {filter ? <ReachComparisonPanel filter={filter} /> : null}
      {nothing ? null : (
        <p className="nhsuk-body-s">
          Small numbers are suppressed: “&lt;5” is 1 to 4 people, “*” is a number withheld so that a small one cannot be worked out,
          and “–” is a percentage not shown (see “About small numbers” above).
        </p>
      )}
    </section>
  );
}
