// Create/edit form for an involvement session (all SessionInput fields).
import { useState } from 'react';
import { CheckboxesField, RadiosField, SelectField, TextAreaField, TextField } from './fields';
import { DateField } from './DateField';
import { FormButtons } from './FormButtons';
import { FormErrorSummary } from './FormErrorSummary';
import { SessionQuestionsField } from '../questions/SessionQuestionsField';
import { fieldErrorMap } from '../lib/errors';
import { useSubmit } from '../lib/useSubmit';
import { todayISO } from '../lib/dates';
import type { Project, ReferenceData, SessionInput } from '../lib/types';

export const SESSION_FIELDS = [
  'title', 'projectId', 'date', 'startTime', 'endTime', 'type', 'mode', 'status', 'venue', 'borough',
  'hostPartner', 'targetGroups', 'purpose', 'intendedOutcome', 'involvementLevel', 'engagementStage',
  'standards', 'accessSupport', 'facilitators', 'lepsPresent', 'attendees', 'wentWell', 'toImprove',
  'questionSets', 'noFft',
] as const;

export const BOROUGH_GROUPS: Record<string, string> = {
  SEL: 'South east London',
  SWL: 'South west London',
  '': 'Other',
};

const has = (list: { code: string }[], code: string) => list.some((i) => i.code === code);

/**
 * The status a new session gets by default: "Held" when dated today or earlier (a stall
 * being captured has happened), "Planned" when dated later. Go applies the same rule
 * when a new session arrives with no status.
 */
export function defaultSessionStatus(ref: ReferenceData, date: string, today = todayISO()): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date) && date <= today && has(ref.sessionStatuses, 'held')) return 'held';
  return has(ref.sessionStatuses, 'planned') ? 'planned' : (ref.sessionStatuses[0]?.code ?? '');
}

export function newSessionInput(ref: ReferenceData, projectId = ''): SessionInput {
  const date = todayISO();
  return {
    projectId,
    title: '',
    date,
    startTime: '',
    endTime: '',
    type: '',
    mode: has(ref.sessionModes, 'in_person') ? 'in_person' : '',
    venue: '',
    borough: '',
    hostPartner: '',
    targetGroups: '',
    purpose: '',
    intendedOutcome: '',
    involvementLevel: '',
    engagementStage: '',
    standards: [],
    accessSupport: [],
    facilitators: '',
    lepsPresent: '',
    status: defaultSessionStatus(ref, date),
    wentWell: '',
    toImprove: '',
    attendees: 0,
    questionSets: [],
    noFft: false,
  };
}

/** Only the SessionInput fields of a Session (or anything wider). */
export function sessionInputOf(s: SessionInput): SessionInput {
  return {
    projectId: s.projectId ?? '',
    title: s.title ?? '',
    date: s.date ?? '',
    startTime: s.startTime ?? '',
    endTime: s.endTime ?? '',
    type: s.type ?? '',
    mode: s.mode ?? '',
    venue: s.venue ?? '',
    borough: s.borough ?? '',
    hostPartner: s.hostPartner ?? '',
    targetGroups: s.targetGroups ?? '',
    purpose: s.purpose ?? '',
    intendedOutcome: s.intendedOutcome ?? '',
    involvementLevel: s.involvementLevel ?? '',
    engagementStage: s.engagementStage ?? '',
    standards: s.standards,
    accessSupport: s.accessSupport,
    facilitators: s.facilitators ?? '',
    lepsPresent: s.lepsPresent ?? '',
    status: s.status ?? '',
    wentWell: s.wentWell ?? '',
    toImprove: s.toImprove ?? '',
    attendees: s.attendees ?? 0,
    questionSets: s.questionSets ?? [],
    noFft: !!s.noFft,
  };
}

interface Props {
  initial: SessionInput;
  refData: ReferenceData;
  projects: Project[];
  onSubmit: (input: SessionInput) => Promise<unknown>;
  cancelTo: string;
  /** A new session: until the person picks a status, it follows the date (Held or Planned). */
  statusFollowsDate?: boolean;
}

export function SessionForm({ initial, refData, projects, onSubmit, cancelTo, statusFollowsDate = false }: Props) {
  const [v, setV] = useState<SessionInput>(initial);
  const [statusChosen, setStatusChosen] = useState(!statusFollowsDate);
  const [attendees, setAttendees] = useState(initial.attendees ? String(initial.attendees) : '');
  const { saving, error, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const set = <K extends keyof SessionInput>(k: K) => (value: SessionInput[K]) => setV((old) => ({ ...old, [k]: value }));

  const setDate = (date: string) =>
    setV((old) => ({ ...old, date, status: statusChosen ? old.status : defaultSessionStatus(refData, date) }));
  const setStatus = (status: string) => {
    setStatusChosen(true);
    set('status')(status);
  };

  const a = attendees.trim();
  const save = submit(
    () => onSubmit({ ...v, attendees: a === '' ? 0 : Number(a) }),
    () =>
      a !== '' && !/^\d+$/.test(a)
        ? {
            code: 'invalid',
            message: 'Check the session details',
            fields: [{ field: 'attendees', message: 'Enter the number of attendees as a whole number, like 12' }],
          }
        : null,
  );

  const projectItems = projects.map((p) => ({ code: p.id, label: p.name }));

  return (
    <form noValidate onSubmit={save}>
      <FormErrorSummary error={error} knownFields={SESSION_FIELDS} />

      <h2 className="nhsuk-heading-m">About the session</h2>
      <TextField name="title" label="Session title" value={v.title} onChange={set('title')} error={errs.title} />
      <SelectField
        name="projectId"
        label="Project"
        items={projectItems}
        value={v.projectId}
        onChange={set('projectId')}
        error={errs.projectId}
        blankLabel="No project"
      />
      <DateField name="date" label="Date" value={v.date} onChange={setDate} error={errs.date} />
      <TextField name="startTime" label="Start time" type="time" width={10} value={v.startTime} onChange={set('startTime')} error={errs.startTime} />
      <TextField name="endTime" label="End time" type="time" width={10} value={v.endTime} onChange={set('endTime')} error={errs.endTime} />
      <RadiosField name="type" legend="Type of session" items={refData.sessionTypes} value={v.type} onChange={set('type')} error={errs.type} small />
      <RadiosField name="mode" legend="How it is held" items={refData.sessionModes} value={v.mode} onChange={set('mode')} error={errs.mode} inline small />
      <RadiosField name="status" legend="Status" items={refData.sessionStatuses} value={v.status} onChange={setStatus} error={errs.status} inline small />

      <h2 className="nhsuk-heading-m">Where</h2>
      <TextField name="venue" label="Venue" value={v.venue} onChange={set('venue')} error={errs.venue} />
      <SelectField
        name="borough"
        label="Borough"
        items={refData.boroughs}
        value={v.borough}
        onChange={set('borough')}
        error={errs.borough}
        blankLabel="Not set"
        groupLabels={BOROUGH_GROUPS}
      />
      <TextField name="hostPartner" label="Host partner (optional)" value={v.hostPartner} onChange={set('hostPartner')} error={errs.hostPartner} />

      <h2 className="nhsuk-heading-m">Purpose</h2>
      <TextAreaField
        name="purpose"
        label="What decision will this inform?"
        value={v.purpose}
        onChange={set('purpose')}
        error={errs.purpose}
      />
      <TextAreaField
        name="intendedOutcome"
        label="Intended outcome"
        hint="What should change because of this session"
        value={v.intendedOutcome}
        onChange={set('intendedOutcome')}
        error={errs.intendedOutcome}
      />
      <TextField name="targetGroups" label="Who it is for (target groups)" value={v.targetGroups} onChange={set('targetGroups')} error={errs.targetGroups} />
      <RadiosField
        name="involvementLevel"
        legend="Level of involvement"
        items={refData.involvementLevels}
        value={v.involvementLevel}
        onChange={set('involvementLevel')}
        error={errs.involvementLevel}
        noneLabel="Not set"
        small
      />
      <SelectField
        name="engagementStage"
        label="Stage of the project"
        items={refData.engagementStages}
        value={v.engagementStage}
        onChange={set('engagementStage')}
        error={errs.engagementStage}
        blankLabel="Not set"
      />
      <CheckboxesField
        name="standards"
        legend="UK Standards for Public Involvement"
        hint="Select all that this session meets"
        items={refData.standards}
        values={v.standards}
        onChange={set('standards')}
        error={errs.standards}
        small
      />

      <SessionQuestionsField
        questionSets={v.questionSets}
        noFft={v.noFft}
        onChange={(questionSets, noFft) => setV((old) => ({ ...old, questionSets, noFft }))}
        error={errs.questionSets ?? errs.noFft}
      />

      <h2 className="nhsuk-heading-m">Access and people</h2>
      <CheckboxesField
        name="accessSupport"
        legend="Access support offered"
        hint="Select all that apply"
        items={refData.accessSupport}
        values={v.accessSupport}
        onChange={set('accessSupport')}
        error={errs.accessSupport}
        small
      />
      <TextField name="facilitators" label="Facilitators" value={v.facilitators} onChange={set('facilitators')} error={errs.facilitators} />
      <TextField name="lepsPresent" label="Lived Experience Partners present" value={v.lepsPresent} onChange={set('lepsPresent')} error={errs.lepsPresent} />
      <TextField
        name="attendees"
        label="Total attendees"
        hint="Leave blank if not counted"
        inputMode="numeric"
        width={4}
        value={attendees}
        onChange={setAttendees}
        error={errs.attendees}
      />

      <h2 className="nhsuk-heading-m">Reflections</h2>
      <TextAreaField name="wentWell" label="What went well" value={v.wentWell} onChange={set('wentWell')} error={errs.wentWell} />
      <TextAreaField name="toImprove" label="What to improve" value={v.toImprove} onChange={set('toImprove')} error={errs.toImprove} />

      <FormButtons label="Save session" saving={saving} cancelTo={cancelTo} />
    </form>
  );
}
