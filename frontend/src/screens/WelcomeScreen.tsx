// First run: one screen, shown once per data folder before anything else, that says
// where the records are kept, that Involve works offline, and how to join a team server
// later. "Start using Involve" dismisses it for good (Go: DismissWelcome).
import { useEffect, useState, type ReactNode } from 'react';
import { Button, InsetText } from 'nhsuk-react-components';
import { PlainPage } from '../components/PlainPage';
import { dismissWelcome, getWelcome } from '../lib/backend';
import { toBackendError } from '../lib/errors';
import type { Welcome } from '../lib/types';

export function WelcomeScreen({ welcome, onStart }: { welcome: Welcome; onStart: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const start = async () => {
    setBusy(true);
    try {
      await dismissWelcome();
    } catch (e) {
      // Not fatal: the app works; the welcome shows again next time.
      setProblem(toBackendError(e).message);
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
        <p>
          <code data-testid="welcome-data-dir">{welcome.dataDir}</code>
        </p>
      </InsetText>
      <p>
        Involve keeps a backup every day in the <code>backups</code> folder inside it. Nothing is lost if the
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

      <Button type="button" onClick={start} disabled={busy}>
        Start using Involve
      </Button>
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
    </PlainPage>
  );
}

/** Shows the welcome on first run, else (or once dismissed) the app. */
export function WelcomeGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<'loading' | 'welcome' | 'app'>('loading');
  const [welcome, setWelcome] = useState<Welcome | null>(null);
  useEffect(() => {
    let live = true;
    getWelcome()
      .then((w) => {
        if (!live) return;
        setWelcome(w);
        setState(w.show ? 'welcome' : 'app');
      })
      // Refused (kiosk mode) or not available: no welcome, the app decides what to show.
      .catch(() => live && setState('app'));
    return () => {
      live = false;
    };
  }, []);
  if (state === 'loading') return null;
  if (state === 'welcome' && welcome) return <WelcomeScreen welcome={welcome} onStart={() => setState('app')} />;
  return <>{children}</>;
}
