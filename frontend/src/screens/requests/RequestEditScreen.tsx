// #/requests/new and #/requests/:id/edit: one entry of the register of information-rights
// requests (a lead's laptop). The due date is shown as it is worked out: one calendar
// month after the day received (the same date next month, or that month's last day),
// extended by up to two further months with a reason.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { InsetText } from 'nhsuk-react-components';
import { FormPage } from '../../components/FormPage';
import { FormButtons } from '../../components/FormButtons';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { LoadProblem, LoadingPage } from '../../components/PageHeading';
import { RadiosField, SelectField, TextAreaField, TextField } from '../../components/fields';
import { DateField } from '../../components/DateField';
import { createPrivacyRequest, getPrivacyRegister, getPrivacyRequest, listContributors, updatePrivacyRequest } from '../../lib/backend';
import { fieldErrorMap } from '../../lib/errors';
import { formatDate } from '../../lib/dates';
import { useFlash } from '../../lib/flash';
import { useLoad } from '../../lib/useLoad';
import { useSubmit } from '../../lib/useSubmit';
import type { ContributorView, PrivacyRegister, PrivacyRequest, RefItem } from '../../lib/types';

export const REQUEST_FIELDS = [
  'requestType',
  'receivedOn',
  'receivedVia',
  'contributorId',
  'requester',
  'extendedMonths',
  'extensionReason',
  'status',
  'doneOn',
  'doneBy',
  'actionTaken',
  'refusalReason',
] as const;

const noMeta = { id: '', createdAt: '', updatedAt: '', createdBy: '', deviceId: '', rev: 0 };

export function emptyRequest(): PrivacyRequest {
  return {
    ...noMeta,
    requestType: '',
    receivedOn: '',
    receivedVia: '',
    contributorId: '',
    requester: '',
    extendedMonths: 0,
    extensionReason: '',
    status: 'open',
    doneOn: '',
    doneBy: '',
    actionTaken: '',
    refusalReason: '',
  };
}

/** The request's own fields (a view from Go carries more). */
function requestOf(r: PrivacyRequest): PrivacyRequest {
  const out = emptyRequest();
  for (const k of Object.keys(out) as (keyof PrivacyRequest)[]) (out as unknown as Record<string, unknown>)[k] = r[k] ?? out[k];
  return out;
}

/**
 * The date n calendar months after ymd (YYYY-MM-DD), by the ICO's rule: the same date in
 * that month, or its last day when it has none. "" when ymd is not a date. The same rule
 * as Go's involve.MonthsAfter, which decides.
 */
export function monthsAfter(ymd: string, n: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return '';
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  const d = Number(m[3]);
  const check = new Date(Date.UTC(y, mo, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo || check.getUTCDate() !== d) return '';
  const target = new Date(Date.UTC(y, mo + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${target.getUTCFullYear()}-${pad(target.getUTCMonth() + 1)}-${pad(day)}`;
}

const EXTENSIONS: RefItem[] = [
  { code: '0', label: 'No extension' },
  { code: '1', label: '1 more month' },
  { code: '2', label: '2 more months' },
];

interface FormProps {
  initial: PrivacyRequest;
  reg: PrivacyRegister;
  partners: ContributorView[];
  onSubmit: (r: PrivacyRequest) => Promise<unknown>;
}

export function RequestForm({ initial, reg, partners, onSubmit }: FormProps) {
  const [v, setV] = useState<PrivacyRequest>(initial);
  const { saving, error, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const set =
    <K extends keyof PrivacyRequest>(k: K) =>
    (value: PrivacyRequest[K]) =>
      setV((old) => ({ ...old, [k]: value }));
  const due = monthsAfter(v.receivedOn, 1 + v.extendedMonths);
  const partnerItems = partners.map((c) => ({ code: c.id, label: c.withdrawn ? c.pseudonym : `${c.name} (${c.pseudonym})` }));
  if (v.contributorId && !partnerItems.some((i) => i.code === v.contributorId)) {
    partnerItems.push({ code: v.contributorId, label: 'A partner not on this laptop' });
  }
  const closed = v.status === 'done' || v.status === 'refused';
  const save = () => onSubmit(v.status === 'open' ? { ...v, doneOn: '' } : v);

  return (
    <form noValidate onSubmit={submit(save)} data-testid="request-form">
      <FormErrorSummary error={error} knownFields={REQUEST_FIELDS} />
      <RadiosField name="requestType" legend="What was asked for?" items={reg.types} value={v.requestType} onChange={set('requestType')} error={errs.requestType} small />
      <DateField name="receivedOn" label="Date received" hint="The day the request reached your organisation" value={v.receivedOn} onChange={set('receivedOn')} error={errs.receivedOn} />
      <RadiosField name="receivedVia" legend="How was it received?" items={reg.channels} value={v.receivedVia} onChange={set('receivedVia')} error={errs.receivedVia} inline small />
      <SelectField
        name="contributorId"
        label="Lived Experience Partner who asked"
        hint="Leave as “Not a partner” if someone else asked"
        items={partnerItems}
        blankLabel="Not a partner"
        value={v.contributorId}
        onChange={set('contributorId')}
        error={errs.contributorId}
      />
      <TextField
        name="requester"
        label="Who asked, if not a partner"
        hint="A few words, for example “A carer, by letter”. Kept sealed on this laptop."
        value={v.requester}
        onChange={set('requester')}
        error={errs.requester}
      />
      <RadiosField
        name="extendedMonths"
        legend="Has the time to answer been extended?"
        hint="By up to two further months, when the request is complex or one of many"
        items={EXTENSIONS}
        value={String(v.extendedMonths)}
        onChange={(c) => set('extendedMonths')(Number(c))}
        error={errs.extendedMonths}
        inline
        small
      />
      {v.extendedMonths > 0 ? (
        <TextAreaField name="extensionReason" label="Why was it extended?" value={v.extensionReason} onChange={set('extensionReason')} error={errs.extensionReason} />
      ) : null}
      {due ? (
        <InsetText data-testid="due-by">
          <p>
            Due by <strong>{formatDate(due)}</strong>
            {v.extendedMonths > 0 ? ` (extended by ${v.extendedMonths} month${v.extendedMonths > 1 ? 's' : ''})` : ''}.
          </p>
        </InsetText>
      ) : null}
      <RadiosField name="status" legend="Status" items={reg.statuses} value={v.status} onChange={set('status')} error={errs.status} inline small />
      {closed ? (
        <>
          <DateField name="doneOn" label={v.status === 'refused' ? 'Date refused' : 'Date done'} value={v.doneOn} onChange={set('doneOn')} error={errs.doneOn} />
          <TextField name="doneBy" label="Dealt with by" value={v.doneBy} onChange={set('doneBy')} error={errs.doneBy} />
        </>
      ) : null}
      {v.status === 'done' ? (
        <TextAreaField
          name="actionTaken"
          label="What was done"
          hint="For example “Copy of their records sent by secure email”. Never copy the erased content here."
          value={v.actionTaken}
          onChange={set('actionTaken')}
          error={errs.actionTaken}
        />
      ) : null}
      {v.status === 'refused' ? (
        <TextAreaField name="refusalReason" label="Why was it refused?" value={v.refusalReason} onChange={set('refusalReason')} error={errs.refusalReason} />
      ) : null}
      <FormButtons label="Save request" saving={saving} cancelTo="/requests" />
    </form>
  );
}

export function RequestEditScreen() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const reg = useLoad(() => getPrivacyRegister(), []);
  const partners = useLoad(() => listContributors(), []);
  const req = useLoad(() => (id ? getPrivacyRequest(id) : Promise.resolve(undefined)), [id]);
  const title = id ? 'Edit request' : 'Add a request';
  const err = reg.error ?? req.error ?? partners.error;
  if (err) return <LoadProblem title={title} message={err.message} />;
  if (!reg.data || !partners.data || req.loading) return <LoadingPage title={title} />;
  const initial = req.data ? requestOf(req.data) : emptyRequest();
  const save = async (edited: PrivacyRequest) => {
    if (req.data) await updatePrivacyRequest(req.data.id, initial, edited);
    else await createPrivacyRequest(edited);
    showMessage(req.data ? 'Request saved.' : 'Request added to the register.');
    navigate('/requests');
  };
  return (
    <FormPage back="/requests" title={title} caption="Register of requests">
      <RequestForm initial={initial} reg={reg.data} partners={partners.data} onSubmit={save} />
    </FormPage>
  );
}
