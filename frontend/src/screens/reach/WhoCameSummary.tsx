// The session page's "Who came" section: the totals so far and the way to the tally
// screen (#/sessions/:id/reach).
import { SummaryList } from 'nhsuk-react-components';
import { ButtonLink } from '../../components/ButtonLink';
import { getSessionReach } from '../../lib/backend';
import { useDataChanged } from '../../lib/events';
import { num } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';

export function WhoCameSummary({ sessionId }: { sessionId: string }) {
  const reach = useLoad(() => getSessionReach(sessionId), [sessionId]);
  useDataChanged(() => reach.reload(), ['session', 'tally', 'attendee', '']);
  const r = reach.data;
  const counted = r ? r.reach.dimensions.filter((d) => d.code !== 'ethnicGroup' && d.total > 0 && d.categories.some((c) => c.code !== '' && c.n > 0)).length : 0;
  return (
    <section aria-labelledby="who-came-heading" data-testid="who-came">
      <h2 className="nhsuk-heading-m" id="who-came-heading">
        Who came
      </h2>
      {reach.error ? <p className="nhsuk-error-message">{reach.error.message}</p> : null}
      {r ? (
        <SummaryList>
          <SummaryList.Row>
            <SummaryList.Key>Total attendees</SummaryList.Key>
            <SummaryList.Value>{r.attendees > 0 ? num(r.attendees) : <span className="nhsuk-u-secondary-text-colour">Not recorded</span>}</SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Forms returned</SummaryList.Key>
            <SummaryList.Value>{num(r.tally.formsReturned ?? 0)}</SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Attendee profiles</SummaryList.Key>
            <SummaryList.Value>{num(r.profiles.length)}</SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Questions counted</SummaryList.Key>
            <SummaryList.Value>{counted > 0 ? num(counted) : 'None yet'}</SummaryList.Value>
          </SummaryList.Row>
        </SummaryList>
      ) : null}
      {r && r.warnings.length > 0 ? (
        <p className="nhsuk-body-s" data-testid="who-came-warning">
          <strong>Check the counts:</strong> {r.warnings[0].message}
          {r.warnings.length > 1 ? ` (and ${num(r.warnings.length - 1)} more)` : ''}.
        </p>
      ) : null}
      <ButtonLink to={`/sessions/${sessionId}/reach`} secondary>
        Record who came
      </ButtonLink>
    </section>
  );
}
