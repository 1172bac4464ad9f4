// On the session's page just after staff left kiosk mode: how many responses came in
// while it was on and, when the session is still "Planned", "Mark as held?".
import { MarkHeldQuestion, asksMarkHeld } from '../components/MarkHeldQuestion';
import type { Session } from '../lib/types';
import { useKiosk } from './KioskGate';

export function kioskResponsesText(n: number): string {
  if (n === 0) return 'Kiosk mode is off. No responses came in while it was on.';
  return `Kiosk mode is off. ${n} ${n === 1 ? 'response' : 'responses'} came in while it was on.`;
}

export function KioskLeftNotice({ session, onChanged }: { session: Session; onChanged: (s: Session) => void }) {
  const { left, dismissLeft } = useKiosk();
  if (!left || left.sessionId !== session.id) return null;
  const text = kioskResponsesText(left.received);
  if (asksMarkHeld(session)) {
    return (
      <MarkHeldQuestion
        session={session}
        lead={text}
        onDone={(held) => {
          if (held) onChanged(held);
          dismissLeft();
        }}
      />
    );
  }
  return (
    <div className="nhsuk-inset-text nhsuk-u-margin-top-2" data-testid="kiosk-left" role="status">
      <p>{text}</p>
      <p>
        <button type="button" className="nhsuk-link app-link-button" onClick={dismissLeft}>
          Hide this message
        </button>
      </p>
    </div>
  );
}
