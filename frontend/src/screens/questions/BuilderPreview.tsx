// The builder's live preview: the paper form as it will print and, later, the kiosk's
// screens (KioskPreviewSlot: a boundary the lead fills in when the kiosk flow exists).
import type { QuestionSet } from '../../lib/questions';
import { PaperForm } from '../../questions/PaperForm';

/** Where the kiosk's preview of the set will go (nothing yet). */
export function KioskPreviewSlot(_: { set: QuestionSet }) {
  return null;
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
