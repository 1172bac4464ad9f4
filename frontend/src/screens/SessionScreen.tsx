// One session: actions, autosaving notes, details, and its feedback (newest first).
// #/sessions/:id?feedback=:fid scrolls to and highlights one feedback item.
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { BackLink, Button, SummaryList } from 'nhsuk-react-components';
import { ButtonLink } from '../components/ButtonLink';
import { FeedbackList, newestFirst } from '../components/FeedbackList';
import { NotesEditor } from '../components/NotesEditor';
import { WhoCameSummary } from './reach/WhoCameSummary';
import { SessionActions } from '../components/SessionActions';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { SessionStatusTag } from '../components/SessionStatusTag';
import { deleteFeedback, deleteSession, getSession, listFeedback, listThemes, restoreFeedback, restoreSession } from '../lib/backend';
import { formatDate, formatTimeRange } from '../lib/dates';
import { toBackendError } from '../lib/errors';
import { useDataChanged } from '../lib/events';
import { useFlash } from '../lib/flash';
import { labelOf, labelsOf, useRefData } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import { KioskLeftNotice } from '../kiosk/KioskLeftNotice';
import type { BackendError, Feedback, Session, Theme } from '../lib/types';

function Row({ k, children }: { k: string; children: ReactNode }) {
  const empty = children === '' || children === null || children === undefined || (Array.isArray(children) && children.length === 0);
  return (
    <SummaryList.Row>
      <SummaryList.Key>{k}</SummaryList.Key>
      <SummaryList.Value>{empty ? <span className="nhsuk-u-secondary-text-colour">Not recorded</span> : children}</SummaryList.Value>
    </SummaryList.Row>
  );
}

function SessionDetails({ s }: { s: Session }) {
  const ref = useRefData();
  const list = (labels: string[]) => (labels.length ? labels.join(', ') : '');
  return (
    <SummaryList data-testid="session-summary">
      <Row k="Date">{formatDate(s.date)}</Row>
      <Row k="Time">{formatTimeRange(s.startTime, s.endTime)}</Row>
      <Row k="Project">{s.projectId ? <Link to={`/projects/${s.projectId}`}>{s.projectName || 'Project'}</Link> : 'No project'}</Row>
      <Row k="Type">{labelOf(ref.sessionTypes, s.type)}</Row>
      <Row k="How it is held">{labelOf(ref.sessionModes, s.mode)}</Row>
      <Row k="Status">{s.status ? <SessionStatusTag status={s.status} /> : ''}</Row>
      <Row k="Venue">{s.venue}</Row>
      <Row k="Borough">{labelOf(ref.boroughs, s.borough)}</Row>
      <Row k="Host partner">{s.hostPartner}</Row>
      <Row k="Who it is for">{s.targetGroups}</Row>
      <Row k="Decision it informs">{s.purpose ? <span className="app-pre-wrap">{s.purpose}</span> : ''}</Row>
      <Row k="Intended outcome">{s.intendedOutcome ? <span className="app-pre-wrap">{s.intendedOutcome}</span> : ''}</Row>
      <Row k="Level of involvement">{labelOf(ref.involvementLevels, s.involvementLevel)}</Row>
      <Row k="Stage of the project">{labelOf(ref.engagementStages, s.engagementStage)}</Row>
      <Row k="UK Standards">{list(labelsOf(ref.standards, s.standards))}</Row>
      <Row k="Access support">{list(labelsOf(ref.accessSupport, s.accessSupport))}</Row>
      <Row k="Facilitators">{s.facilitators}</Row>
      <Row k="Lived Experience Partners">{s.lepsPresent}</Row>
      <Row k="Total attendees">{s.attendees > 0 ? String(s.attendees) : ''}</Row>
      <Row k="What went well">{s.wentWell ? <span className="app-pre-wrap">{s.wentWell}</span> : ''}</Row>
      <Row k="What to improve">{s.toImprove ? <span className="app-pre-wrap">{s.toImprove}</span> : ''}</Row>
    </SummaryList>
  );
}

export function SessionScreen() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const highlightId = params.get('feedback');
  const navigate = useNavigate();
  const { showUndo } = useFlash();
  const [actionError, setActionError] = useState<BackendError | null>(null);

  const session = useLoad<Session>(() => getSession(id), [id]);
  const feedback = useLoad<Feedback[]>(() => listFeedback(id).then(newestFirst), [id]);
  const themes = useLoad<Theme[]>(() => listThemes(true), []);

  useDataChanged((e) => {
    if (e.entity === 'theme') themes.reload();
    else if (e.entity === 'feedback') feedback.reload();
    else if (e.entity === 'session') session.reload();
    else {
      session.reload();
      feedback.reload();
    }
  });

  if (session.error && !session.data) {
    return (
      <>
        <BackLink asElement={Link} to="/">Back</BackLink>
        <LoadProblem title="Session" message={session.error.code === 'not_found' ? 'This session no longer exists. It may have been deleted.' : session.error.message} />
      </>
    );
  }
  if (!session.data) {
    return (
      <>
        <PageHeading>Session</PageHeading>
        <Loading />
      </>
    );
  }
  const s = session.data;

  const onDeleteSession = async () => {
    setActionError(null);
    try {
      await deleteSession(s.id);
      showUndo(
        `Session “${s.title || 'Untitled session'}” deleted.`,
        async () => {
          await restoreSession(s.id);
          return `/sessions/${s.id}`;
        },
        'Session restored.',
      );
      navigate('/');
    } catch (e) {
      setActionError(toBackendError(e));
    }
  };

  const onDeleteFeedback = async (f: Feedback) => {
    setActionError(null);
    try {
      await deleteFeedback(f.id);
      feedback.setData((old) => old?.filter((x) => x.id !== f.id));
      showUndo(
        'Feedback deleted.',
        async () => {
          await restoreFeedback(f.id);
          feedback.reload();
        },
        'Feedback restored.',
      );
    } catch (e) {
      setActionError(toBackendError(e));
    }
  };

  const items = feedback.data ?? [];
  return (
    <>
      <BackLink asElement={Link} to="/">
        Back
      </BackLink>
      <PageHeading caption={formatDate(s.date)}>{s.title || 'Untitled session'}</PageHeading>
      <KioskLeftNotice session={s} onChanged={(changed) => session.setData(() => changed)} />

      {actionError ? (
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title">There is a problem</h2>
          <div className="nhsuk-error-summary__body">
            <p>{actionError.message}</p>
          </div>
        </div>
      ) : null}

      <div className="nhsuk-button-group" data-testid="session-actions">
        <ButtonLink to={`/sessions/${s.id}/quick`}>Quick capture</ButtonLink>
        <ButtonLink to={`/sessions/${s.id}/feedback/new`} secondary>
          Add feedback
        </ButtonLink>
        <ButtonLink to={`/sessions/${s.id}/edit`} secondary>
          Edit
        </ButtonLink>
        <ButtonLink to={`/sessions/${s.id}/kiosk`} secondary>
          Start kiosk mode
        </ButtonLink>
        <Button type="button" warning onClick={() => void onDeleteSession()}>
          Delete <span className="nhsuk-u-visually-hidden">the session “{s.title || 'Untitled session'}”</span>
        </Button>
      </div>

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <NotesEditor key={s.id} sessionId={s.id} initialNotes={s.notes} notesUpdatedAt={s.notesUpdatedAt} />
        </div>
      </div>

      <WhoCameSummary sessionId={s.id} />

      <h2 className="nhsuk-heading-m" id="feedback-heading">
        Feedback ({items.length})
      </h2>
      {feedback.error ? <p className="nhsuk-error-message">{feedback.error.message}</p> : null}
      {!feedback.data && !feedback.error ? <Loading /> : null}
      {feedback.data && items.length === 0 ? <p>No feedback yet. Use Quick capture at a stall, or Add feedback.</p> : null}
      {items.length > 0 ? (
        <FeedbackList
          label="Feedback for this session"
          items={items}
          themes={themes.data ?? []}
          highlightId={highlightId}
          onDelete={(f) => void onDeleteFeedback(f)}
          editTo={(f) => `/sessions/${s.id}/feedback/${f.id}/edit`}
        />
      ) : null}

      <SessionActions sessionId={s.id} feedback={items} />

      <h2 className="nhsuk-heading-m">Session details</h2>
      <SessionDetails s={s} />
    </>
  );
}
