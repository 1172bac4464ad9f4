// Create/edit form for a project (all ProjectInput fields).
import { useState } from 'react';
import { CheckboxesField, TextAreaField, TextField } from './fields';
import { FormButtons } from './FormButtons';
import { FormErrorSummary } from './FormErrorSummary';
import { fieldErrorMap } from '../lib/errors';
import { useSubmit } from '../lib/useSubmit';
import type { ProjectInput, ReferenceData } from '../lib/types';

export const PROJECT_FIELDS = ['name', 'lead', 'funder', 'startDate', 'endDate', 'aim', 'core20plus5', 'plusGroups', 'boroughs'] as const;

export const emptyProjectInput = (): ProjectInput => ({
  name: '',
  lead: '',
  funder: '',
  startDate: '',
  endDate: '',
  aim: '',
  core20plus5: [],
  plusGroups: [],
  boroughs: [],
});

export function projectInputOf(p: ProjectInput): ProjectInput {
  return {
    name: p.name ?? '',
    lead: p.lead ?? '',
    funder: p.funder ?? '',
    startDate: p.startDate ?? '',
    endDate: p.endDate ?? '',
    aim: p.aim ?? '',
    core20plus5: p.core20plus5,
    plusGroups: p.plusGroups,
    boroughs: p.boroughs,
  };
}

interface Props {
  initial: ProjectInput;
  refData: ReferenceData;
  onSubmit: (input: ProjectInput) => Promise<unknown>;
  cancelTo: string;
}

export function ProjectForm({ initial, refData, onSubmit, cancelTo }: Props) {
  const [v, setV] = useState<ProjectInput>(initial);
  const { saving, error, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const set = <K extends keyof ProjectInput>(k: K) => (value: ProjectInput[K]) => setV((old) => ({ ...old, [k]: value }));

  return (
    <form noValidate onSubmit={submit(() => onSubmit(v))}>
      <FormErrorSummary error={error} knownFields={PROJECT_FIELDS} />
      <TextField name="name" label="Project name" value={v.name} onChange={set('name')} error={errs.name} />
      <TextField name="lead" label="Project lead" value={v.lead} onChange={set('lead')} error={errs.lead} />
      <TextField name="funder" label="Funder (optional)" value={v.funder} onChange={set('funder')} error={errs.funder} />
      <TextField name="startDate" label="Start date" type="date" width={10} value={v.startDate} onChange={set('startDate')} error={errs.startDate} />
      <TextField name="endDate" label="End date" type="date" width={10} value={v.endDate} onChange={set('endDate')} error={errs.endDate} />
      <TextAreaField
        name="aim"
        label="Involvement aim"
        hint="What you want involvement to change in this project"
        rows={4}
        value={v.aim}
        onChange={set('aim')}
        error={errs.aim}
      />
      <CheckboxesField
        name="core20plus5"
        legend="Core20PLUS5 areas"
        hint="Select all that apply"
        items={refData.core20plus5}
        values={v.core20plus5}
        onChange={set('core20plus5')}
        error={errs.core20plus5}
        small
      />
      <CheckboxesField
        name="plusGroups"
        legend="PLUS groups"
        hint="Select all that apply"
        items={refData.plusGroups}
        values={v.plusGroups}
        onChange={set('plusGroups')}
        error={errs.plusGroups}
        small
      />
      <CheckboxesField
        name="boroughs"
        legend="Boroughs"
        hint="Select all that apply"
        items={refData.boroughs}
        values={v.boroughs}
        onChange={set('boroughs')}
        error={errs.boroughs}
        small
      />
      <FormButtons label="Save project" saving={saving} cancelTo={cancelTo} />
    </form>
  );
}
