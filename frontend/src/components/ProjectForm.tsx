// Create/edit form for a project (all ProjectInput fields).
import { useState } from 'react';
import { CheckboxesField, TextAreaField, TextField } from './fields';
import { DateField } from './DateField';
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

/** The "select all that apply" groups, each named as its list in the reference data. */
const PROJECT_AREAS = [
  ['core20plus5', 'Core20PLUS5 areas'],
  ['plusGroups', 'PLUS groups'],
  ['boroughs', 'Boroughs'],
] as const;

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
      <DateField name="startDate" label="Start date" value={v.startDate} onChange={set('startDate')} error={errs.startDate} />
      <DateField name="endDate" label="End date" value={v.endDate} onChange={set('endDate')} error={errs.endDate} />
      <TextAreaField
        name="aim"
        label="Involvement aim"
        hint="What you want involvement to change in this project"
        rows={4}
        value={v.aim}
        onChange={set('aim')}
        error={errs.aim}
      />
      {PROJECT_AREAS.map(([name, legend]) => (
        <CheckboxesField
          key={name}
          name={name}
          legend={legend}
          hint="Select all that apply"
          items={refData[name]}
          values={v[name]}
          onChange={set(name)}
          error={errs[name]}
          small
        />
      ))}
      <FormButtons label="Save project" saving={saving} cancelTo={cancelTo} />
    </form>
  );
}
