// #/people/:id: one Lived Experience Partner — details, time and payment log with
// totals, and consent records ("Withdraw consent", after a confirmation; "Record new
// consent" opens #/people/:id/consent/new). On a lead's laptop, "Everything about this
// person" writes the subject access files (an HTML page and a JSON file), and "Erase this
// person" opens #/people/:id/erase. An erased partner ("Erased contributor N") shows when
// they were erased and offers no edit, consent or time actions (Go refuses them).
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { BackLink, Button, InsetText, SummaryList, Tag, WarningCallout } from 'nhsuk-react-components';
import { ButtonLink } from '../../components/ButtonLink';
import { LoadProblem, Loading, PageHeading } from '../../components/PageHeading';
import { SummaryRow } from '../../components/SummaryRow';
import { exportSubjectAccess, getContributor, getLEPTotals, listConsents, listTimeEntries, withdrawConsent } from '../../lib/backend';
import { formatDate, formatDateTime } from '../../lib/dates';
import { toBackendError } from '../../lib/errors';
import { useDataChanged } from '../../lib/events';
import { useFlash } from '../../lib/flash';
import { useFocusAfter } from '../../lib/focus';
import { labelOf, labelsOf } from '../../lib/refdata';
import { useLoad } from '../../lib/useLoad';
import type { BackendError, Consent, PeopleReference, SubjectAccessResult } from '../../lib/types';
import { canAnswerSubjectAccess, canErase } from '../../lib/roles';
import { useRole } from '../../components/Roles';
import { daysToPay, duration, hoursPlain, pounds } from '../../lib/format';
import { usePeopleRef } from './usePeopleRef';
import { TableHead } from '../../components/TableHead';
import { ScrollTable } from '../../components/ScrollTable';

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

function ConsentItem({ c, pref, onWithdrawn, erased }: { c: Consent; pref: PeopleReference; onWithdrawn: () => void; erased: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const { showMessage } = useFlash();
  // Focus is never lost (WCAG 2.4.3): the question takes it when it opens, Cancel gives it
  // back to "Withdraw consent", and once withdrawn it goes to this consent record.
  const focusAfter = useFocusAfter();
  const card = useRef<HTMLLIElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLDivElement>(null);
  const confirmId = `withdraw-confirm-${c.id}`;
  const withdraw = async () => {
    setBusy(true);
    try {
      await withdrawConsent(c.id);
      showMessage('Consent withdrawn.');
      focusAfter(card);
      setConfirming(false);
      onWithdrawn();
    } catch (e) {
      setError(toBackendError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li ref={card} tabIndex={-1} className="nhsuk-card" data-testid="consent-item" data-consent-id={c.id}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          Consent given {formatDate(c.givenAt)}{' '}
          {c.withdrawnAt ? <Tag modifier="grey">Withdrawn</Tag> : <Tag modifier="green">Given</Tag>}
        </h3>
        <SummaryList>
          <SummaryRow k="Purposes">{labelsOf(pref.consentPurposes, c.purposes).join(', ')}</SummaryRow>
          <SummaryRow k="Lawful basis">{labelOf(pref.lawfulBases, c.lawfulBasis)}</SummaryRow>
          {c.specialCondition ? <SummaryRow k="Article 9 condition">{labelOf(pref.specialConditions, c.specialCondition)}</SummaryRow> : null}
          <SummaryRow k="Privacy notice">{c.noticeVersion}</SummaryRow>
          <SummaryRow k="How">{labelOf(pref.consentMethods, c.method)}</SummaryRow>
          <SummaryRow k="Given by">{c.erasedAt && !c.givenBy ? 'Erased' : c.givenBy}</SummaryRow>
          <SummaryRow k="Captured by">{c.erasedAt && !c.capturedBy ? 'Erased' : c.capturedBy}</SummaryRow>
          {c.withdrawnAt ? <SummaryRow k="Withdrawn">{`${formatDateTime(c.withdrawnAt)}${c.withdrawnBy ? ` (recorded by ${c.withdrawnBy})` : ''}`}</SummaryRow> : null}
        </SummaryList>
        {error ? (
          <p className="nhsuk-error-message" role="alert">
            {error.message}
          </p>
        ) : null}
        {!c.withdrawnAt && !erased && !confirming ? (
          <Button
            ref={opener}
            secondary
            onClick={() => {
              focusAfter(question);
              setConfirming(true);
            }}
          >
            Withdraw consent
          </Button>
        ) : null}
        {confirming ? (
          <div ref={question} tabIndex={-1} role="group" className="nhsuk-warning-callout" data-testid="withdraw-confirm" aria-labelledby={confirmId}>
            <h4 className="nhsuk-warning-callout__label" id={confirmId}>
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>Withdraw this consent?
              </span>
            </h4>
            <p>
              This cannot be undone. Their name and details will be hidden everywhere in Involve and in exports, and they
              will be shown as a number. Payments already logged are kept, because we must keep payment records.
            </p>
            <div className="nhsuk-button-group">
              <Button warning onClick={withdraw} disabled={busy}>
                Yes, withdraw consent
              </Button>
              <Button
                secondary
                onClick={() => {
                  focusAfter(opener);
                  setConfirming(false);
                }}
              >
                Cancel
              </Button>
            </div>
          </div>
        ) : null}
      </div>
    </li>
  );
}

// SubjectAccess is "Everything about this person": it asks for a folder, then writes
// every record about the partner as an HTML page and a JSON file (a lead's laptop).
function SubjectAccess({ id }: { id: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const [done, setDone] = useState<SubjectAccessResult | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await exportSubjectAccess(id);
      if (!r.cancelled) setDone(r);
    } catch (e) {
      setError(toBackendError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="subject-access-heading" data-testid="subject-access">
      <h2 className="nhsuk-heading-m" id="subject-access-heading">
        Subject access request
      </h2>
      <p className="nhsuk-body">
        If they ask for a copy of their data, this saves everything Involve holds about them (their details, consent
        records, time and payments, and the sessions they came to) as a page they can read and a file a computer can read.
        Answer within one calendar month.
      </p>
      <Button secondary onClick={run} disabled={busy}>
        Everything about this person
      </Button>
      {error ? (
        <p className="nhsuk-error-message" role="alert">
          {error.message}
        </p>
      ) : null}
      <div role="status">
        {done ? (
          <p className="nhsuk-body" data-testid="subject-access-done">
            Saved {done.consents} consent records, {done.timeEntries} time entries and {done.sessions} sessions in{' '}
            {done.folder}: {done.html} and {done.json}. These files hold personal data: send them only to this person.
          </p>
        ) : null}
      </div>
    </section>
  );
}

// EraseSection offers "Erase this person" (a lead's laptop): the confirmation page says
// what is destroyed and what kept before anything is done.
function EraseSection({ id }: { id: string }) {
  return (
    <section aria-labelledby="erase-heading" data-testid="erase-section">
      <h2 className="nhsuk-heading-m" id="erase-heading">
        Erase
      </h2>
      <p className="nhsuk-body">
        If they ask us to erase their data, this destroys their name, contact details and everything else that identifies
        them, on every laptop and on the server. Their payment records are kept under a number, because we must keep them
        for 6 years. You will see what is destroyed and what is kept before anything is done.
      </p>
      <ButtonLink to={`/people/${id}/erase`} warning>
        Erase this person
      </ButtonLink>
    </section>
  );
}

export function ContributorScreen() {
  const { id = '' } = useParams();
  const pref = usePeopleRef();
  const { role, known } = useRole();
  const c = useLoad(() => getContributor(id), [id]);
  const entries = useLoad(() => listTimeEntries(id), [id]);
  const consents = useLoad(() => listConsents(id), [id]);
  const totals = useLoad(() => getLEPTotals('', ''), [id]);
  const reload = () => {
    c.reload();
    entries.reload();
    consents.reload();
    totals.reload();
  };
  useDataChanged(reload, ['contributor', 'consent', 'time_entry']);

  if (c.error && !c.data) {
    return (
      <>
        <BackLink asElement={Link} to="/people">
          Back
        </BackLink>
        <LoadProblem title="Lived Experience Partner" message={c.error.message} />
      </>
    );
  }
  if (!c.data || !pref) return <Loading />;
  const p = c.data;
  const total = totals.data?.byContributor.find((t) => t.key === p.id);
  const erased = !!p.erasedAt;
  return (
    <>
      <BackLink asElement={Link} to="/people">
        Back to Lived Experience Partners
      </BackLink>
      <PageHeading caption="Lived Experience Partner">{p.withdrawn || erased ? p.pseudonym : p.name}</PageHeading>
      {erased ? (
        <InsetText data-testid="erased">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Erased on {formatDateTime(p.erasedAt)}. Their name and everything that identified them were destroyed, on every
            laptop and on the server. Their consent records and payment records are kept as “{p.pseudonym}”. Nothing about
            them can be changed or added.
          </p>
        </InsetText>
      ) : p.withdrawn ? (
        <WarningCallout data-testid="consent-withdrawn">
          <WarningCallout.Heading headingLevel="h2">Consent withdrawn</WarningCallout.Heading>
          <p>
            Their consent was withdrawn on {formatDateTime(p.consentWithdrawnAt)}. Their details are hidden and they are
            shown as “{p.pseudonym}”. We cannot contact them again or use their words or photos. Their payment records are
            kept. If they agree again, record new consent below.
          </p>
        </WarningCallout>
      ) : null}
      {!erased ? (
        <div className="nhsuk-button-group">
          <ButtonLink to={`/people/${p.id}/time/new`}>Log time</ButtonLink>
          {!p.withdrawn ? (
            <ButtonLink to={`/people/${p.id}/edit`} secondary>
              Edit details
            </ButtonLink>
          ) : null}
        </div>
      ) : null}
      <SummaryList data-testid="contributor-details">
        <SummaryRow k="Role">{p.role}</SummaryRow>
        {!p.withdrawn ? (
          <>
            <SummaryRow k="Contact preference">{labelOf(pref.contactPreferences, p.contactPreference)}</SummaryRow>
            <SummaryRow k="Contact details">{p.contactDetails ? <span className="app-pre-wrap">{p.contactDetails}</span> : ''}</SummaryRow>
            <SummaryRow k="Access needs">{p.accessNeeds ? <span className="app-pre-wrap">{p.accessNeeds}</span> : ''}</SummaryRow>
            <SummaryRow k="Lived experience">{p.livedExperience.join(', ')}</SummaryRow>
          </>
        ) : null}
        <SummaryRow k="Agreement">{[formatDate(p.agreementStart), formatDate(p.agreementEnd)].filter(Boolean).join(' to ')}</SummaryRow>
        <SummaryRow k="Payment">{p.declinesPayment ? 'Declines payment' : labelOf(pref.paymentRoutes, p.paymentPreference)}</SummaryRow>
        <SummaryRow k="Public-sector employee">{yesNo(p.publicSectorEmployee)}</SummaryRow>
        <SummaryRow k="Benefits advice offered">{yesNo(p.benefitsAdviceOffered)}</SummaryRow>
        <SummaryRow k="We may">
          {p.purposes.length ? labelsOf(pref.consentPurposes, p.purposes).join(', ') : 'Only pay them (consent withdrawn)'}
        </SummaryRow>
      </SummaryList>

      <h2 className="nhsuk-heading-m">Time and payments</h2>
      {total ? (
        <p className="nhsuk-body" data-testid="contributor-totals">
          {hoursPlain(total.minutes)} hours, {pounds(total.feesPence)} in fees, {pounds(total.expensesPence)} in expenses. Days
          from claim to payment: {daysToPay(total)}.
        </p>
      ) : null}
      {!entries.data ? (
        <Loading />
      ) : entries.data.length === 0 ? (
        <p className="nhsuk-body">No time logged yet.</p>
      ) : (
        <ScrollTable data-testid="time-log">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Time log</caption>
          <TableHead
            columns={[
              { label: 'Date' },
              { label: 'Session or task' },
              { label: 'Time' },
              { label: 'Fee', numeric: true },
              { label: 'Expenses', numeric: true },
              { label: 'Paid' },
              { label: 'Actions', hidden: true },
            ]}
          />
          <tbody className="nhsuk-table__body">
            {entries.data.map((e) => (
              <tr className="nhsuk-table__row" key={e.id} data-testid="time-entry" data-entry-id={e.id}>
                <td className="nhsuk-table__cell">{formatDate(e.date)}</td>
                <td className="nhsuk-table__cell">{[e.sessionTitle, e.task].filter(Boolean).join(': ')}</td>
                <td className="nhsuk-table__cell">{duration(e.minutes)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric" data-testid="entry-fee">
                  {pounds(e.feeDuePence)}
                  {e.feeOverridePence !== null ? ' (set by hand)' : ''}
                </td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{pounds(e.expensesPence)}</td>
                <td className="nhsuk-table__cell">{e.paidOn ? formatDate(e.paidOn) : e.claimedOn ? 'Claimed' : 'Not claimed'}</td>
                <td className="nhsuk-table__cell">
                  <Link to={`/people/${p.id}/time/${e.id}/edit`}>
                    Edit<span className="nhsuk-u-visually-hidden"> time on {formatDate(e.date)}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}

      <h2 className="nhsuk-heading-m">Consent</h2>
      {!erased ? (
        <ButtonLink to={`/people/${p.id}/consent/new`} secondary>
          Record new consent
        </ButtonLink>
      ) : null}
      {!consents.data ? (
        <Loading />
      ) : (
        <ul className="nhsuk-list" aria-label="Consent records">
          {consents.data.map((k) => (
            <ConsentItem key={k.id} c={k} pref={pref} onWithdrawn={reload} erased={erased} />
          ))}
        </ul>
      )}
      {known && canAnswerSubjectAccess(role) && !erased ? <SubjectAccess id={p.id} /> : null}
      {known && canErase(role) && !erased ? <EraseSection id={p.id} /> : null}
    </>
  );
}
