// First run: one screen, shown once per data folder before anything else, that says
// where the records are kept, that Involve works offline, and how to join a team server
// later. It asks the user's name (Go: SetUserName), which Go stamps on every record they
// create (createdBy, and "captured by" unless they say otherwise). "Start using Involve"
// saves the name, then dismisses the welcome for good (Go: DismissWelcome).
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Button, InsetText } from 'nhsuk-react-components';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { TextField } from '../components/fields';
import { PlainPage } from '../components/PlainPage';
import { dismissWelcome, getAppInfo, getWelcome, setUserName } from '../lib/backend';
import { fieldErrorMap, toBackendError } from '../lib/errors';
import type { BackendError, Welcome } from '../lib/types';
import { arrivedLaunchAnswer, launchAnswer } from '../lib/launch';

const NAME_NEEDED: BackendError = {
  code: 'invalid',
  message: 'Enter your name',
  fields: [{ field: 'userName', message: 'Enter your name, so the team knows who captured each record' }],
};

export function WelcomeScreen({ welcome, onStart }: { welcome: Welcome; onStart: () => void }) {
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<BackendError | null>(null);
  // A data folder that already has a name (set in Settings before this welcome): offer it.
  useEffect(() => {
    let live = true;
    getAppInfo()
      .then((info) => live && setName((n) => n || info.userName))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setError({ ...NAME_NEEDED });
      return;
    }
    setBusy(true);
    try {
      await setUserName(name);
    } catch (err) {
      const be = toBackendError(err);
      setError(be.fields ? { ...be, fields: be.fields.map((f) => ({ ...f, field: 'userName' })) } : be);
      setBusy(false);
      return;
    }
    try {
      await dismissWelcome();
    } catch {
      // Not fatal: the app works and the name is saved; the welcome shows again next time.
    } finally {
      setBusy(false);
      onStart();
    }
  };
  return (
    <PlainPage testId="welcome">
      <h1 className="nhsuk-heading-l">Welcome to Involve</h1>
      <p className="nhsuk-body-l">
        Record involvement sessions, notes and people’s feedback on this laptop, then share them with your
        team.
      </p>

      <h2 className="nhsuk-heading-m">Your records stay on this laptop</h2>
      <p>Everything you record is saved as you type, in this folder:</p>
      <InsetText>
        <p className="nhsuk-u-font-weight-bold" style={{ overflowWrap: 'anywhere' }} data-testid="welcome-data-dir">
          {welcome.dataDir}
        </p>
      </InsetText>
      <p>
        Involve keeps a backup every day in the “backups” folder inside it. Nothing is lost if the
        laptop’s battery runs out.
      </p>

      <h2 className="nhsuk-heading-m">It works offline</h2>
      <p>
        You do not need the internet or Wi-Fi to use Involve: at a community hall, a library or a market stall,
        it works the same.
      </p>

      <h2 className="nhsuk-heading-m">Sharing with your team later</h2>
      <p>
        When your team has an Involve server, go to <strong>Settings</strong>, then <strong>Connect to server</strong>,
        and enter the server address and the enrolment code your administrator gives you. Your records are
        then shared with the team whenever this laptop is online. Until then, nothing leaves this laptop.
      </p>

      <h2 className="nhsuk-heading-m">Who you are</h2>
      <form noValidate onSubmit={start}>
        <FormErrorSummary error={error} knownFields={['userName']} />
        <TextField
          name="userName"
          label="Your name"
          hint="Saved with every record you create, so the team knows who captured it. You can change it in Settings."
          autoComplete="name"
          value={name}
          onChange={setName}
          error={fieldErrorMap(error).userName ?? (error && !error.fields ? error.message : undefined)}
        />
        <Button type="submit" disabled={busy}>
          Start using Involve
        </Button>
      </form>
    </PlainPage>
  );
}

/** Shows the welcome on first run, else (or once dismissed) the app. */
export function WelcomeGate({ children }: { children: ReactNode }) {
  // an answer already here is used in the first render (lib/launch.ts); the effect
  // still takes it
  const [arrived] = useState(() => arrivedLaunchAnswer<Welcome>('welcome'));
  const [state, setState] = useState<'loading' | 'welcome' | 'app'>(arrived ? (arrived.show ? 'welcome' : 'app') : 'loading');
  const [welcome, setWelcome] = useState<Welcome | null>(arrived ?? null);
  useEffect(() => {
    let live = true;
    launchAnswer('welcome', getWelcome)
      .then((w) => {
        if (!live || w === arrived) return; // drawn already (the person may have started)
        setWelcome(w);
        setState(w.show ? 'welcome' : 'app');
      })
      // Refused (kiosk mode) or not available: no welcome, the app decides what to show.
      .catch(() => live && setState('app'));
    return () => {
      live = false;
    };
  }, [arrived]);
  if (state === 'loading') return null;
  if (state === 'welcome' && welcome) return <WelcomeScreen welcome={welcome} onStart={() => setState('app')} />;
  return <>{children}</>;
}
