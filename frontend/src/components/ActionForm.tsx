// Create/edit form of a "you said, we did" action. The feedback it answers is shown
// with its text; more can be chosen from the session's feedback.
import { useState } from 'react';
import { Checkboxes } from 'nhsuk-react-components';
import { AnsweredFeedback } from './AnsweredFeedback';
import { ACTION_FIELDS } from '../lib/action';
import { RadiosField, SelectField, SingleCheckbox, TextAreaField, TextField, toggle } from './fields';
import { DateField } from './DateField';
import { FormButtons } from './FormButtons';
import { FormErrorSummary } from './FormErrorSummary';
import { fieldErrorMap } from '../lib/errors';
import { useSubmit } from '../lib/useSubmit';
import type { Action, ActionFeedback, Feedback, ReferenceData, Theme } from '../lib/types';

interface Props {
  initial: Action;
  /** The feedback the action already answers (from Go), in link order. */
  answered: ActionFeedback[];
  /** The session's feedback, to choose more from (empty: no session). */
  sessionFeedback: Feedback[];
  themes: Theme[];
  refData: ReferenceData;
  onSubmit: (a: Action) => Promise<unknown>;
  cancelTo: string;
  submitLabel?: string;
}

export function ActionForm({ initial, answered, sessionFeedback, themes, refData, onSubmit, cancelTo, submitLabel = 'Save action' }: Props) {
  const [v, setV] = useState<Action>(initial);
  const { saving, error, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const set =
    <K extends keyof Action>(k: K) =>
    (value: Action[K]) =>
      setV((old) => ({ ...old, [k]: value }));

  // Linked feedback shown with its text: what Go sent, plus items picked from the session.
  const known = new Map<string, ActionFeedback>();
  for (const f of answered) known.set(f.id, f);
  for (const f of sessionFeedback) {
    if (!known.has(f.id)) known.set(f.id, { id: f.id, sessionId: f.sessionId, sessionTitle: '', text: f.text, missing: false });
  }
  const linked = v.feedbackIds.map((id) => known.get(id) ?? { id, sessionId: '', sessionTitle: '', text: '', missing: true });
  const themeItems = themes.filter((t) => !t.archived || t.id === v.themeId).map((t) => ({ code: t.id, label: t.label }));

  return (
    <form noValidate onSubmit={submit(() => onSubmit(v))} data-testid="action-form">
      <FormErrorSummary error={error} knownFields={ACTION_FIELDS} />

      <h2 className="nhsuk-heading-s" id="feedbackIds">
        Feedback this answers ({v.feedbackIds.length})
      </h2>
      {linked.length === 0 ? <p className="nhsuk-u-secondary-text-colour">No feedback items linked.</p> : null}
      <AnsweredFeedback items={linked} />
      {errs.feedbackIds ? <p className="nhsuk-error-message">{errs.feedbackIds}</p> : null}

      {sessionFeedback.length > 0 ? (
        <details className="nhsuk-details" data-testid="choose-feedback">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Choose feedback from this session</span>
          </summary>
          <div className="nhsuk-details__text">
            <Checkboxes name="pick-feedback" id="pick-feedback-group" legend="Feedback items this action answers" legendProps={{ size: 's' }} small>
              {sessionFeedback.map((f, i) => (
                <Checkboxes.Item
                  key={f.id}
                  id={i === 0 ? 'pick-feedback' : `pick-feedback-${i + 1}`}
                  value={f.id}
                  checked={v.feedbackIds.includes(f.id)}
                  onChange={() => set('feedbackIds')(toggle(v.feedbackIds, f.id))}
                >
                  {f.text}
                </Checkboxes.Item>
              ))}
            </Checkboxes>
          </div>
        </details>
      ) : null}

      <TextAreaField name="youSaid" label="You said" hint="What people told you, in a sentence or two" rows={4} value={v.youSaid} onChange={set('youSaid')} error={errs.youSaid} />
      <SelectField name="themeId" label="Theme (optional)" items={themeItems} value={v.themeId} onChange={set('themeId')} blankLabel="No theme" error={errs.themeId} />
      <RadiosField name="status" legend="Status" items={refData.actionStatuses} value={v.status} onChange={set('status')} error={errs.status} small />
      <TextAreaField
        name="weDid"
        label="We did"
        hint="What changed because of it (needed when the action is done)"
        rows={4}
        value={v.weDid}
        onChange={set('weDid')}
        error={errs.weDid}
      />
      {v.status === 'not_possible' || v.reasonNotPossible || errs.reasonNotPossible ? (
        <TextAreaField
          name="reasonNotPossible"
          label="Why it was not possible"
          value={v.reasonNotPossible}
          onChange={set('reasonNotPossible')}
          error={errs.reasonNotPossible}
        />
      ) : null}
      <TextField name="owner" label="Owner" hint="Who is doing it" value={v.owner} onChange={set('owner')} error={errs.owner} />
      <DateField name="due" label="Due date" value={v.due} onChange={set('due')} error={errs.due} />
      <TextAreaField
        name="decisionInfluenced"
        label="Decision influenced (optional)"
        hint="The decision this fed into, for the GRIPP2 write-up"
        value={v.decisionInfluenced}
        onChange={set('decisionInfluenced')}
        error={errs.decisionInfluenced}
      />
      <DateField
        name="communicatedOn"
        label="Date communicated back (optional)"
        hint="When you told people what you did"
        value={v.communicatedOn}
        onChange={set('communicatedOn')}
        error={errs.communicatedOn}
      />
      <SelectField
        name="channel"
        label="How it was communicated back (optional)"
        items={refData.actionChannels}
        value={v.channel}
        onChange={set('channel')}
        blankLabel="Not communicated yet"
        error={errs.channel}
      />
      <SingleCheckbox
        name="published"
        legend="Published"
        label="Published in a “you said, we did” update"
        checked={v.published}
        onChange={set('published')}
        error={errs.published}
      />
      <FormButtons label={submitLabel} saving={saving} cancelTo={cancelTo} />
    </form>
  );
}
