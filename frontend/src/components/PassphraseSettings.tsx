// Settings → "Lock Involve with a passphrase": set, change or remove the passphrase,
// and the idle time after which Involve locks itself. Go checks the policy and the
// current passphrase; this form says the rules plainly and shows Go's answers.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, TextInput, WarningCallout } from 'nhsuk-react-components';
import { FormErrorSummary } from './FormErrorSummary';
import { getLockState, removePassphrase, setIdleLock, setPassphrase } from '../lib/backend';
import { fieldErrorMap, toBackendError } from '../lib/errors';
import { useFlash } from '../lib/flash';
import { useFocusAfter } from '../lib/focus';
import type { BackendError, LockState } from '../lib/types';
import { useLock } from '../lock/LockGate';

const RULE = 'At least 12 characters, or at least 4 words. A short sentence you will remember is good.';

type Mode = 'view' | 'set' | 'remove';

/** startSetting: open on the form that sets a passphrase (a save refused without one). */
export function PassphraseSettings({ startSetting = false }: { startSetting?: boolean } = {}) {
  const { state, update } = useLock();
  const flash = useFlash();
  const [mode, setMode] = useState<Mode>(startSetting ? 'set' : 'view');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [idle, setIdle] = useState<string | null>(null); // null: the saved value
  const [error, setError] = useState<BackendError | null>(null);
  const [busy, setBusy] = useState(false);
  // Focus is never lost (WCAG 2.4.3): a form opens at its first field, and Cancel or a
  // save goes back to the button that opened it (the banner says what was done).
  const focusAfter = useFocusAfter();
  const setButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<'set' | 'remove'>('set');
  useEffect(() => {
    if (startSetting) document.getElementById(state?.hasPassphrase ? 'current' : 'passphrase')?.focus();
    // on opening only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // The lock state the window holds was read when Involve opened; whether the laptop now
  // holds sealed data (a partner made or pulled since) decides what this section offers.
  useEffect(() => {
    let live = true;
    getLockState()
      .then((s) => live && update(s))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [update]);
  if (!state) return null;
  const has = state.hasPassphrase;
  const errs = fieldErrorMap(error);

  const reset = (m: Mode, refocus = true) => {
    if (!refocus) {
      // the idle time's own form stays where it is, and so does focus
    } else if (m === 'view') {
      // back to the button that opened the form (after a removal only "Set" is left)
      focusAfter(() => (opener.current === 'remove' ? removeButton.current : null) ?? setButton.current);
    } else {
      opener.current = m;
      focusAfter(m === 'set' && !has ? 'passphrase' : 'current');
    }
    setMode(m);
    setCurrent('');
    setNext('');
    setConfirm('');
    setIdle(null);
    setError(null);
  };
  const run = async (work: () => Promise<LockState>, done: string, refocus = true) => {
    setBusy(true);
    try {
      const s = await work();
      update(s);
      reset('view', refocus);
      flash.showMessage(done, true);
    } catch (err) {
      setError(toBackendError(err));
    } finally {
      setBusy(false);
    }
  };

  const submitSet = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (next !== confirm) {
      const msg = 'The two new passphrases are not the same';
      setError({ code: 'invalid', message: msg, fields: [{ field: 'confirm', message: msg }] });
      return;
    }
    void run(() => setPassphrase(has ? current : '', next), has ? 'Passphrase changed' : 'Passphrase set: Involve now locks');
  };
  const submitRemove = (e: FormEvent) => {
    e.preventDefault();
    // Go refuses (conflict) while the laptop holds sealed data: its reason is shown
    if (!busy) void run(() => removePassphrase(current), 'Passphrase removed: Involve no longer locks');
  };
  const submitIdle = (e: FormEvent) => {
    e.preventDefault();
    const n = idle === null ? state.idleMinutes : idle.trim() === '' ? NaN : Number(idle);
    if (!Number.isInteger(n) || n < 1 || n > 60) {
      const msg = 'Enter a whole number of minutes from 1 to 60';
      setError({ code: 'invalid', message: msg, fields: [{ field: 'idleMinutes', message: msg }] });
      return;
    }
    if (!busy) void run(() => setIdleLock(n), `Involve now locks after ${n} minute${n === 1 ? '' : 's'} without use`, false);
  };

  return (
    <section aria-labelledby="lock-heading" data-testid="settings-lock">
      <h2 className="nhsuk-heading-m" id="lock-heading">
        Lock Involve with a passphrase
      </h2>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <FormErrorSummary error={error} knownFields={['current', 'passphrase', 'confirm', 'idleMinutes']} />
          {has ? (
            <p>
              Involve is locked with a passphrase. It opens locked, and locks itself after {state.idleMinutes} minute
              {state.idleMinutes === 1 ? '' : 's'} without use. Lock it now with the Lock button at the top, or Ctrl+L.
            </p>
          ) : (
            <p>
              A passphrase is needed before this laptop can hold Lived Experience Partners' details. With a passphrase, Involve opens locked, locks itself when you leave it, and shows nothing until the
              passphrase is entered. Anyone who picks up this laptop sees only the unlock form.
            </p>
          )}
          {mode === 'view' ? (
            <div className="nhsuk-button-group">
              <Button ref={setButton} type="button" onClick={() => reset('set')}>
                {has ? 'Change passphrase' : 'Set a passphrase'}
              </Button>
              {has && !state.holdsSealedData ? (
                <Button ref={removeButton} type="button" secondary onClick={() => reset('remove')}>
                  Remove passphrase
                </Button>
              ) : null}
            </div>
          ) : null}
          {has && state.holdsSealedData && mode === 'view' ? (
            <p data-testid="passphrase-kept">
              The passphrase cannot be removed: it protects the Lived Experience Partners’ details on this laptop and
              your team’s key. You can change it.
            </p>
          ) : null}
          {mode === 'set' ? (
            <form noValidate onSubmit={submitSet} data-testid="passphrase-form">
              {has ? (
                <TextInput
                  id="current"
                  name="current"
                  type="password"
                  autoComplete="current-password"
                  label="Current passphrase"
                  value={current}
                  error={errs.current}
                  onChange={(e) => setCurrent(e.currentTarget.value)}
                />
              ) : null}
              <TextInput
                id="passphrase"
                name="passphrase"
                type="password"
                autoComplete="new-password"
                label="New passphrase"
                hint={RULE}
                value={next}
                error={errs.passphrase}
                onChange={(e) => setNext(e.currentTarget.value)}
              />
              <TextInput
                id="confirm"
                name="confirm"
                type="password"
                autoComplete="new-password"
                label="New passphrase again"
                value={confirm}
                error={errs.confirm}
                onChange={(e) => setConfirm(e.currentTarget.value)}
              />
              <p>
                Keep the passphrase somewhere safe. If it is forgotten, this laptop has to be set up again: the team’s
                records come back from the server, but changes not yet synced are lost.
              </p>
              <div className="nhsuk-button-group">
                <Button type="submit" disabled={busy}>
                  {has ? 'Change passphrase' : 'Set passphrase'}
                </Button>
                <Button type="button" secondary onClick={() => reset('view')}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : null}
          {mode === 'remove' ? (
            <form noValidate onSubmit={submitRemove} data-testid="remove-passphrase-form">
              <WarningCallout>
                <WarningCallout.Heading>Important</WarningCallout.Heading>
                <p>
                  Without a passphrase, anyone who opens this laptop can see everything Involve holds, including the
                  names and contact details of the people your team works with.
                </p>
              </WarningCallout>
              <TextInput
                id="current"
                name="current"
                type="password"
                autoComplete="current-password"
                label="Current passphrase"
                value={current}
                error={errs.current}
                onChange={(e) => setCurrent(e.currentTarget.value)}
              />
              <div className="nhsuk-button-group">
                <Button type="submit" warning disabled={busy}>
                  Remove passphrase
                </Button>
                <Button type="button" secondary onClick={() => reset('view')}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : null}
          {has && mode === 'view' ? (
            <form noValidate onSubmit={submitIdle} data-testid="idle-form">
              <TextInput
                id="idleMinutes"
                name="idleMinutes"
                inputMode="numeric"
                label="Lock after this many minutes without use"
                hint="From 1 to 60 minutes"
                width={2}
                value={idle ?? String(state.idleMinutes)}
                error={errs.idleMinutes}
                onChange={(e) => setIdle(e.currentTarget.value)}
              />
              <Button type="submit" secondary disabled={busy}>
                Save idle time
              </Button>
            </form>
          ) : null}
        </div>
      </div>
    </section>
  );
}
