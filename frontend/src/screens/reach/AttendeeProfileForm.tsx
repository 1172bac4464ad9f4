// An anonymous attendee profile: one returned equality monitoring form. Every question
// offers "Prefer not to say" and may be left unanswered; there is no name and no free
// text. Lists come from Go (SessionReach.questions).
import { useState } from 'react';
import { Button } from 'nhsuk-react-components';
import { CheckboxesField, RadiosField, SelectField } from '../../components/fields';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { fieldErrorMap } from '../../lib/backend';
import { useRefData } from '../../lib/refdata';
import { useSubmit } from '../../lib/useSubmit';
import { PREFER_NOT_TO_SAY, type Attendee, type QuestionCode, type ReachQuestion } from '../../lib/reach';

interface Props {
  questions: ReachQuestion[];
  initial: Attendee;
  submitLabel: string;
  onSave: (a: Attendee) => Promise<void>;
  onCancel: () => void;
}

/** Questions shown as a select (long lists, grouped); the rest are radios. */
const SELECTS: QuestionCode[] = ['ethnicity', 'borough'];

export function AttendeeProfileForm({ questions, initial, submitLabel, onSave, onCancel }: Props) {
  const ref = useRefData();
  const [a, setA] = useState<Attendee>(initial);
  const { saving, error, setError, submit } = useSubmit();
  const errors = fieldErrorMap(error);

  const save = submit(() => {
    setError(null);
    return onSave(a);
  });

  const groupLabels = (q: ReachQuestion): Record<string, string> | undefined => {
    if (q.code === 'borough') return { SEL: 'South east London', SWL: 'South west London' };
    if (q.code === 'ethnicity') {
      const out: Record<string, string> = {};
      for (const g of ref.ethnicGroups) out[g.code] = g.label;
      for (const it of q.items) if (it.group && !out[it.group]) out[it.group] = it.group;
      return out;
    }
    return undefined;
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate data-testid="profile-form" aria-label="Attendee profile">
      <FormErrorSummary error={error} knownFields={questions.map((q) => q.code)} />
      <p className="nhsuk-body-s">Leave a question unanswered if the form did not answer it. Do not record names.</p>
      {questions.map((q) => {
        // What every question's field is given, whichever field it is.
        const field = { name: q.code, hint: q.hint, items: q.items, error: errors[q.code] };
        if (q.multi) {
          return (
            <CheckboxesField
              key={q.code}
              {...field}
              legend={q.label}
              values={a.plusGroups}
              small
              onChange={(codes) => {
                // Prefer not to say stands alone
                const added = codes.find((c) => !a.plusGroups.includes(c));
                const next = added === PREFER_NOT_TO_SAY ? [PREFER_NOT_TO_SAY] : codes.filter((c) => c !== PREFER_NOT_TO_SAY || !added);
                setA({ ...a, plusGroups: next });
              }}
            />
          );
        }
        const value = a[q.code as Exclude<QuestionCode, 'plusGroups'>];
        const set = (v: string) => setA({ ...a, [q.code]: v });
        if (SELECTS.includes(q.code)) {
          return (
            <SelectField
              key={q.code}
              {...field}
              label={q.label}
              value={value}
              onChange={set}
              blankLabel="Not answered"
              groupLabels={groupLabels(q)}
            />
          );
        }
        return (
          <RadiosField
            key={q.code}
            {...field}
            legend={q.label}
            value={value}
            onChange={set}
            small
            inline={q.items.length <= 3}
            noneLabel="Not answered"
          />
        );
      })}
      <div className="nhsuk-button-group">
        <Button type="submit" disabled={saving}>
          {submitLabel}
        </Button>
        <Button type="button" secondary onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
