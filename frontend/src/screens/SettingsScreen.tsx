// Settings and about: your name, the team server (sync), a check of the data (and the
// search index's repair), where the data lives, versions.
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, SummaryList, TextInput } from 'nhsuk-react-components';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { syncStatusText, useSyncStatus } from '../components/SyncStatus';
import { DataCheckPanel } from '../components/DataCheckPanel';
import { RoleSummary, useRole } from '../components/Roles';
import { canSetRetention } from './retention/retention';
import { canAssessStandards } from '../lib/standards';
import { PassphraseSettings } from '../components/PassphraseSettings';
import { StallNameSettings } from '../components/StallNameSettings';
import { getAppInfo, setUserName } from '../lib/backend';
import { fieldErrorMap, toBackendError } from '../lib/errors';
import { useFlash } from '../lib/flash';
import { useLoad } from '../lib/useLoad';
import type { BackendError } from '../lib/types';

/** The team server: where sync stands and the way to connect or manage it (#/sync). */
function ServerSection() {
  const { status, error } = useSyncStatus();
  const connected = !!status && status.connected && status.state !== 'not_connected';
  return (
    <section aria-labelledby="server-heading" data-testid="settings-sync">
      <h2 className="nhsuk-heading-m" id="server-heading">
        Team server
      </h2>
      {!status && !error ? <Loading /> : null}
      {error && !status ? <p>Sync is not available: {error.message}</p> : null}
      {status && !connected ? (
        <p>
          This laptop is not connected to a server. Everything you record stays on this laptop. Connect to your team’s
          server to share your work with the team.
        </p>
      ) : null}
      {status && connected ? (
        <>
          <p className="nhsuk-u-margin-bottom-2">
            Connected to <code>{status.serverUrl}</code>
            {status.teamName ? ` for ${status.teamName}` : ''}.
          </p>
          <p>{syncStatusText(status, Date.now())}</p>
          <RoleSummary />
        </>
      ) : null}
      <p>
        <Link to="/sync" className="nhsuk-link">
          {connected ? 'Server and sync' : 'Connect to server'}
        </Link>
      </p>
    </section>
  );
}

/** How long the team keeps records: the schedule (everyone reads it) and, for a lead, the due list. */
function RetentionSection() {
  const { role } = useRole();
  return (
    <section aria-labelledby="retention-heading" data-testid="settings-retention">
      <h2 className="nhsuk-heading-m" id="retention-heading">
        How long we keep records
      </h2>
      <p>Each kind of record is kept for a set period, then reviewed. Your team’s lead sets the periods.</p>
      <ul className="nhsuk-list">
        <li>
          <Link to="/settings/retention" className="nhsuk-link">
            {canSetRetention(role) ? 'See or change how long we keep records' : 'See how long we keep records'}
          </Link>
        </li>
        {canSetRetention(role) ? (
          <li>
            <Link to="/retention/due" className="nhsuk-link">
              Records due for review
            </Link>
          </li>
        ) : null}
        <li>
          <Link to="/benchmarks" className="nhsuk-link">
            Benchmark populations to compare reach with
          </Link>
        </li>
      </ul>
    </section>
  );
}

/** For a lead: the self-assessment against the UK Standards (others find it under Reports). */
function StandardsSection() {
  const { role } = useRole();
  if (!canAssessStandards(role)) return null;
  return (
    <section aria-labelledby="standards-heading" data-testid="settings-standards">
      <h2 className="nhsuk-heading-m" id="standards-heading">
        UK Standards for Public Involvement
      </h2>
      <p>
        <Link to="/standards" className="nhsuk-link">
          Rate the team against the UK Standards
        </Link>
      </p>
    </section>
  );
}

export function SettingsScreen() {
  const info = useLoad(() => getAppInfo(), []);
  const { showMessage } = useFlash();
  const [name, setName] = useState('');
  const [error, setError] = useState<BackendError | null>(null);
  useEffect(() => {
    if (info.data) setName(info.data.userName);
  }, [info.data]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const updated = await setUserName(name);
      info.setData(() => updated);
      setError(null);
      showMessage('Your name is saved.');
    } catch (err) {
      const be = toBackendError(err);
      setError(be.fields ? { ...be, fields: be.fields.map((f) => ({ ...f, field: 'userName' })) } : be);
    }
  };

  if (info.error && !info.data) return <LoadProblem title="Settings" message={info.error.message} />;
  const d = info.data;
  return (
    <>
      <PageHeading>Settings</PageHeading>
      {!d ? (
        <Loading />
      ) : (
        <>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-two-thirds">
              <FormErrorSummary error={error} knownFields={['userName']} />
              <form noValidate onSubmit={save}>
                <TextInput
                  id="userName"
                  name="userName"
                  label="Your name"
                  labelProps={{ size: 'm' }}
                  hint="Saved with every record you create, so the team knows who captured it"
                  autoComplete="name"
                  value={name}
                  error={fieldErrorMap(error).userName ?? (error && !error.fields ? error.message : undefined)}
                  onChange={(e) => setName(e.currentTarget.value)}
                />
                <Button type="submit">Save name</Button>
              </form>
            </div>
          </div>
          <ServerSection />
          <StallNameSettings />
          <section aria-labelledby="questions-heading">
            <h2 className="nhsuk-heading-m" id="questions-heading">
              Questions and languages
            </h2>
            <ul className="nhsuk-list">
              <li>
                <Link to="/question-sets" className="nhsuk-link">
                  Question sets
                </Link>
              </li>
              <li>
                <Link to="/kiosk-words" className="nhsuk-link">
                  The kiosk’s words in other languages
                </Link>
              </li>
            </ul>
          </section>
          <RetentionSection />
          <StandardsSection />
          <PassphraseSettings />
          <DataCheckPanel />
          <h2 className="nhsuk-heading-m">About Involve</h2>
          <p>
            <Link to="/about" className="nhsuk-link">
              Version, licence and open-source components
            </Link>
          </p>
          <SummaryList data-testid="about">
            <SummaryList.Row>
              <SummaryList.Key>Version</SummaryList.Key>
              <SummaryList.Value>{d.version}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Data folder</SummaryList.Key>
              <SummaryList.Value>
                <code>{d.dataDir}</code>
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Database file</SummaryList.Key>
              <SummaryList.Value>
                <code>{d.dbPath}</code>
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Device ID</SummaryList.Key>
              <SummaryList.Value>
                <code>{d.deviceId}</code>
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Schema version</SummaryList.Key>
              <SummaryList.Value>{d.schemaVersion}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Reference data version</SummaryList.Key>
              <SummaryList.Value>{d.referenceVersion}</SummaryList.Value>
            </SummaryList.Row>
          </SummaryList>
        </>
      )}
    </>
  );
}
