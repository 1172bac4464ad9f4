// Full create/edit form for one feedback item.
import { useState } from 'react';
import { Details } from 'nhsuk-react-components';
import { CheckboxesField, RadiosField, SelectField, SingleCheckbox, TextAreaField } from './fields';
import { FormButtons } from './FormButtons';
import { FormErrorSummary } from './FormErrorSummary';
import { BOROUGH_GROUPS } from './SessionForm';
import { fieldErrorMap } from '../lib/errors';
import { useSubmit } from '../lib/useSubmit';
import type { FeedbackInput, ReferenceData, Theme } from '../lib/types';

export const FEEDBACK_FIELDS = [
  'text', 'rating', 'themes', 'source', 'quoteConsent', 'needsResponse', 'ageBand', 'ethnicGroup', 'borough',
] as const;

export const DEFAULT_SOURCE = 'comment_card';

export function newFeedbackInput(sessionId: string, ref: ReferenceData, source?: string): FeedbackInput {
  const known = (code: string | undefined) => !!code && ref.feedbackSources.some((s) => s.code === code);
  return {
    sessionId,
    text: '',
    rating: null,
    themes: [],
    source: known(source) ? (source as string) : known(DEFAULT_SOURCE) ? DEFAULT_SOURCE : (ref.feedbackSources[0]?.code ?? ''),
    quoteConsent: false,
    needsResponse: false,
    ageBand: '',
    ethnicGroup: '',
    borough: '',
    answered: false,
  };
}

export function feedbackInputOf(f: FeedbackInput): FeedbackInput {
  return {
    sessionId: f.sessionId,
    text: f.text ?? '',
    rating: f.rating ?? null,
    themes: f.themes,
    source: f.source ?? '',
    quoteConsent: !!f.quoteConsent,
    needsResponse: !!f.needsResponse,
    ageBand: f.ageBand ?? '',
    ethnicGroup: f.ethnicGroup ?? '',
    borough: f.borough ?? '',
    answered: !!f.answered,
  };
}

/** Rating radios value ("" = not given) ↔ FeedbackInput.rating. */
export const ratingToValue = (r: number | null) => (r === null || r === undefined ? '' : String(r));
export const valueToRating = (v: string): number | null => (v === '' ? null : Number(v));

/** Themes to offer: active ones, plus archived ones this item already uses. */
export function themeChoices(themes: Theme[], selected: string[]) {
  return themes
    .filter((t) => !t.archived || selected.includes(t.id))
    .map((t) => ({ code: t.id, label: t.archived ? `${t.label} (archived)` : t.label }));
}

interface Props {
  initial: FeedbackInput;
  refData: ReferenceData;
  themes: Theme[];
  onSubmit: (input: FeedbackInput) => Promise<unknown>;
  cancelTo: string;
}

export function FeedbackForm({ initial, refData, themes, onSubmit, cancelTo }: Props) {
  const [v, setV] = useState<FeedbackInput>(initial);
  const { saving, error, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const set = <K extends keyof FeedbackInput>(k: K) => (value: FeedbackInput[K]) => setV((old) => ({ ...old, [k]: value }));
  const hasAbout = !!(initial.ageBand || initial.ethnicGroup || initial.borough);

  return (
    <form noValidate onSubmit={submit(() => onSubmit(v))}>
      <FormErrorSummary error={error} knownFields={FEEDBACK_FIELDS} />
      <TextAreaField
        name="text"
        label="What did they say?"
        hint="Write it down in their words"
        rows={5}
        value={v.text}
        onChange={set('text')}
        error={errs.text}
      />
      <RadiosField
        name="rating"
        legend="Overall, how was their experience?"
        hint="Friends and Family Test rating"
        items={refData.ratings}
        value={ratingToValue(v.rating)}
        onChange={(code) => set('rating')(valueToRating(code))}
        error={errs.rating}
        noneLabel="Not given"
        small
      />
      <CheckboxesField
        name="themes"
        legend="Themes"
        hint="Select all that apply"
        items={themeChoices(themes, v.themes)}
        values={v.themes}
        onChange={set('themes')}
        error={errs.themes}
        small
      />
      <SelectField name="source" label="Source" items={refData.feedbackSources} value={v.source} onChange={set('source')} error={errs.source} />
      <SingleCheckbox
        name="quoteConsent"
        legend="Quoting"
        label="They agreed we can quote them"
        checked={v.quoteConsent}
        onChange={set('quoteConsent')}
        error={errs.quoteConsent}
      />
      <SingleCheckbox
        name="needsResponse"
        legend="Follow up"
        label="This needs a response"
        checked={v.needsResponse}
        onChange={set('needsResponse')}
        error={errs.needsResponse}
      />
      <Details open={hasAbout || !!(errs.ageBand || errs.ethnicGroup || errs.borough)}>
        <Details.Summary>About the person (optional)</Details.Summary>
        <Details.Text>
          <SelectField name="ageBand" label="Age band" items={refData.ageBands} value={v.ageBand} onChange={set('ageBand')} error={errs.ageBand} blankLabel="Not asked" />
          <SelectField
            name="ethnicGroup"
            label="Ethnic group"
            items={refData.ethnicGroups}
            value={v.ethnicGroup}
            onChange={set('ethnicGroup')}
            error={errs.ethnicGroup}
            blankLabel="Not asked"
          />
          <SelectField
            name="borough"
            label="Borough they live in"
            items={refData.boroughs}
            value={v.borough}
            onChange={set('borough')}
            error={errs.borough}
            blankLabel="Not asked"
            groupLabels={BOROUGH_GROUPS}
          />
        </Details.Text>
      </Details>
      <FormButtons label="Save feedback" saving={saving} cancelTo={cancelTo} />
    </form>
  );
}
