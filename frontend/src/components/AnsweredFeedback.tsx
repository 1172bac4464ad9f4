// The feedback items an action answers (the action form and its card); deleted items say so.
import { Link } from 'react-router';
import type { ActionFeedback } from '../lib/types';
import { itemName } from '../lib/itemName';

/** The feedback an action answers; deleted items say so. */
export function AnsweredFeedback({ items, label = 'Feedback this answers' }: { items: ActionFeedback[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="nhsuk-list app-answered-feedback" aria-label={label} data-testid="answered-feedback">
      {items.map((f) => (
        <li key={f.id} data-feedback-id={f.id} className="nhsuk-inset-text nhsuk-u-margin-top-0 nhsuk-u-margin-bottom-2">
          {f.missing ? (
            <span className="nhsuk-u-secondary-text-colour">Feedback no longer available</span>
          ) : (
            <>
              <span className="app-pre-wrap">“{f.text}”</span>
              <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                {' '}
                – <Link to={`/sessions/${f.sessionId}?feedback=${f.id}`}>
                  {f.sessionTitle || 'Session'}{' '}
                  <span className="nhsuk-u-visually-hidden">(where “{itemName(f.text)}” was said)</span>
                </Link>
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
