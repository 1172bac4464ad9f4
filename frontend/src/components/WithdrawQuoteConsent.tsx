// "Withdraw quote consent" on a feedback item: one action (Go records the consent if it
// was only ticked on the form, withdraws it and switches the item's quote consent off,
// in one transaction), after a confirmation. Focus is never lost (WCAG 2.4.3): the
// confirmation takes it, Cancel gives it back, and once withdrawn (this control then
// leaves the item) the banner that says so takes it.
import { useId, useRef, useState } from 'react';
import { withdrawQuoteConsent } from '../lib/backend';
import { toBackendError } from '../lib/errors';
import { useFlash } from '../lib/flash';
import { useFocusAfter } from '../lib/focus';

export function WithdrawQuoteConsent({ feedbackId, onDone }: { feedbackId: string; onDone?: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const { showMessage } = useFlash();
  const focusAfter = useFocusAfter();
  const opener = useRef<HTMLButtonElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const why = useId();
  const withdraw = async () => {
    setBusy(true);
    try {
      await withdrawQuoteConsent(feedbackId);
      showMessage('Quote consent withdrawn. These words will not be quoted anywhere.', true, { focus: true });
      setConfirming(false);
      onDone?.();
    } catch (e) {
      setProblem(toBackendError(e).message);
    } finally {
      setBusy(false);
    }
  };
  if (!confirming) {
    return (
      <button
        ref={opener}
        type="button"
        className="nhsuk-link app-link-button"
        onClick={() => {
          focusAfter(yes);
          setConfirming(true);
        }}
      >
        Withdraw quote consent
      </button>
    );
  }
  return (
    <span data-testid="withdraw-quote-confirm" role="group" aria-label="Withdraw quote consent">
      <span className="nhsuk-body-s nhsuk-u-margin-right-2" id={why}>
        Their words will no longer be quoted in Involve or in exports.
      </span>
      <button
        ref={yes}
        type="button"
        aria-describedby={why}
        className="nhsuk-button nhsuk-button--warning nhsuk-button--small nhsuk-u-margin-bottom-0 nhsuk-u-margin-right-2"
        onClick={withdraw}
        disabled={busy}
      >
        Yes, withdraw quote consent
      </button>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
        onClick={() => {
          focusAfter(opener);
          setConfirming(false);
        }}
      >
        Cancel
      </button>
      {problem ? (
        <span className="nhsuk-error-message" role="alert">
          {problem}
        </span>
      ) : null}
    </span>
  );
}
