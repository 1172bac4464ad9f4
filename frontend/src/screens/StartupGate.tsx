// Startup gate: nothing else renders until Go says the data store is usable. "locked"
// (another window has this data folder) and "damaged" (integrity check failed) get a
// full screen of their own; so does a damage report that arrives later as an event.
// In kiosk mode a damaged store shows the public only "needs attention from staff":
// the restore screen is for staff, once they have left kiosk mode with the PIN.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Button, InsetText, TextInput, WarningCallout } from 'nhsuk-react-components';
import { getStartupState, leaveKiosk, onEvent, quit, restoreBackup } from '../lib/backend';
import { toBackendError } from '../lib/errors';
import { PlainPage } from '../components/PlainPage';
import { formatDateTime } from '../lib/dates';
import { backupSizeText } from '../lib/format';
import { Events, type BackendError, type BackupInfo, type DataCheck, type StartupState } from '../lib/types';
import { DataCheckResult } from '../components/DataCheckPanel';
import { arrivedLaunchAnswer, launchAnswer } from '../lib/launch';

function CloseButton() {
  const [problem, setProblem] = useState('');
  return (
    <>
      <Button type="button" secondary onClick={() => quit().catch((e: unknown) => setProblem(toBackendError(e).message))}>
        Close
      </Button>
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
    </>
  );
}

export function LockedScreen({ state }: { state: StartupState }) {
  return (
    <PlainPage>
      <h1 className="nhsuk-heading-l">Involve is already open</h1>
      <p className="nhsuk-body-l">
        Involve is already open with this data folder ({state.dataDir}). Switch to that window to carry on.
      </p>
      <p>Only one Involve window can use the same data at a time, so that nothing is lost.</p>
      <CloseButton />
    </PlainPage>
  );
}

export function DamagedScreen({ state }: { state: StartupState }) {
  const [restoring, setRestoring] = useState('');
  const [error, setError] = useState<BackendError | null>(null);
  const [restored, setRestored] = useState('');
  const backups = [...state.backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));

  const restore = async (b: BackupInfo) => {
    setRestoring(b.name);
    setError(null);
    try {
      const next = await restoreBackup(b.name);
      if (next.status === 'ok') {
        // say where the replaced file was kept before the app starts afresh
        if (next.message) setRestored(next.message);
        else window.location.reload();
        return;
      }
      setError({ code: 'internal', message: next.message || 'The backup could not be restored.' });
    } catch (e) {
      setError(toBackendError(e));
    } finally {
      setRestoring('');
    }
  };

  const [repaired, setRepaired] = useState<DataCheck | null>(null);

  if (repaired?.ok) {
    return (
      <PlainPage>
        <h1 className="nhsuk-heading-l">Your data is usable again</h1>
        <p role="status">{repaired.message}</p>
        <Button type="button" onClick={() => window.location.reload()}>
          Continue
        </Button>
      </PlainPage>
    );
  }

  if (restored) {
    return (
      <PlainPage>
        <h1 className="nhsuk-heading-l">Your backup was restored</h1>
        <p role="status">{restored}</p>
        <Button type="button" onClick={() => window.location.reload()}>
          Continue
        </Button>
      </PlainPage>
    );
  }

  return (
    <PlainPage>
      <h1 className="nhsuk-heading-l">Involve cannot open your records</h1>
      <p className="nhsuk-body-l">
        Involve checked its data file and found that part of it is damaged. This can happen if the computer lost power or
        the disk had a problem while Involve was saving.
      </p>
      {state.message ? <InsetText><p>{state.message}</p></InsetText> : null}
      <WarningCallout>
        <WarningCallout.Heading>Nothing has been deleted</WarningCallout.Heading>
        <p>
          Involve has not changed or removed anything. The damaged file stays in the data folder ({state.dataDir}) so
          that it can be looked at later.
        </p>
      </WarningCallout>
      {state.repairable ? (
        <section aria-labelledby="repair-heading" data-testid="repair">
          <h2 className="nhsuk-heading-m" id="repair-heading">
            Repair the search index first
          </h2>
          <p>
            The damage is in the search index. It is made from your records, so it can be rebuilt without losing
            anything. If the file is still damaged afterwards, restore a backup.
          </p>
          <DataCheckResult
            result={
              repaired ?? {
                ok: false,
                searchIndexDamaged: true,
                message: 'The search index is damaged.',
                details: '',
                checkedAt: '',
              }
            }
            onResult={setRepaired}
          />
        </section>
      ) : null}
      {error ? (
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title">The backup was not restored</h2>
          <div className="nhsuk-error-summary__body">
            <p>{error.message}</p>
          </div>
        </div>
      ) : null}
      {backups.length > 0 ? (
        <>
          <h2 className="nhsuk-heading-m">Backups you can go back to</h2>
          <p>
            Restoring a backup brings back your records as they were when the backup was made. Anything saved after
            that time will not be in it. Newest backups are first.
          </p>
          <ul className="nhsuk-list" data-testid="backup-list">
            {backups.map((b, i) => (
              <li key={b.name} className="nhsuk-card nhsuk-u-margin-bottom-3">
                <div className="nhsuk-card__content">
                  <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2" id={`backup-${i}`}>
                    Backup from {formatDateTime(b.createdAt) || b.name}
                  </h3>
                  <p className="nhsuk-body-s">
                    {b.name} · {backupSizeText(b.sizeBytes)}
                    {b.ok ? ' · checked when it was made' : ' · not checked when it was made'}
                  </p>
                  <Button
                    type="button"
                    className="nhsuk-u-margin-bottom-0"
                    aria-describedby={`backup-${i}`}
                    disabled={restoring !== ''}
                    onClick={() => void restore(b)}
                  >
                    Restore this backup
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          There are no backups to restore. Close Involve and ask your IT or information governance team for help. Do
          not delete the data folder.
        </p>
      )}
      <CloseButton />
    </PlainPage>
  );
}

/** A damaged store while kiosk mode is on: nothing about the data, no way to restore or
 * close; staff leave kiosk mode with the PIN and then see the restore screen. */
export function KioskAttentionScreen({ onLeft }: { onLeft: () => void }) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!pin) {
      setError('Enter the staff PIN');
      return;
    }
    setBusy(true);
    try {
      await leaveKiosk(pin);
      onLeft();
    } catch (err) {
      setError(toBackendError(err).message);
      setPin('');
      setBusy(false);
    }
  };

  return (
    <PlainPage>
      <h1 className="nhsuk-heading-l">This device needs attention from staff</h1>
      <p className="nhsuk-body-l">Sorry, you cannot leave feedback here at the moment. Please tell a member of staff.</p>
      <form noValidate onSubmit={submit} data-testid="kiosk-attention-staff">
        <h2 className="nhsuk-heading-m">Staff</h2>
        <p>Enter the PIN set when kiosk mode started to leave kiosk mode and see what needs doing.</p>
        <TextInput
          id="pin"
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          label="Staff PIN"
          width={10}
          value={pin}
          error={error || undefined}
          onChange={(e) => setPin(e.currentTarget.value)}
        />
        <Button type="submit" disabled={busy}>
          Leave kiosk mode
        </Button>
        <p className="nhsuk-body-s">
          Forgotten the PIN? Your IT team can end kiosk mode from this laptop’s own account with{' '}
          <code>involve kiosk-off</code>.
        </p>
      </form>
    </PlainPage>
  );
}

function StartFailed({ error }: { error: BackendError }) {
  return (
    <PlainPage>
      <h1 className="nhsuk-heading-l">Involve could not start</h1>
      <p>{error.message}</p>
      <CloseButton />
    </PlainPage>
  );
}

export function StartupGate({ children }: { children: ReactNode }) {
  // an answer already here is used in the first render (lib/launch.ts); the effect
  // still takes it
  const [arrived] = useState(() => arrivedLaunchAnswer<StartupState>('startup'));
  const [state, setState] = useState<StartupState | null>(arrived ?? null);
  const [error, setError] = useState<BackendError | null>(null);

  useEffect(() => {
    let live = true;
    launchAnswer('startup', getStartupState)
      .then((s) => live && s !== arrived && setState(s)) // not drawn already
      .catch((e: unknown) => live && setError(toBackendError(e)));
    const off = onEvent<StartupState>(Events.integrity, (s) => {
      if (s && typeof s === 'object') setState(s);
    });
    return () => {
      live = false;
      off();
    };
  }, [arrived]);

  if (error) return <StartFailed error={error} />;
  if (!state) {
    return (
      <p className="nhsuk-u-visually-hidden" role="status">
        Opening Involve…
      </p>
    );
  }
  if (state.status === 'locked') return <LockedScreen state={state} />;
  if (state.status === 'damaged' && state.kiosk) {
    const reread = () => {
      getStartupState()
        .then(setState)
        .catch((e: unknown) => setError(toBackendError(e)));
    };
    return <KioskAttentionScreen onLeft={reread} />;
  }
  if (state.status === 'damaged') return <DamagedScreen state={state} />;
  return <>{children}</>;
}
