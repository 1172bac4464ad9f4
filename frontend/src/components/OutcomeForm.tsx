// Create/edit form of an outcome (impact) of a project, linked to its sessions and
// actions.
import { useState } from 'react';
import { CheckboxesField, RadiosField, SingleCheckbox, TextAreaField, TextField } from './fields';
import { DateField } from './DateField';
import { FormButtons } from './FormButtons';
import { FormErrorSummary } from './FormErrorSummary';
import { fieldErrorMap } from '../lib/errors';
import { useSubmit } from '../lib/useSubmit';
import { formatDate } from '../lib/dates';
import type { ActionView, Outcome, ReferenceData, SessionSummary } from '../lib/types';

export const OUTCOME_FIELDS = [
  'description',
  'impactOn',
  'direction',
  'intended',
  'magnitude',
  'date',
  'evidence',
  'evidenceLink',
  'contributorView',
  'staffView',
  'standards',
  'sessionIds',
  'actionIds',
] as const;

const noMeta = { id: '', createdAt: '', updatedAt: '', createdBy: '', deviceId: '', rev: 0 };

export function emptyOutcome(projectId: string): Outcome {
  return {
    ...noMeta,
    projectId,
    sessionIds: [],
    actionIds: [],
    description: '',
    impactOn: [],
    direction: '',
    intended: false,
    magnitude: '',
    evidence: '',
    evidenceLink: '',
    contributorView: '',
    staffView: '',
    standards: [],
    date: '',
  };
}

export function outcomeOf(o: Outcome): Outcome {
  return { ...emptyOutcome(o.projectId), ...o, deletedAt: undefined };
}

interface Props {
  initial: Outcome;
  refData: ReferenceData;
  sessions: SessionSummary[];
  actions: ActionView[];
  onSubmit: (o: Outcome) => Promise<unknown>;
  cancelTo: string;
}

export function OutcomeForm({ initial, refData, sessions, actions, onSubmit, cancelTo }: Props) {
  const [v, setV] = useState<Outcome>(initial);
  const { saving, error, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const set =
    <K extends keyof Outcome>(k: K) =>
    (value: Outcome[K]) =>
      setV((old) => ({ ...old, [k]: value }));

  const sessionItems = sessions.map((s) => ({ code: s.id, label: `${s.title || 'Untitled session'} (${formatDate(s.date)})` }));
  const actionItems = actions.map((a) => ({ code: a.id, label: a.youSaid.split('\n')[0] || 'Action' }));
  // Links to records this project no longer lists stay (soft links), named as such.
  for (const id of v.sessionIds) if (!sessionItems.some((i) => i.code === id)) sessionItems.push({ code: id, label: 'Session no longer available' });
  for (const id of v.actionIds) if (!actionItems.some((i) => i.code === id)) actionItems.push({ code: id, label: 'Action no longer available' });

  return (
    <form noValidate onSubmit={submit(() => onSubmit(v))} data-testid="outcome-form">
      <FormErrorSummary error={error} knownFields={OUTCOME_FIELDS} />
      <TextAreaField name="description" label="What changed" hint="The outcome or impact, in plain words" rows={4} value={v.description} onChange={set('description')} error={errs.description} />
      <CheckboxesField name="impactOn" legend="Impact on" hint="Select all that apply" items={refData.impactAreas} values={v.impactOn} onChange={set('impactOn')} error={errs.impactOn} small />
      <RadiosField name="direction" legend="Was the impact positive or negative?" items={refData.impactDirections} value={v.direction} onChange={set('direction')} error={errs.direction} inline small />
      <RadiosField name="magnitude" legend="How big was the impact?" items={refData.impactMagnitudes} value={v.magnitude} onChange={set('magnitude')} error={errs.magnitude} small />
      <SingleCheckbox name="intended" legend="Intended" label="This was an intended outcome" checked={v.intended} onChange={set('intended')} error={errs.intended} />
      <DateField name="date" label="Date (optional)" value={v.date} onChange={set('date')} error={errs.date} />
      <TextAreaField name="evidence" label="Evidence (optional)" hint="What shows this happened" value={v.evidence} onChange={set('evidence')} error={errs.evidence} />
      <TextField name="evidenceLink" label="Link to evidence (optional)" hint="A web address starting with https://" value={v.evidenceLink} onChange={set('evidenceLink')} error={errs.evidenceLink} />
      <TextAreaField name="contributorView" label="Contributors’ view (optional)" hint="What the people involved say about it" value={v.contributorView} onChange={set('contributorView')} error={errs.contributorView} />
      <TextAreaField name="staffView" label="Staff view (optional)" value={v.staffView} onChange={set('staffView')} error={errs.staffView} />
      <CheckboxesField name="standards" legend="UK Standards for Public Involvement" hint="Select all that apply" items={refData.standards} values={v.standards} onChange={set('standards')} error={errs.standards} small />
      {sessionItems.length > 0 ? (
        <CheckboxesField name="sessionIds" legend="Sessions it came from" items={sessionItems} values={v.sessionIds} onChange={set('sessionIds')} error={errs.sessionIds} small />
      ) : null}
      {actionItems.length > 0 ? (
        <CheckboxesField name="actionIds" legend="Actions it came from" items={actionItems} values={v.actionIds} onChange={set('actionIds')} error={errs.actionIds} small />
      ) : null}
      <FormButtons label="Save outcome" saving={saving} cancelTo={cancelTo} />
    </form>
  );
}
