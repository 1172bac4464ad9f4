// Settings → Connect to server (#/sync): connect this laptop to the team's server with
// an enrolment code (and, if the team has one, its own certificate authority); when
// connected, what sync is doing, the trusted authority, "Sync now" and "Disconnect".
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { BackLink, Button, Details, SummaryList, Textarea, TextInput, WarningCallout } from 'nhsuk-react-components';
import { roleOf, roleTag } from '../lib/roles';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { Loading, PageHeading } from '../components/PageHeading';
import {
  changesWaiting,
  conflictsText,
  rejectedText,
  relativeTime,
  syncStateText,
  useNow,
  useSyncStatus,
} from '../components/SyncStatus';
import {
  checkCertificateAuthority,
  connectServer,
  disconnectServer,
  getTrustedCA,
  removeTrustedCA,
  syncNow,
} from '../lib/backend';
import { formatDateTime } from '../lib/dates';
import { fieldErrorMap, toBackendError } from '../lib/errors';
import { useFlash } from '../lib/flash';
import type { BackendError, SyncProgress, SyncStatus, TrustedCA } from '../lib/types';

const CONNECT_FIELDS = ['url', 'code', 'ca'] as const;

/** Subject, SHA-256 fingerprint and expiry of a certificate authority. */
function CADescription({ ca, testId }: { ca: TrustedCA; testId: string }) {
  return (
    <dl className="nhsuk-body-s" data-testid={testId}>
      <dt>Subject</dt>
      <dd>{ca.subject}</dd>
      <dt>SHA-256 fingerprint</dt>
      <dd>
        <code className="app-break-all">{ca.fingerprint}</code>
      </dd>
      {ca.notAfter ? (
        <>
          <dt>Expires</dt>
          <dd>{formatDateTime(ca.notAfter)}</dd>
        </>
      ) : null}
      {ca.certificates > 1 ? (
        <>
          <dt>Certificates</dt>
          <dd>{ca.certificates} (the first is described)</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The team's own certificate authority, chosen as a file or pasted; Go checks it. */
function CAField({
  pem,
  onPem,
  error,
}: {
  pem: string;
  onPem: (pem: string, checked: TrustedCA | null, error: string) => void;
  error?: string;
}) {
  const [checked, setChecked] = useState<TrustedCA | null>(null);
  const check = async (text: string) => {
    if (!text.trim()) {
      setChecked(null);
      onPem('', null, '');
      return;
    }
    try {
      const ca = await checkCertificateAuthority(text);
      setChecked(ca);
      onPem(text, ca, '');
    } catch (err) {
      setChecked(null);
      const be = toBackendError(err);
      onPem(text, null, fieldErrorMap(be).ca ?? be.message);
    }
  };
  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (!file) return;
    await check(await file.text());
  };
  return (
    <Details open={pem !== '' || undefined}>
      <Details.Summary>My team uses its own certificate authority</Details.Summary>
      <Details.Text>
        <p>
          Some NHS servers use a certificate from their organisation’s own certificate authority. If your administrator
          gave you one, choose its file or paste it here. Involve will then trust only that authority for this server.
          Check that the fingerprint shown matches the one your administrator gave you.
        </p>
        <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="ca-file">
            Certificate authority file
          </label>
          <div className="nhsuk-hint" id="ca-file-hint">
            A .pem or .crt file starting with -----BEGIN CERTIFICATE-----
          </div>
          <input
            className="nhsuk-file-upload"
            id="ca-file"
            name="ca-file"
            type="file"
            accept=".pem,.crt,.cer,text/plain"
            aria-describedby="ca-file-hint"
            onChange={(e) => void choose(e)}
          />
        </div>
        <Textarea
          id="ca"
          name="ca"
          label="Or paste the certificate"
          labelProps={{ size: 's' }}
          rows={5}
          spellCheck={false}
          value={pem}
          error={error || undefined}
          onChange={(e) => {
            setChecked(null);
            onPem(e.currentTarget.value, null, '');
          }}
          onBlur={(e) => void check(e.currentTarget.value)}
        />
        {checked ? <CADescription ca={checked} testId="ca-chosen" /> : null}
      </Details.Text>
    </Details>
  );
}

function Row({ k, children, testId }: { k: string; children: ReactNode; testId?: string }) {
  return (
    <SummaryList.Row data-testid={testId}>
      <SummaryList.Key>{k}</SummaryList.Key>
      <SummaryList.Value>{children}</SummaryList.Value>
    </SummaryList.Row>
  );
}

/** "Sending changes: 120 of 400" / "Receiving changes…". */
export function progressText(p: SyncProgress | null | undefined): string {
  if (!p) return 'Syncing…';
  const what = p.phase === 'push' ? 'Sending changes' : 'Receiving changes';
  return p.total > 0 ? `${what}: ${p.done} of ${p.total}` : `${what}…`;
}

function ConnectForm({ initialUrl, again, onConnected }: { initialUrl: string; again: boolean; onConnected: (s: SyncStatus) => void }) {
  const [url, setUrl] = useState(initialUrl);
  const [code, setCode] = useState('');
  const [caPem, setCaPem] = useState('');
  const [caError, setCaError] = useState('');
  const [error, setError] = useState<BackendError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const s = await connectServer(url.trim(), code.trim(), caPem.trim() ? caPem : '');
      setError(null);
      setCode('');
      onConnected(s);
    } catch (err) {
      setError(toBackendError(err));
    } finally {
      setBusy(false);
    }
  };

  const fe = fieldErrorMap(error);
  return (
    <>
      <h2 className="nhsuk-heading-m">{again ? 'Connect again' : 'Connect to server'}</h2>
      {again ? null : (
        <p>
          Connect this laptop to your team’s Involve server so that everyone’s work is put together, and you get theirs.
          Ask your administrator for the server address and an enrolment code. Your records stay on this laptop whether
          or not it is connected.
        </p>
      )}
      <FormErrorSummary error={error} knownFields={CONNECT_FIELDS} />
      <form noValidate onSubmit={submit} data-testid="connect-form">
        <TextInput
          id="url"
          name="url"
          type="url"
          label="Server address"
          labelProps={{ size: 's' }}
          hint="For example, https://involve.example.nhs.uk"
          autoComplete="url"
          spellCheck={false}
          width={30}
          value={url}
          error={fe.url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
        <TextInput
          id="code"
          name="code"
          label="Enrolment code"
          labelProps={{ size: 's' }}
          hint="A one-time code from your administrator, for example K7QD-9XWM-3PTR"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          width={20}
          value={code}
          error={fe.code}
          onChange={(e) => setCode(e.currentTarget.value)}
        />
        <CAField
          pem={caPem}
          error={fe.ca ?? caError}
          onPem={(text, _ca, problem) => {
            setCaPem(text);
            setCaError(problem);
          }}
        />
        <div className="app-actions">
          <Button type="submit" aria-disabled={busy || undefined}>
            Connect
          </Button>
          <span role="status" className="app-status">
            {busy ? 'Connecting…' : ''}
          </span>
        </div>
      </form>
    </>
  );
}

function DisconnectConfirm({ status, onDone }: { status: SyncStatus; onDone: (s?: SyncStatus) => void }) {
  const [error, setError] = useState<BackendError | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const yes = async () => {
    setBusy(true);
    try {
      onDone(await disconnectServer());
    } catch (err) {
      setError(toBackendError(err));
      setBusy(false);
    }
  };
  return (
    <WarningCallout ref={ref} tabIndex={-1} data-testid="disconnect-confirm" aria-labelledby="disconnect-heading">
      <WarningCallout.Heading id="disconnect-heading">Disconnect this laptop?</WarningCallout.Heading>
      <p>
        Involve will stop syncing with {status.serverUrl || 'the server'}. Every record stays on this laptop and you can
        keep working.
        {status.pending > 0
          ? ` ${status.pending === 1 ? 'The 1 change' : `The ${status.pending} changes`} not sent yet will stay here until you connect again.`
          : ''}
      </p>
      <p>
        To connect again you will need a new enrolment code made for this laptop by an administrator (
        <code>involve-server device reenrol</code>).
      </p>
      {error ? <p className="nhsuk-error-message">{error.message}</p> : null}
      <div className="app-actions">
        <Button type="button" warning onClick={() => void yes()} aria-disabled={busy || undefined}>
          Yes, disconnect
        </Button>
        <Button type="button" secondary onClick={() => onDone()}>
          Cancel
        </Button>
      </div>
    </WarningCallout>
  );
}

/** The certificate authority trusted for the server, and the way to stop trusting it. */
function TrustedCASection() {
  const [ca, setCa] = useState<TrustedCA | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const { showMessage } = useFlash();
  useEffect(() => {
    let live = true;
    getTrustedCA()
      .then((c) => live && setCa(c))
      .catch((e: unknown) => live && setError(toBackendError(e).message));
    return () => {
      live = false;
    };
  }, []);
  const remove = async () => {
    setBusy(true);
    try {
      setCa(await removeTrustedCA());
      setError('');
      // The button goes: the banner says so and takes focus (WCAG 2.4.3).
      showMessage('Involve no longer trusts your team’s own certificate authority for this server.', true, { focus: true });
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setBusy(false);
    }
  };
  if (!ca && !error) return null;
  return (
    <section aria-labelledby="ca-heading" data-testid="trusted-ca">
      <h2 className="nhsuk-heading-m" id="ca-heading">
        Certificate authority
      </h2>
      {error ? <p className="nhsuk-error-message">{error}</p> : null}
      {ca && ca.present ? (
        <>
          <p>Involve trusts only your team’s own certificate authority for this server:</p>
          <CADescription ca={ca} testId="ca-trusted" />
          <p>
            If you stop trusting it, the server’s certificate must come from an authority this computer already trusts,
            or sync will stop with a certificate problem.
          </p>
          <Button type="button" secondary onClick={() => void remove()} disabled={busy}>
            Stop trusting this authority
          </Button>
        </>
      ) : null}
      {ca && !ca.present ? (
        <p>Involve checks the server’s certificate with the certificate authorities this computer trusts.</p>
      ) : null}
    </section>
  );
}

function Connected({ status, onStatus }: { status: SyncStatus; onStatus: (s: SyncStatus) => void }) {
  const now = useNow();
  const { showMessage, flash, dismiss } = useFlash();
  const [running, setRunning] = useState(false);
  const [syncError, setSyncError] = useState<BackendError | null>(null);
  // After "Sync now" found the laptop offline: said in neutral words, not as an error.
  const [offlineNote, setOfflineNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const disconnectRef = useRef<HTMLButtonElement>(null);
  const syncing = running || status.state === 'syncing';
  // A later sync that went well (in the background) clears the report of a failed one.
  useEffect(() => {
    if (status.state === 'idle') setSyncError(null);
    if (status.state !== 'offline') setOfflineNote('');
  }, [status.state]);
  // Offline (no network, the server not reachable) is an ordinary state, not a problem.
  const offline = status.state === 'offline';
  const problem = status.state === 'error';
  // …so a "Connected to the server" banner left from connecting goes when it is offline.
  const staleConnected = offline && Boolean(flash?.message.startsWith('Connected to the server'));
  useEffect(() => {
    if (staleConnected) dismiss();
  }, [staleConnected, dismiss]);

  const syncRef = useRef<HTMLButtonElement>(null);
  const sync = async () => {
    if (syncing) return;
    setRunning(true);
    setSyncError(null);
    setOfflineNote('');
    try {
      const after = await syncNow();
      onStatus(after);
      // A sync that failed is not a rejected call: the status says what went wrong.
      if (after.state === 'offline') {
        setOfflineNote(`${syncStateText(after)}. Involve will send them when the server can be reached.`);
      } else if (after.state === 'error') {
        setSyncError({ code: 'unavailable', message: syncStateText(after) });
      }
      // The button was disabled while the sync ran: give focus back to it.
      setTimeout(() => {
        if (document.activeElement === document.body) syncRef.current?.focus();
      }, 0);
    } catch (err) {
      setSyncError(toBackendError(err));
    } finally {
      setRunning(false);
    }
  };

  const lastSynced = status.lastSyncedAt
    ? `${formatDateTime(status.lastSyncedAt)} (${relativeTime(status.lastSyncedAt, now)})`
    : 'Not synced yet';

  return (
    <>
      <FormErrorSummary error={syncError} title="Sync did not finish" />
      {status.state === 'unauthorized' ? null : <h2 className="nhsuk-heading-m">{offline ? 'Offline' : 'Connected'}</h2>}
      <SummaryList data-testid="sync-summary">
        <Row k="Server">
          <code>{status.serverUrl}</code>
        </Row>
        <Row k="Team">{status.teamName || 'Not known'}</Row>
        {status.deviceName ? <Row k="This laptop">{status.deviceName}</Row> : null}
        {roleOf(status) ? <Row k="Role" testId="sync-role">{roleTag(roleOf(status))}</Row> : null}
        <Row k="Status" testId="sync-state">
          <span className={problem || status.state === 'unauthorized' ? 'app-status--error' : undefined}>
            {syncStateText(status, now)}
          </span>
        </Row>
        {status.state === 'needs_passphrase' ? (
          <Row k="What to do" testId="sync-needs-passphrase">
            <Link to="/settings">Set a passphrase in Settings</Link> (Lock Involve with a passphrase). Your changes are
            still sent; partners’ details come to this laptop once it is locked.
          </Row>
        ) : null}
        <Row k="Last synced">{lastSynced}</Row>
        <Row k="Changes waiting">{status.pending > 0 ? changesWaiting(status.pending) : 'None'}</Row>
        {offline && status.message ? <Row k="Details">{status.message}</Row> : null}
        {(problem || offline) && status.nextAttemptAt ? <Row k="Next try">{formatDateTime(status.nextAttemptAt)}</Row> : null}
        <Row k="Conflicts">
          {status.conflicts > 0 ? <Link to="/sync/conflicts">{conflictsText(status.conflicts)} to resolve</Link> : 'None'}
        </Row>
        <Row k="Rejected changes">
          {status.rejected > 0 ? <Link to="/sync/rejected">{rejectedText(status.rejected)}</Link> : 'None'}
        </Row>
      </SummaryList>

      {status.state === 'unauthorized' ? null : (
        <div className="app-actions" data-testid="sync-actions">
          <Button
            type="button"
            ref={syncRef}
            onClick={() => void sync()}
            disabled={syncing}
            aria-describedby="sync-progress"
          >
            Sync now
          </Button>
          <span id="sync-progress" role="status" className="app-status" data-testid="sync-progress">
            {syncing ? progressText(status.state === 'syncing' ? status.progress : null) : offlineNote}
          </span>
        </div>
      )}

      {status.conflicts === 0 && status.rejected === 0 ? null : (
        <p>
          <Link to="/sync/conflicts">See conflicts</Link> · <Link to="/sync/rejected">See rejected changes</Link>
        </p>
      )}

      <TrustedCASection />

      <h2 className="nhsuk-heading-m">Disconnect</h2>
      {confirming ? (
        <DisconnectConfirm
          status={status}
          onDone={(s) => {
            setConfirming(false);
            if (s) {
              onStatus(s);
              // The screen becomes the connect form: the banner takes focus (WCAG 2.4.3).
              showMessage('This laptop is disconnected from the server. Your records are still here.', true, { focus: true });
            } else {
              setTimeout(() => disconnectRef.current?.focus(), 0);
            }
          }}
        />
      ) : (
        <>
          <p>Stop syncing this laptop with the server. Your records stay on this laptop.</p>
          <Button type="button" secondary ref={disconnectRef} onClick={() => setConfirming(true)}>
            Disconnect
          </Button>
        </>
      )}
    </>
  );
}

export function SyncScreen() {
  const { status, error, setStatus } = useSyncStatus();
  const { showMessage } = useFlash();

  const onConnected = (s: SyncStatus) => {
    setStatus(s);
    // The connect form gives way to the connection's summary: the banner takes focus (WCAG 2.4.3).
    showMessage(s.teamName ? `Connected to the server for ${s.teamName}.` : 'Connected to the server.', true, { focus: true });
  };

  let body: ReactNode;
  if (!status) {
    body = error ? (
      <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
        <h2 className="nhsuk-error-summary__title">Sync is not available</h2>
        <div className="nhsuk-error-summary__body">
          <p>{error.message}</p>
        </div>
      </div>
    ) : (
      <Loading />
    );
  } else if (!status.connected || status.state === 'not_connected') {
    body = <ConnectForm initialUrl={status.serverUrl} again={false} onConnected={onConnected} />;
  } else if (status.state === 'unauthorized') {
    body = (
      <>
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1} data-testid="sync-unauthorized">
          <h2 className="nhsuk-error-summary__title">This laptop needs to connect again</h2>
          <div className="nhsuk-error-summary__body">
            <p>{syncStateText(status)}</p>
            <p>
              Nothing on this laptop has been lost. Ask an administrator for a new enrolment code made for this laptop
              (<code>involve-server device reenrol</code>), then connect again below.
            </p>
          </div>
        </div>
        <ConnectForm initialUrl={status.serverUrl} again onConnected={onConnected} />
        <Connected status={status} onStatus={setStatus} />
      </>
    );
  } else {
    body = <Connected status={status} onStatus={setStatus} />;
  }

  return (
    <>
      <BackLink asElement={Link} to="/settings">
        Settings
      </BackLink>
      <PageHeading>Sync with your team</PageHeading>
      {body}
    </>
  );
}
