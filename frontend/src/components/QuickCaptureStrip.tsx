// The strip of the last cards saved in quick capture: one line each, newest first, with
// "Change" (the feedback form) and "Delete" (asks first). The newest card also offers
// "Undo" straight after saving, which deletes it without asking.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ratingLabel, useRefData } from '../lib/refdata';
import type { Feedback, Theme } from '../lib/types';

/** How many saved cards the strip shows. */
export const STRIP_SIZE = 3;

interface Props {
  sessionId: string;
  items: Feedback[]; // newest first
  themes: Theme[];
  /** The id of the card just saved: it offers Undo until the next card is typed. */
  undoId: string;
  onDelete: (f: Feedback) => Promise<void>;
}

function preview(text: string) {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 90 ? `${t.slice(0, 89)}…` : t;
}

export function QuickCaptureStrip({ sessionId, items, themes, undoId, onDelete }: Props) {
  const ref = useRefData();
  const [asking, setAsking] = useState('');
  const [busy, setBusy] = useState(false);
  const lastAsked = useRef('');
  const shown = items.slice(0, STRIP_SIZE);

  // Focus follows the question: onto "Yes, delete" when it is asked, back onto "Delete"
  // after "Keep it" (a deleted card's focus goes to the comment box, in the screen).
  useEffect(() => {
    const id = asking || lastAsked.current;
    if (!id) return;
    document.getElementById(asking ? `strip-yes-${id}` : `strip-delete-${id}`)?.focus();
  }, [asking]);
  const themeLabel = (id: string) => themes.find((t) => t.id === id)?.label ?? '';

  const remove = async (f: Feedback) => {
    if (busy) return;
    setBusy(true);
    try {
      await onDelete(f);
      setAsking('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="quick-strip-heading" className="app-quick-strip" data-testid="quick-strip">
      <h2 id="quick-strip-heading" className="nhsuk-heading-s">
        Last saved cards
      </h2>
      {shown.length === 0 ? (
        <p className="nhsuk-body-s">Cards you save appear here, newest first, to change or delete.</p>
      ) : (
        <ul className="nhsuk-list app-quick-strip__list" aria-label="Last saved cards">
          {shown.map((f) => {
            // A paper form with answers and no comment: say so rather than show nothing.
            const name = preview(f.text) || (f.answered ? 'Answers only, no comment' : '');
            const about = [f.rating !== null ? ratingLabel(ref.ratings, f.rating) : '', ...f.themes.map(themeLabel)].filter(Boolean);
            return (
              <li key={f.id} className="app-quick-strip__item" data-testid="strip-item">
                <span className="app-quick-strip__what" title={f.text}>
                  {name}
                  {about.length > 0 ? <span className="app-quick-strip__about"> ({about.join(', ')})</span> : null}
                </span>{' '}
                <span className="app-quick-strip__actions">
                  {asking === f.id ? (
                    <span role="group" aria-label="Delete this card?">
                      <strong>Delete this card?</strong>{' '}
                      <button
                        type="button"
                        id={`strip-yes-${f.id}`}
                        className="nhsuk-link app-link-button"
                        disabled={busy}
                        onClick={() => void remove(f)}
                      >
                        Yes, delete{' '}<span className="nhsuk-u-visually-hidden">“{name}”</span>
                      </button>{' '}
                      <button type="button" className="nhsuk-link app-link-button" onClick={() => setAsking('')}>
                        Keep it
                      </button>
                    </span>
                  ) : (
                    <>
                      {f.id === undoId ? (
                        <>
                          <button type="button" className="nhsuk-link app-link-button" disabled={busy} onClick={() => void remove(f)}>
                            Undo{' '}<span className="nhsuk-u-visually-hidden">saving “{name}”</span>
                          </button>{' '}
                        </>
                      ) : null}
                      <Link to={`/sessions/${sessionId}/feedback/${f.id}/edit`}>
                        Change{' '}<span className="nhsuk-u-visually-hidden">“{name}”</span>
                      </Link>{' '}
                      <button
                        type="button"
                        id={`strip-delete-${f.id}`}
                        className="nhsuk-link app-link-button"
                        onClick={() => {
                          lastAsked.current = f.id;
                          setAsking(f.id);
                        }}
                      >
                        Delete{' '}<span className="nhsuk-u-visually-hidden">“{name}”</span>
                      </button>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
