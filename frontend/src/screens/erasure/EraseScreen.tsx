// "Erase this person" (#/people/:id/erase) and "Erase this comment"
// (#/feedback/:id/erase?session=…): a lead's laptop only (lib/roles.ts canErase, as Go).
// The page loads what the erasure will destroy and keep (previewErasure), offers the
// open erasure requests of the register for a partner, and erases only once the lead
// has ticked "I understand that this cannot be undone" (an error summary otherwise).
// Afterwards it says what was done, with the local backups rewritten and deleted.
import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { BackLink, Button, SummaryList, WarningCallout } from 'nhsuk-react-components';
import { SelectField, SingleCheckbox } from '../../components/fields';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { LoadProblem, Loading, LoadingPage, PageHeading } from '../../components/PageHeading';
import { SummaryRow } from '../../components/SummaryRow';
import { useRole } from '../../components/Roles';
import { eraseContributor, eraseFeedback, getPrivacyRegister, previewErasure } from '../../lib/backend';
import { formatDate } from '../../lib/dates';
import { fieldErrorMap } from '../../lib/errors';
import { canErase } from '../../lib/roles';
import { useLoad } from '../../lib/useLoad';
import { useSubmit } from '../../lib/useSubmit';
import { ERASED_TEXT } from '../../lib/types';
import type { BackendError, ErasureResult, ErasureSummary, PrivacyRequestView, RefItem } from '../../lib/types';
import { whoAsked } from '../requests/RequestsScreen';

type Entity = 'contributor' | 'feedback';

/** The words that differ between erasing a partner and erasing a comment. */
const WORDS: Record<Entity, { caption: string; button: string; onlyLead: string; what: string }> = {
  contributor: {
    caption: 'Lived Experience Partner',
    button: 'Erase this person',
    onlyLead: 'Only a lead’s laptop can erase a Lived Experience Partner. Use your team’s lead laptop.',
    what: 'their details',
  },
  feedback: {
    caption: 'Feedback',
    button: 'Erase this comment',
    onlyLead: 'Only a lead’s laptop can erase a comment. Use your team’s lead laptop.',
    what: 'the comment’s words',
  },
};

export const CONFIRM_MESSAGE = 'Confirm that you understand this cannot be undone';

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** "Erase Priya Shah", or "Erase “The signs were…”" for a comment. */
export function eraseTitle(entity: Entity, title: string): string {
  return entity === 'feedback' ? `Erase “${title}”` : `Erase ${title}`;
}

/** What the backups line says before erasing. */
export function backupsBefore(n: number): string {
  if (n === 0) return 'There are no local backups on this laptop that hold these details.';
  return `${plural(n, 'local backup', 'local backups')} on this laptop will be rewritten without these details, or deleted.`;
}

/** The open erasure requests of the register: this partner's first. */
export function openErasureRequests(requests: PrivacyRequestView[], contributorId: string): PrivacyRequestView[] {
  const open = requests.filter((r) => r.requestType === 'erasure' && r.status === 'open');
  return [...open.filter((r) => r.contributorId === contributorId), ...open.filter((r) => r.contributorId !== contributorId)];
}

const requestItem = (r: PrivacyRequestView): RefItem => ({
  code: r.id,
  label: `Received ${formatDate(r.receivedOn)} from ${whoAsked(r) || 'someone not named'}, due by ${formatDate(r.dueBy)}`,
});

function RequestChoice({ contributorId, value, onChange }: { contributorId: string; value: string; onChange: (id: string) => void }) {
  const reg = useLoad(() => getPrivacyRegister(), []);
  const open = reg.data ? openErasureRequests(reg.data.requests, contributorId) : [];
  // the partner's own request, when there is exactly one, is chosen for the lead
  const chosen = useRef(false);
  useEffect(() => {
    if (chosen.current || !reg.data) return;
    chosen.current = true;
    const mine = openErasureRequests(reg.data.requests, contributorId).filter((r) => r.contributorId === contributorId);
    if (mine.length === 1) onChange(mine[0].id);
  }, [reg.data, contributorId, onChange]);
  if (reg.error) {
    return (
      <p className="nhsuk-body" data-testid="erase-register-problem">
        The register of requests could not be read: {reg.error.message} You can still erase, and record what was done in the
        register later.
      </p>
    );
  }
  if (!reg.data) return <Loading />;
  if (open.length === 0) {
    return (
      <p className="nhsuk-body" data-testid="erase-no-request">
        There is no open erasure request in the register. If they asked, <Link to="/requests/new">add their request</Link>{' '}
        first, or erase now and record it afterwards.
      </p>
    );
  }
  return (
    <SelectField
      name="requestId"
      label="Which request does this answer? (optional)"
      hint="The open erasure requests in the register of requests"
      items={open.map(requestItem)}
      value={value}
      onChange={onChange}
      blankLabel="None of these"
    />
  );
}

/** The confirmation after erasing: what was done, and the local backups. */
function Done({ entity, result, back, backLabel }: { entity: Entity; result: ErasureResult; back: string; backLabel: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  const s = result.summary;
  return (
    <div data-testid="erase-done">
      <div className="nhsuk-panel">
        <h1 className="nhsuk-panel__heading" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {entity === 'contributor' ? 'Lived Experience Partner erased' : 'Comment erased'}
        </h1>
        <div className="nhsuk-panel__body">
          {entity === 'contributor' ? `They are now “${s.pseudonym}”.` : `It now reads: ${ERASED_TEXT}`}
        </div>
      </div>
      <h2 className="nhsuk-heading-m">What was done</h2>
      <ul className="nhsuk-list nhsuk-list--bullet" data-testid="erase-done-destroyed">
        {s.destroyed.map((d) => (
          <li key={d}>Destroyed: {d}</li>
        ))}
      </ul>
      <p className="nhsuk-body">
        The other laptops and the server erase it too when this laptop next syncs.
        {result.erasure.requestId ? ' The erasure names the request it answers: mark the request done in the register.' : ''}
      </p>
      <h2 className="nhsuk-heading-m">Local backups</h2>
      {result.backupsRewritten.length === 0 && result.backupsDeleted.length === 0 ? (
        <p className="nhsuk-body" data-testid="erase-done-no-backups">
          No local backup on this laptop held these details.
        </p>
      ) : null}
      {result.backupsRewritten.length > 0 ? (
        <>
          <p className="nhsuk-body">Rewritten without these details:</p>
          <ul className="nhsuk-list nhsuk-list--bullet" data-testid="erase-done-rewritten">
            {result.backupsRewritten.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </>
      ) : null}
      {result.backupsDeleted.length > 0 ? (
        <>
          <p className="nhsuk-body">Deleted, because they could not be rewritten:</p>
          <ul className="nhsuk-list nhsuk-list--bullet" data-testid="erase-done-deleted">
            {result.backupsDeleted.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="nhsuk-body">
        Copies made outside Involve (a file you copied yourself, an export) are not changed: find and delete them too.
      </p>
      <p className="nhsuk-body">
        <Link to={back}>{backLabel}</Link>
      </p>
    </div>
  );
}

function Counts({ s }: { s: ErasureSummary }) {
  return (
    <SummaryList data-testid="erase-counts">
      <SummaryRow k={s.subjectEntity === 'contributor' ? 'Consent records' : 'Quote consent records'}>{String(s.consents)}</SummaryRow>
      {s.subjectEntity === 'contributor' ? <SummaryRow k="Time and payment entries">{String(s.timeEntries)}</SummaryRow> : null}
      {s.subjectEntity === 'feedback' ? <SummaryRow k="“You said” entries quoting it">{String(s.actions)}</SummaryRow> : null}
      <SummaryRow k="Sync conflicts about them">{String(s.conflicts)}</SummaryRow>
      <SummaryRow k="Local backups">{String(s.backups)}</SummaryRow>
    </SummaryList>
  );
}

interface Props {
  entity: Entity;
  id: string;
  back: string;
  backLabel: string;
}

function EraseConfirm({ entity, id, back, backLabel }: Props) {
  const { role, known } = useRole();
  const lead = canErase(role);
  const words = WORDS[entity];
  const preview = useLoad(() => (lead ? previewErasure(entity, id) : Promise.resolve(null)), [lead, entity, id]);
  const [understood, setUnderstood] = useState(false);
  const [requestId, setRequestId] = useState('');
  const [result, setResult] = useState<ErasureResult | null>(null);
  const { saving, error, setError, submit } = useSubmit();
  const backLink = (
    <BackLink asElement={Link} to={back}>
      Back
    </BackLink>
  );
  if (!known) return <LoadingPage title={words.button} />;
  if (!lead) {
    return (
      <>
        {backLink}
        <PageHeading caption={words.caption}>{words.button}</PageHeading>
        <p className="nhsuk-body" data-testid="erase-not-lead">
          {words.onlyLead}
        </p>
      </>
    );
  }
  if (result) return <Done entity={entity} result={result} back={back} backLabel={backLabel} />;
  if (preview.error && !preview.data) {
    return (
      <>
        {backLink}
        <LoadProblem title={words.button} message={preview.error.message} />
      </>
    );
  }
  const s = preview.data;
  if (!s) return <LoadingPage title={words.button} />;
  const errs = fieldErrorMap(error);
  const check = (): BackendError | null =>
    understood ? null : { code: 'invalid', message: CONFIRM_MESSAGE, fields: [{ field: 'confirm', message: CONFIRM_MESSAGE }] };
  const erase = submit(async () => {
    const r = entity === 'contributor' ? await eraseContributor(id, requestId) : await eraseFeedback(id);
    setError(null);
    setResult(r);
  }, check);
  return (
    <>
      {backLink}
      <PageHeading caption={words.caption}>{eraseTitle(entity, s.title)}</PageHeading>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <FormErrorSummary error={error} knownFields={['confirm', 'requestId']} />
          <WarningCallout data-testid="erase-warning">
            <WarningCallout.Heading headingLevel="h2">This cannot be undone</WarningCallout.Heading>
            <p>
              Erasing destroys {words.what} on this laptop now, and on every other laptop and on the server when this laptop
              next syncs.
              {entity === 'contributor' ? ` They will be shown as “${s.pseudonym}”.` : ''} Nobody can bring the erased
              details back, not even from this laptop’s backups.
            </p>
          </WarningCallout>
          <h2 className="nhsuk-heading-m">What will be destroyed</h2>
          <ul className="nhsuk-list nhsuk-list--bullet" data-testid="erase-destroyed">
            {s.destroyed.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
          <h2 className="nhsuk-heading-m">What will be kept, and why</h2>
          <ul className="nhsuk-list nhsuk-list--bullet" data-testid="erase-kept">
            {s.kept.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
          <h2 className="nhsuk-heading-m">Records affected</h2>
          <Counts s={s} />
          <p className="nhsuk-body" data-testid="erase-backups">
            {backupsBefore(s.backups)}
          </p>
          <form noValidate onSubmit={erase} data-testid="erase-form">
            {entity === 'contributor' ? <RequestChoice contributorId={id} value={requestId} onChange={setRequestId} /> : null}
            <SingleCheckbox
              name="confirm"
              legend="Confirm"
              label="I understand that this cannot be undone"
              checked={understood}
              onChange={setUnderstood}
              error={errs.confirm}
            />
            <div className="nhsuk-button-group">
              <Button type="submit" warning disabled={saving}>
                {words.button}
              </Button>
              <Link className="nhsuk-link" to={back}>
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}

/** #/people/:id/erase, from the partner's page or the records due for review (?from=due). */
export function ErasePersonScreen() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  return params.get('from') === 'due' ? (
    <EraseConfirm entity="contributor" id={id} back="/retention/due" backLabel="Back to records due for review" />
  ) : (
    <EraseConfirm entity="contributor" id={id} back={`/people/${id}`} backLabel="Back to the Lived Experience Partner" />
  );
}

/** #/feedback/:id/erase, from a session's feedback (?session=…) or the records due for review. */
export function EraseFeedbackScreen() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const session = params.get('session');
  return session ? (
    <EraseConfirm entity="feedback" id={id} back={`/sessions/${session}`} backLabel="Back to the session" />
  ) : (
    <EraseConfirm entity="feedback" id={id} back="/retention/due" backLabel="Back to records due for review" />
  );
}
