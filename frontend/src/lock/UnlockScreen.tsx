// The locked window: nothing but the unlock form (NHS.UK form, error summary, focus on
// the field). Wrong passphrases make Go wait longer each time; the wait is announced.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, TextInput } from 'nhsuk-react-components';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { PlainPage } from '../components/PlainPage';
import { fieldErrorMap, toBackendError } from '../lib/errors';
import { unlock } from '../lib/backend';
import type { BackendError, LockState } from '../lib/types';

function waitWords(seconds: number): string {
  if (seconds <= 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const m = Math.ceil(seconds / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

export function UnlockScreen({ state, onUnlocked }: { state: LockState; onUnlocked: (s: LockState) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<BackendError | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    ref.current?.focus();
    document.title = 'Involve is locked – Involve';
    return () => {
      document.title = 'Involve';
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!passphrase) {
      setError({ code: 'invalid', message: 'Enter the passphrase', fields: [{ field: 'passphrase', message: 'Enter the passphrase' }] });
      ref.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const s = await unlock(passphrase);
      setPassphrase('');
      onUnlocked(s);
    } catch (err) {
      setError(toBackendError(err));
      setPassphrase('');
      setBusy(false);
      ref.current?.focus();
    }
  };

  const fieldError = fieldErrorMap(error).passphrase ?? (error && !error.fields?.length ? error.message : undefined);
  return (
    <PlainPage testId="unlock">
      <FormErrorSummary error={error} knownFields={['passphrase']} autoFocus={false} />
      <h1 className="nhsuk-heading-l">Involve is locked</h1>
      <p>Enter this laptop’s Involve passphrase to carry on where you were.</p>
      <p className="nhsuk-u-visually-hidden" aria-live="assertive" data-testid="unlock-announce">
        {error ? error.message : ''}
      </p>
      {state.waitSeconds > 0 && !error ? (
        <p role="status">Too many wrong passphrases. Try again in {waitWords(state.waitSeconds)}.</p>
      ) : null}
      <form noValidate onSubmit={submit}>
        <TextInput
          ref={ref}
          id="passphrase"
          name="passphrase"
          type="password"
          autoComplete="current-password"
          label="Passphrase"
          labelProps={{ size: 'm' }}
          value={passphrase}
          error={fieldError}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
        />
        <Button type="submit" disabled={busy}>
          Unlock
        </Button>
      </form>
      <details className="nhsuk-details" data-testid="forgotten">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Forgotten your passphrase?</span>
        </summary>
        <div className="nhsuk-details__text">
          <p>
            The passphrase cannot be reset. Set Involve up again on this laptop with a new data folder, and ask your
            team’s Involve lead for a code to enrol it again. Everything already synced comes back from the server.
          </p>
          <p data-testid="unsent-count">
            {state.unsentChanges > 0
              ? `${state.unsentChanges} change${state.unsentChanges === 1 ? '' : 's'} made on this laptop ${state.unsentChanges === 1 ? 'has' : 'have'} not reached the server yet and would be lost. If you can, remember the passphrase and sync first.`
              : 'Every change made on this laptop has reached the server: nothing would be lost.'}
          </p>
        </div>
      </details>
    </PlainPage>
  );
}
