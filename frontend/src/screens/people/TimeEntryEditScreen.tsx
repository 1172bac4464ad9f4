// #/people/:id/time/new and #/people/:id/time/:entryId/edit: one line of the time and
// payment log. The fee is worked out by Go as the form is filled in (PreviewFee): the
// rate card in force on the date, for the unit; it can be set by hand with a reason.
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { InsetText } from 'nhsuk-react-components';
import { RadiosField, SelectField, SingleCheckbox, TextAreaField, TextField } from '../../components/fields';
import { DateField } from '../../components/DateField';
import { FormButtons } from '../../components/FormButtons';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { PassphraseNeeded } from '../../components/PassphraseNeeded';
import { LoadProblem, LoadingPage } from '../../components/PageHeading';
import { FormPage } from '../../components/FormPage';
import {
  createTimeEntry,
  getContributor,
  getTimeEntry,
  listProjects,
  listSessions,
  previewFee,
  updateTimeEntry,
} from '../../lib/backend';
import { formatDate, todayISO } from '../../lib/dates';
import { canApprovePayments, ONLY_LEAD_APPROVES } from '../../lib/roles';
import { useRole } from '../../components/Roles';
import { fieldErrorMap } from '../../lib/errors';
import { useFlash } from '../../lib/flash';
import { useLoad } from '../../lib/useLoad';
import { useSubmit } from '../../lib/useSubmit';
import type { FeePreview, PeopleReference, RefItem, TimeEntry, TimeEntryInput } from '../../lib/types';
import { duration, parsePounds, pounds, poundsInput } from '../../lib/format';
import { usePeopleRef } from './usePeopleRef';

export const TIME_FIELDS = [
  'projectId',
  'sessionId',
  'task',
  'date',
  'unit',
  'minutesPrep',
  'minutesAttend',
  'minutesFollowUp',
  'minutesTravel',
  'feeOverridePence',
  'overrideReason',
  'expensesPence',
  'receiptRef',
  'claimedOn',
  'approvedOn',
  'paidOn',
  'route',
] as const;

export const PREVIEW_DEBOUNCE_MS = 200;

export const emptyTimeEntry = (contributorId: string): TimeEntryInput => ({
  contributorId,
  projectId: '',
  sessionId: '',
  task: '',
  date: todayISO(),
  unit: 'hour',
  minutesPrep: 0,
  minutesAttend: 0,
  minutesFollowUp: 0,
  minutesTravel: 0,
  feeOverridePence: null,
  overrideReason: '',
  expensesPence: 0,
  receiptRef: '',
  claimedOn: '',
  approvedOn: '',
  paidOn: '',
  route: '',
});

export function timeInputOf(e: TimeEntry): TimeEntryInput {
  const out = emptyTimeEntry(e.contributorId);
  for (const k of Object.keys(out) as (keyof TimeEntryInput)[]) {
    (out as unknown as Record<string, unknown>)[k] = e[k] ?? out[k];
  }
  return out;
}

/** What the person typed: minutes and money as text until saved. */
interface Draft {
  v: TimeEntryInput;
  minutes: Record<'minutesPrep' | 'minutesAttend' | 'minutesFollowUp' | 'minutesTravel', string>;
  override: boolean;
  overrideText: string;
  expensesText: string;
}

const MINUTE_FIELDS = [
  ['minutesPrep', 'Preparation'],
  ['minutesAttend', 'Attending'],
  ['minutesFollowUp', 'Follow-up'],
  ['minutesTravel', 'Travel'],
] as const;

/** The draft as an input for Go, and any problems found before asking Go. */
function inputOf(d: Draft): { input: TimeEntryInput; problems: { field: string; message: string }[] } {
  const problems: { field: string; message: string }[] = [];
  const input = { ...d.v };
  for (const [k, label] of MINUTE_FIELDS) {
    const t = d.minutes[k].trim();
    if (t === '') input[k] = 0;
    else if (/^\d{1,5}$/.test(t)) input[k] = Number(t);
    else problems.push({ field: k, message: `${label} time must be a whole number of minutes, like 90` });
  }
  if (d.override) {
    const p = parsePounds(d.overrideText);
    if (p === null || d.overrideText.trim() === '') problems.push({ field: 'feeOverridePence', message: 'Enter the fee in pounds and pence, like 25.00' });
    input.feeOverridePence = p ?? 0;
  } else {
    input.feeOverridePence = null;
    input.overrideReason = '';
  }
  const ex = parsePounds(d.expensesText);
  if (ex === null) problems.push({ field: 'expensesPence', message: 'Enter the expenses in pounds and pence, like 12.40' });
  input.expensesPence = ex ?? 0;
  return { input, problems };
}

function FeePanel({ preview, override }: { preview: FeePreview | null; override: boolean }) {
  let body: string;
  if (!preview) body = 'Working out the fee…';
  else if (preview.declined) body = 'No fee: they decline payment.';
  else if (preview.problem) body = preview.problem;
  else if (preview.unit === 'hour') body = `Fee from the rate card: ${pounds(preview.feePence)} (${preview.rateTitle}, for ${duration(preview.minutes)}).`;
  else body = `Fee from the rate card: ${pounds(preview.feePence)} (${preview.rateTitle}).`;
  return (
    <div className="nhsuk-inset-text" data-testid="fee-preview" aria-live="polite">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p data-testid="fee-preview-text">{body}</p>
      {override && preview && !preview.declined ? <p>You are setting the fee by hand below.</p> : null}
    </div>
  );
}

/** Instead of the approval dates on a laptop that may not approve: the dates as they are, and why. */
function LeadOnlyPayment({ approvedOn, paidOn }: { approvedOn: string; paidOn: string }) {
  return (
    <div className="nhsuk-form-group" data-testid="payment-lead-only">
      <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">Approval and payment</h2>
      <p className="nhsuk-u-margin-bottom-2">
        Date approved: {approvedOn ? formatDate(approvedOn) : 'not approved yet'}. Date paid: {paidOn ? formatDate(paidOn) : 'not paid yet'}.
      </p>
      <InsetText>
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>{ONLY_LEAD_APPROVES}</p>
      </InsetText>
    </div>
  );
}

function TimeEntryForm({
  initial,
  pref,
  projects,
  sessions,
  onSubmit,
  cancelTo,
}: {
  initial: TimeEntryInput;
  pref: PeopleReference;
  projects: RefItem[];
  sessions: RefItem[];
  onSubmit: (input: TimeEntryInput) => Promise<unknown>;
  cancelTo: string;
}) {
  const [d, setD] = useState<Draft>(() => ({
    v: initial,
    minutes: {
      minutesPrep: initial.minutesPrep ? String(initial.minutesPrep) : '',
      minutesAttend: initial.minutesAttend ? String(initial.minutesAttend) : '',
      minutesFollowUp: initial.minutesFollowUp ? String(initial.minutesFollowUp) : '',
      minutesTravel: initial.minutesTravel ? String(initial.minutesTravel) : '',
    },
    override: initial.feeOverridePence !== null,
    overrideText: initial.feeOverridePence !== null ? poundsInput(initial.feeOverridePence) || '0.00' : '',
    expensesText: poundsInput(initial.expensesPence),
  }));
  const [preview, setPreview] = useState<FeePreview | null>(null);
  const { role } = useRole();
  const { saving, error, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const set = <K extends keyof TimeEntryInput>(k: K) => (value: TimeEntryInput[K]) => setD((o) => ({ ...o, v: { ...o.v, [k]: value } }));

  const { input, problems } = inputOf(d);
  const key = JSON.stringify(input);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      previewFee(JSON.parse(key) as TimeEntryInput)
        .then((p) => live && setPreview(p))
        .catch(() => live && setPreview(null));
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key]);

  const save = submit(
    () => onSubmit(input),
    () => (problems.length ? { code: 'invalid', message: 'There is a problem with the time entry', fields: problems } : null),
  );

  return (
    <>
      <PassphraseNeeded error={error} />
      <form noValidate onSubmit={save}>
        <FormErrorSummary error={error} knownFields={TIME_FIELDS} />
        <SelectField name="projectId" label="Project" items={projects} value={d.v.projectId} onChange={set('projectId')} error={errs.projectId} blankLabel="No project" />
        <SelectField name="sessionId" label="Session" items={sessions} value={d.v.sessionId} onChange={set('sessionId')} error={errs.sessionId} blankLabel="Not a session" />
        <TextField name="task" label="Task or activity" hint="What they did, if it was not a session, like “Reviewed the patient leaflet”" value={d.v.task} onChange={set('task')} error={errs.task} />
        <DateField name="date" label="Date of the work" value={d.v.date} onChange={set('date')} error={errs.date} />
        <RadiosField name="unit" legend="Paid by" items={pref.rateUnits} value={d.v.unit} onChange={set('unit')} error={errs.unit} small inline={false} />
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Time given, in minutes</legend>
          {MINUTE_FIELDS.map(([k, label]) => (
            <TextField
              key={k}
              name={k}
              label={label}
              width={4}
              inputMode="numeric"
              value={d.minutes[k]}
              onChange={(t) => setD((o) => ({ ...o, minutes: { ...o.minutes, [k]: t } }))}
              error={errs[k]}
            />
          ))}
        </fieldset>
        <FeePanel preview={preview} override={d.override} />
        <SingleCheckbox
          name="override"
          legend="Fee"
          label="Set the fee by hand"
          hint="For example an agreed flat fee. You must give a reason."
          checked={d.override}
          onChange={(on) => setD((o) => ({ ...o, override: on }))}
        />
        {d.override ? (
          <>
            <TextField
              name="feeOverridePence"
              label="Fee, in pounds"
              width={5}
              value={d.overrideText}
              onChange={(t) => setD((o) => ({ ...o, overrideText: t }))}
              error={errs.feeOverridePence}
            />
            <TextAreaField name="overrideReason" label="Why is the fee different from the rate card?" rows={2} value={d.v.overrideReason} onChange={set('overrideReason')} error={errs.overrideReason} />
          </>
        ) : null}
        <TextField
          name="expensesPence"
          label="Expenses, in pounds"
          hint="Travel, childcare or other costs they claimed"
          width={5}
          value={d.expensesText}
          onChange={(t) => setD((o) => ({ ...o, expensesText: t }))}
          error={errs.expensesPence}
        />
        <TextField name="receiptRef" label="Receipt reference" hint="Needed when there are expenses" width={20} value={d.v.receiptRef} onChange={set('receiptRef')} error={errs.receiptRef} />
        <DateField name="claimedOn" label="Date claimed" value={d.v.claimedOn} onChange={set('claimedOn')} error={errs.claimedOn} />
        {canApprovePayments(role) ? (
          <>
            <DateField name="approvedOn" label="Date approved" value={d.v.approvedOn} onChange={set('approvedOn')} error={errs.approvedOn} />
            <DateField name="paidOn" label="Date paid" value={d.v.paidOn} onChange={set('paidOn')} error={errs.paidOn} />
          </>
        ) : (
          <LeadOnlyPayment approvedOn={d.v.approvedOn} paidOn={d.v.paidOn} />
        )}
        <SelectField name="route" label="Payment route" items={pref.paymentRoutes} value={d.v.route} onChange={set('route')} error={errs.route} blankLabel="Their usual way" />
        <FormButtons label="Save time" saving={saving} cancelTo={cancelTo} />
      </form>
    </>
  );
}

export function TimeEntryEditScreen() {
  const { id = '', entryId } = useParams();
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const pref = usePeopleRef();
  const person = useLoad(() => getContributor(id), [id]);
  const entry = useLoad<TimeEntry | undefined>(() => (entryId ? getTimeEntry(entryId) : Promise.resolve(undefined)), [entryId]);
  const projects = useLoad(() => listProjects(), []);
  const sessions = useLoad(() => listSessions({ projectId: '', limit: 300 }), []);
  const title = entryId ? 'Edit time' : 'Log time';
  const back = `/people/${id}`;
  const err = person.error ?? entry.error;
  if (err) return <LoadProblem title={title} message={err.message} />;
  if (!pref || !person.data || entry.loading || !projects.data || !sessions.data) {
    return <LoadingPage title={title} />;
  }
  const initial = entry.data ? timeInputOf(entry.data) : emptyTimeEntry(id);
  const save = async (input: TimeEntryInput) => {
    if (entry.data) await updateTimeEntry(entry.data.id, initial, input);
    else await createTimeEntry(input);
    showMessage(entry.data ? 'Time saved.' : 'Time logged.');
    navigate(back);
  };
  const p = person.data;
  return (
    <FormPage back={back} title={title} caption={p.withdrawn ? p.pseudonym : p.name}>
      <TimeEntryForm
        initial={initial}
        pref={pref}
        projects={projects.data.map((x) => ({ code: x.id, label: x.name }))}
        sessions={sessions.data.map((s) => ({ code: s.id, label: `${s.title} (${formatDate(s.date)})` }))}
        onSubmit={save}
        cancelTo={back}
      />
    </FormPage>
  );
}
