// Start kiosk mode (#/sessions/:id/kiosk): says what kiosk mode does, then asks for a
// staff PIN twice. On success the whole app becomes the public feedback form.
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { BackLink, Button, TextInput, WarningCallout } from 'nhsuk-react-components';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { LoadProblem, PageHeading, LoadingPage } from '../components/PageHeading';
import { getSession, startKiosk } from '../lib/backend';
import { fieldErrorMap, toBackendError } from '../lib/errors';
import { useLoad } from '../lib/useLoad';
import type { BackendError, Session } from '../lib/types';
import { useKiosk } from './KioskGate';

const PIN_FIELDS = ['pin', 'pinConfirm'] as const;

/** A PIN box: hidden as typed, numbers, never filled in by the browser; what is typed is trimmed. */
function PinInput(p: { name: string; label: string; hint?: string; value: string; error?: string; onChange: (v: string) => void }) {
  return (
    <TextInput
      id={p.name}
      name={p.name}
      type="password"
      inputMode="numeric"
      autoComplete="new-password"
      label={p.label}
      labelProps={{ size: 's' }}
      hint={p.hint}
      width={10}
      value={p.value}
      error={p.error}
      onChange={(e) => p.onChange(e.currentTarget.value.trim())}
    />
  );
}

export function StartKioskScreen() {
  const { id = '' } = useParams();
  const { enter } = useKiosk();
  const session = useLoad<Session>(() => getSession(id), [id]);
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<BackendError | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const errs = fieldErrorMap(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busyRef.current) return;
    const fields = [];
    if (!/^[0-9]{4,8}$/.test(pin)) fields.push({ field: 'pin', message: 'Enter a PIN of 4 to 8 numbers' });
    if (pin !== confirm) fields.push({ field: 'pinConfirm', message: 'The two PINs do not match: enter the same PIN again' });
    if (fields.length > 0) {
      setError({ code: 'invalid', message: 'There is a problem with the PIN', fields });
      return;
    }
    busyRef.current = true;
    setBusy(true);
    try {
      const state = await startKiosk(id, pin);
      enter(state);
    } catch (err) {
      setError(toBackendError(err));
      busyRef.current = false;
      setBusy(false);
    }
  };

  if (session.error && !session.data) {
    return (
      <>
        <BackLink asElement={Link} to="/">Back</BackLink>
        <LoadProblem title="Start kiosk mode" message={session.error.message} />
      </>
    );
  }
  if (!session.data) {
    return <LoadingPage title="Start kiosk mode" />;
  }
  const s = session.data;

  return (
    <>
      <BackLink asElement={Link} to={`/sessions/${s.id}`}>
        Back to session
      </BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <PageHeading caption={s.title || 'Untitled session'}>Start kiosk mode</PageHeading>
          <p className="nhsuk-body-l">
            Kiosk mode turns this laptop into a feedback screen for the public, for example on a stall.
          </p>
          <ul className="nhsuk-list nhsuk-list--bullet">
            <li>
              People can leave a comment, a rating with faces and words, topics, and optional anonymous answers about
              themselves (age, ethnic group, borough). They can switch the form to another language.
            </li>
            <li>
              Everything they send is saved in this session, “{s.title || 'Untitled session'}”, with the source
              “Kiosk”. No staff name is shown.
            </li>
            <li>
              While kiosk mode is on, the laptop shows only the feedback form: no other sessions, feedback, search,
              reports or settings. It stays on if Involve is closed and opened again.
            </li>
            <li>
              To leave, choose “Staff: leave kiosk” at the bottom of the screen and enter the PIN you set here.
            </li>
          </ul>
          <WarningCallout>
            <WarningCallout.Heading headingLevel="h2">Choose a PIN you will remember</WarningCallout.Heading>
            <p>
              Do not use a PIN that is easy to guess, such as 1234 or a date of birth, and do not tell it to the public.
              After 5 wrong PINs in a row, each try has to wait longer (30 seconds, then 1 minute, 2 minutes and so on).
            </p>
          </WarningCallout>

          <form noValidate onSubmit={submit} data-testid="start-kiosk-form">
            <FormErrorSummary error={error} knownFields={PIN_FIELDS} />
            <PinInput name="pin" label="Staff PIN" hint="4 to 8 numbers" value={pin} error={errs.pin} onChange={setPin} />
            <PinInput name="pinConfirm" label="Enter the PIN again" value={confirm} error={errs.pinConfirm} onChange={setConfirm} />
            <div className="nhsuk-button-group">
              <Button type="submit" disabled={busy}>
                Start kiosk mode
              </Button>
              <Link to={`/sessions/${s.id}`} className="nhsuk-link">
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
