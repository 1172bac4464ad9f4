// #/standards: the self-assessment against the six UK Standards for Public Involvement
// over time (rows: the standards; columns: the assessments by date, oldest first; each
// cell a tag with the word, never colour alone), every assessment newest first, and for
// a lead the way to assess again. Staff read it, with a sentence saying who rates.
import { useState } from 'react';
import { Link } from 'react-router';
import { BackLink } from 'nhsuk-react-components';
import { ButtonLink } from '../../components/ButtonLink';
import { SelectField } from '../../components/fields';
import { LoadProblem, Loading, PageHeading } from '../../components/PageHeading';
import { useRole } from '../../components/Roles';
import { ScrollTable } from '../../components/ScrollTable';
import { listProjects, listStandardsAssessments } from '../../lib/backend';
import { formatDate } from '../../lib/dates';
import { canAssessStandards, ONLY_LEAD_STANDARDS, ratingLabel, ratingTagClass, SCOPE_TEAM } from '../../lib/standards';
import type { StandardRating } from '../../lib/standards';
import type { RefItem } from '../../lib/types';
import { useLoad } from '../../lib/useLoad';

const TITLE = 'UK Standards self-assessment';

/** "2 green, 3 amber, 1 not rated": an assessment in a few words. */
export function ratingsSummary(ratings: StandardRating[]): string {
  const order = ['green', 'amber', 'red', 'not_rated'];
  return order
    .map((code) => [code, ratings.filter((r) => r.rating === code).length] as const)
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${n} ${ratingLabel(code).toLowerCase()}`)
    .join(', ');
}

export function RatingTag({ rating }: { rating: string }) {
  return <strong className={ratingTagClass(rating)}>{ratingLabel(rating)}</strong>;
}

export function StandardsScreen() {
  const [scope, setScope] = useState(SCOPE_TEAM);
  const data = useLoad(() => listStandardsAssessments(scope), [scope]);
  const projects = useLoad(() => listProjects(), []);
  const { role, known } = useRole();

  if (data.error && !data.data) return <LoadProblem title={TITLE} message={data.error.message} />;
  if (!data.data || !known) return <Loading />;
  const { assessments, overTime } = data.data;
  const scopes: RefItem[] = [
    { code: SCOPE_TEAM, label: 'The whole team' },
    ...(projects.data ?? []).map((p) => ({ code: p.id, label: p.name })),
  ];
  return (
    <>
      <BackLink asElement={Link} to="/reports">
        Back to reports
      </BackLink>
      <PageHeading>{TITLE}</PageHeading>
      <p>
        The six UK Standards for Public Involvement say what good involvement looks like. Your team’s lead rates each
        one red, amber or green, with the evidence. Each assessment is kept, so you can see the change over time.
      </p>
      {canAssessStandards(role) ? (
        <div className="nhsuk-button-group">
          <ButtonLink to="/standards/new">Assess against the standards</ButtonLink>
        </div>
      ) : (
        <p data-testid="standards-read-only">{ONLY_LEAD_STANDARDS}</p>
      )}

      <h2 className="nhsuk-heading-m">Over time</h2>
      <SelectField name="scope" label="Show the ratings of" items={scopes} value={scope} onChange={setScope} />
      {overTime.assessments.length === 0 ? (
        <p data-testid="standards-none">{overTime.scopeName} has not been assessed yet.</p>
      ) : (
        <ScrollTable data-testid="standards-over-time">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            Ratings over time: {overTime.scopeName}, oldest
            assessment first
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Standard</th>
              {overTime.assessments.map((d, i) => (
                <th scope="col" key={`${d}-${i}`}>
                  {formatDate(d)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {overTime.standards.map((row) => (
              <tr key={row.code}>
                <th scope="row">
                  {row.code}. {row.name}
                </th>
                {row.ratings.map((c) => (
                  <td key={c.assessmentId}>
                    <RatingTag rating={c.rating} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}

      <h2 className="nhsuk-heading-m">Every assessment</h2>
      {assessments.length === 0 ? (
        <p>No assessments yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border" data-testid="standards-list">
          {assessments.map(({ assessment: a, scopeName }) => (
            <li key={a.id}>
              <Link to={`/standards/${a.id}`}>
                {formatDate(a.assessedOn)}: {scopeName}
              </Link>
              <br />
              <span className="nhsuk-body-s">{ratingsSummary(a.ratings)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
