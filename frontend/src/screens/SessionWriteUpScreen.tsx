// #/sessions/:id/write-up: a session's write-up — what it was for, who came, what
// was said and done (actions), outcomes it fed, and the reflections (what went well,
// what to improve), which are edited here (and "written up" set).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { BackLink, Button, SummaryList } from 'nhsuk-react-components';
import { ActionStatusTag, OverdueTag } from '../components/ActionTags';
import { SingleCheckbox, TextAreaField } from '../components/fields';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { LoadProblem, Loading, PageHeading, LoadingPage } from '../components/PageHeading';
import { SessionStatusTag } from '../components/SessionStatusTag';
import { getSession, listActions, listOutcomes, updateSession } from '../lib/backend';
import { formatDate } from '../lib/dates';
import { fieldErrorMap } from '../lib/errors';
import { useDataChanged } from '../lib/events';
import { useFlash } from '../lib/flash';
import { labelOf, useRefData } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import { useSubmit } from '../lib/useSubmit';
import type { Outcome, Session, SessionInput } from '../lib/types';
import { TableHead } from '../components/TableHead';
import { ScrollTable } from '../components/ScrollTable';

function inputOf(s: Session): SessionInput {
  const {
    projectId, title, date, startTime, endTime, type, mode, venue, borough, hostPartner, targetGroups, purpose,
    intendedOutcome, involvementLevel, engagementStage, standards, accessSupport, facilitators, lepsPresent, status,
    wentWell, toImprove, attendees, questionSets, noFft,
  } = s;
  return {
    projectId, title, date, startTime, endTime, type, mode, venue, borough, hostPartner, targetGroups, purpose,
    intendedOutcome, involvementLevel, engagementStage, standards, accessSupport, facilitators, lepsPresent, status,
    wentWell, toImprove, attendees, questionSets: questionSets ?? [], noFft: !!noFft,
  };
}

function Reflections({ s, onSaved }: { s: Session; onSaved: (s: Session) => void }) {
  const { showMessage } = useFlash();
  const [wentWell, setWentWell] = useState(s.wentWell);
  const [toImprove, setToImprove] = useState(s.toImprove);
  const [writtenUp, setWrittenUp] = useState(s.status === 'written_up');
  const { saving, error, setError, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const save = submit(async () => {
    const loaded = inputOf(s);
    const status = writtenUp ? 'written_up' : s.status === 'written_up' ? 'held' : s.status;
    const saved = await updateSession(s.id, loaded, { ...loaded, wentWell, toImprove, status });
    setError(null);
    showMessage('Write-up saved.');
    onSaved(saved);
  });
  return (
    <form noValidate onSubmit={save} data-testid="reflections-form">
      <FormErrorSummary error={error} knownFields={['wentWell', 'toImprove', 'status']} />
      <TextAreaField name="wentWell" label="What went well" rows={4} value={wentWell} onChange={setWentWell} error={errs.wentWell} />
      <TextAreaField name="toImprove" label="What could be improved" rows={4} value={toImprove} onChange={setToImprove} error={errs.toImprove} />
      <SingleCheckbox
        name="status"
        legend="Status"
        label="This session is written up"
        checked={writtenUp}
        onChange={setWrittenUp}
        error={errs.status}
      />
      <Button type="submit" disabled={saving}>
        Save write-up
      </Button>
    </form>
  );
}

export function SessionWriteUpScreen() {
  const { id = '' } = useParams();
  const ref = useRefData();
  const session = useLoad(() => getSession(id), [id]);
  const projectId = session.data?.projectId ?? '';
  const actions = useLoad(() => listActions({ sessionId: id }), [id]);
  const outcomes = useLoad<Outcome[]>(() => (projectId ? listOutcomes(projectId) : Promise.resolve([])), [projectId]);
  useDataChanged(() => {
    actions.reload();
    outcomes.reload();
  }, ['action', 'outcome']);

  if (session.error && !session.data) {
    return (
      <>
        <BackLink asElement={Link} to="/sessions">Back</BackLink>
        <LoadProblem title="Session write-up" message={session.error.message} />
      </>
    );
  }
  if (!session.data) {
    return <LoadingPage title="Session write-up" />;
  }
  const s = session.data;
  const fed = (outcomes.data ?? []).filter((o) => o.sessionIds.includes(s.id));
  const row = (k: string, v: string) => (
    <SummaryList.Row>
      <SummaryList.Key>{k}</SummaryList.Key>
      <SummaryList.Value>{v ? <span className="app-pre-wrap">{v}</span> : <span className="nhsuk-u-secondary-text-colour">Not recorded</span>}</SummaryList.Value>
    </SummaryList.Row>
  );
  return (
    <>
      <BackLink asElement={Link} to={`/sessions/${s.id}`}>
        Back to the session
      </BackLink>
      <PageHeading caption={`${s.title || 'Untitled session'}, ${formatDate(s.date)}`}>Write-up</PageHeading>
      <SummaryList data-testid="writeup-summary">
        {row('Type', labelOf(ref.sessionTypes, s.type))}
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>
            <SessionStatusTag status={s.status} />
          </SummaryList.Value>
        </SummaryList.Row>
        {row('Decision it informs', s.purpose)}
        {row('Intended outcome', s.intendedOutcome)}
        {row('Level of involvement', labelOf(ref.involvementLevels, s.involvementLevel))}
        {row('People reached', s.attendees > 0 ? String(s.attendees) : '')}
        {row('Feedback items', String(s.feedbackCount ?? 0))}
      </SummaryList>

      <h2 className="nhsuk-heading-m">You said, we did</h2>
      {!actions.data ? (
        <Loading />
      ) : actions.data.length === 0 ? (
        <p>No actions yet. Tick feedback on the session page and choose “Create action from selected”.</p>
      ) : (
        <ScrollTable data-testid="writeup-actions">
          <caption className="nhsuk-u-visually-hidden">Actions for this session</caption>
          <TableHead columns={[{ label: 'You said' }, { label: 'We did' }, { label: 'Status' }]} />
          <tbody className="nhsuk-table__body">
            {actions.data.map((a) => (
              <tr key={a.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell app-pre-wrap">
                  <Link to={`/actions/${a.id}/edit?back=/sessions/${s.id}/write-up`}>{a.youSaid}</Link>
                </td>
                <td className="nhsuk-table__cell app-pre-wrap">{a.weDid || '–'}</td>
                <td className="nhsuk-table__cell">
                  {a.overdue ? <OverdueTag /> : null} <ActionStatusTag status={a.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}

      {fed.length > 0 ? (
        <>
          <h2 className="nhsuk-heading-m">Outcomes it fed</h2>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {fed.map((o) => (
              <li key={o.id}>
                {o.description} ({labelOf(ref.impactMagnitudes, o.magnitude)})
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 className="nhsuk-heading-m">Reflections</h2>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <Reflections key={`${s.id}-${s.rev}`} s={s} onSaved={(saved) => session.setData(() => saved)} />
        </div>
      </div>
      {s.projectId ? (
        <p>
          <Link to={`/projects/${s.projectId}/write-up`}>Project write-up (GRIPP2)</Link>
        </p>
      ) : null}
    </>
  );
}
