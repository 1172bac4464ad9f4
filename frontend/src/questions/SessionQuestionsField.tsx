// The session form's "Questions to ask": the team's live question sets as checkboxes
// (the order they were ticked in is the order they are asked) and the Friends and
// Family Test question, asked unless unticked.
import { Link } from 'react-router';
import { Checkboxes } from 'nhsuk-react-components';
import { listQuestionSets } from '../lib/backend';
import { useLoad } from '../lib/useLoad';
import { toggle } from '../components/fields';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

interface Props {
  questionSets: string[]; // family ids, in the order asked
  noFft: boolean;
  onChange: (questionSets: string[], noFft: boolean) => void;
  error?: string;
}

export function SessionQuestionsField({ questionSets, noFft, onChange, error }: Props) {
  // Archived sets too, so a set the session already asks keeps its name.
  const sets = useLoad(() => listQuestionSets(true), []);
  const items = (sets.data ?? []).filter((s) => !s.archived || questionSets.includes(s.familyId));
  return (
    <>
      <h2 className="nhsuk-heading-m">Questions to ask</h2>
      <Checkboxes
        name="questionSets"
        id="questionSets-group"
        legend="Question sets"
        legendProps={{ size: 's' }}
        hint="Asked on the kiosk and in quick capture, in the order you tick them"
        error={error}
      >
        <Checkboxes.Item
          id="noFft"
          value="fft"
          checked={!noFft}
          onChange={(e) => onChange(questionSets, !e.currentTarget.checked)}
        >
          Ask the Friends and Family Test question (How was your experience?)
        </Checkboxes.Item>
        {items.map((s, i) => (
          <Checkboxes.Item
            key={s.familyId}
            id={i === 0 ? 'questionSets' : `questionSets-${i + 1}`}
            value={s.familyId}
            checked={questionSets.includes(s.familyId)}
            onChange={() => onChange(toggle(questionSets, s.familyId), noFft)}
            hint={`${s.questions} ${s.questions === 1 ? 'question' : 'questions'}${s.archived ? ', archived' : ''}${
              questionSets.length > 1 && questionSets.includes(s.familyId) ? `; asked ${ORDINALS[questionSets.indexOf(s.familyId)] ?? `number ${questionSets.indexOf(s.familyId) + 1}`}` : ''
            }`}
          >
            {s.name}
          </Checkboxes.Item>
        ))}
      </Checkboxes>
      {sets.error ? <p className="nhsuk-body-s">The question sets could not be loaded: {sets.error.message}</p> : null}
      {sets.data && sets.data.length === 0 ? (
        <p className="nhsuk-body-s">
          No question sets yet. <Link to="/question-sets">Make a question set</Link> to ask the session’s own questions.
        </p>
      ) : null}
    </>
  );
}
