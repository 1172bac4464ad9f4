// The builder's live preview: the kiosk's screens, one question at a time as the public
// sees them (the kiosk's own AskQuestion, answerable, with show-if applied), and the
// paper form as it will print.
import { useState } from 'react';
import { Button } from 'nhsuk-react-components';
import { shown, type Answer, type QuestionSet } from '../../lib/questions';
import { AskQuestion } from '../../questions/ask';
import { PaperForm } from '../../questions/PaperForm';

/** The kiosk's screens for the set: its purpose, then each question with its progress. */
export function KioskPreviewSlot({ set }: { set: QuestionSet }) {
  const [at, setAt] = useState(0);
  const [answers, setAnswers] = useState<Answer[]>([]);
  const asked = (set.questions ?? []).filter((q) => q.text.trim() !== '' && shown(q, answers));
  if (asked.length === 0) return null;
  const i = Math.min(at, asked.length - 1);
  const q = asked[i];
  return (
    <div className="question-builder__kiosk" data-testid="kiosk-preview">
      <h3 className="nhsuk-heading-s">On the kiosk</h3>
      {set.purpose ? <p className="nhsuk-body-s">{set.purpose}</p> : null}
      <AskQuestion
        set={set}
        question={q}
        answer={answers.find((a) => a.q === q.id)}
        onChange={(a) => setAnswers((prev) => [...prev.filter((x) => x.q !== q.id), ...(a ? [a] : [])])}
        idPrefix="kiosk-preview"
        caption={`Question ${i + 1} of ${asked.length}`}
      />
      <div className="app-button-row">
        <Button secondary type="button" disabled={i === 0} onClick={() => setAt(i - 1)}>
          Previous question
        </Button>{' '}
        <Button secondary type="button" disabled={i === asked.length - 1} onClick={() => setAt(i + 1)}>
          Next question
        </Button>
      </div>
    </div>
  );
}

export function BuilderPreview({ set }: { set: QuestionSet }) {
  return (
    <section className="question-builder__preview" aria-labelledby="preview-heading" data-testid="builder-preview" tabIndex={0}>
      <h2 className="nhsuk-heading-m" id="preview-heading">
        Preview
      </h2>
      <KioskPreviewSlot set={set} />
      <h3 className="nhsuk-heading-s">The paper form</h3>
      <PaperForm set={set} preview />
    </section>
  );
}
