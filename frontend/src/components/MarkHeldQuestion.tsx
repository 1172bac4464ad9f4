// "Mark as held?": asked when staff leave quick capture or the kiosk on a session that is
// still "Planned", so a stall that took place counts as held in reports. Yes saves the
// status through the ordinary session update; Not now leaves it as it is.
import { useEffect, useRef, useState } from 'react';
import { Button } from 'nhsuk-react-components';
import { updateSession } from '../lib/backend';
import { toBackendError } from '../lib/errors';
import type { Session } from '../lib/types';
import { sessionInputOf } from './SessionForm';

/** True when leaving should ask "Mark as held?" first. */
export const asksMarkHeld = (s: Pick<Session, 'status'> | undefined | null) => s?.status === 'planned';

interface Props {
  session: Session;
  /** Called after Yes (once saved, with the saved session) or Not now: carry on. */
  onDone: (held: Session | null) => void;
}

export function MarkHeldQuestion({ session, onDone, lead }: Props & { lead?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => heading.current?.focus(), []);

  const yes = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const loaded = sessionInputOf(session);
      onDone(await updateSession(session.id, loaded, { ...loaded, status: 'held' }));
    } catch (e) {
      setError(toBackendError(e).message);
      setBusy(false);
    }
  };

  return (
    <section
      className={`nhsuk-inset-text nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-4${error ? ' nhsuk-form-group--error' : ''}`}
      aria-labelledby="mark-held-heading"
      data-testid="mark-held"
    >
      <h2 id="mark-held-heading" ref={heading} tabIndex={-1} className="nhsuk-heading-m">
        Mark as held?
      </h2>
      {lead ? <p>{lead}</p> : null}
      <p>
        “{session.title || 'Untitled session'}” is still marked as planned. Mark it as held so it counts as held in
        reports.
      </p>
      {error ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="nhsuk-button-group">
        <Button type="button" disabled={busy} onClick={() => void yes()}>
          Yes, mark as held
        </Button>
        <Button type="button" secondary disabled={busy} onClick={() => onDone(null)}>
          Not now
        </Button>
      </div>
    </section>
  );
}
