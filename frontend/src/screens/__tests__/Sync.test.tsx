import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { Events, type SyncStatus } from '../../lib/types';
import { emit } from '../../test/backendMock';
import { renderAt } from '../../test/fixtures';
import { notConnected, rejectedChange, syncStatus } from '../../test/syncFixtures';
import { SyncScreen } from '../SyncScreen';
import { RejectedScreen } from '../RejectedScreen';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const routes = [
  { path: '/sync', element: <SyncScreen /> },
  { path: '/sync/rejected', element: <RejectedScreen /> },
];

describe('connect to server', () => {
  it('shows Go field errors as an error summary with links and beside each field', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
    vi.mocked(backend.connectServer).mockRejectedValue({
      code: 'invalid',
      message: 'Check the server details',
      fields: [
        { field: 'url', message: 'Enter the server address, like https://involve.example.nhs.uk' },
        { field: 'code', message: 'Enter the enrolment code' },
      ],
    });
    renderAt('/sync', routes);
    expect(await screen.findByRole('heading', { level: 2, name: 'Connect to server' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Server address'), 'involve');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(backend.connectServer).toHaveBeenCalledWith('involve', '', '');

    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeInTheDocument();
    await waitFor(() => expect(summary).toHaveFocus());
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['#url', '#code']);
    expect(links[1]).toHaveTextContent('Enter the enrolment code');

    const url = screen.getByLabelText('Server address');
    expect(url.closest('.nhsuk-form-group')).toHaveClass('nhsuk-form-group--error');
    expect(url).toHaveAccessibleDescription(/Enter the server address/);
    const code = screen.getByLabelText('Enrolment code');
    expect(code).toHaveAccessibleDescription(/Enter the enrolment code/);

    await user.click(links[1]);
    expect(code).toHaveFocus();
    expect(screen.getByTestId('location')).toHaveTextContent('/sync');
  });

  it('a refused code is said in the summary', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
    vi.mocked(backend.connectServer).mockRejectedValue({ code: 'unauthorized', message: 'That enrolment code is not valid. Ask for a new one.' });
    renderAt('/sync', routes);
    await user.type(await screen.findByLabelText('Server address'), 'https://involve.example.nhs.uk');
    await user.type(screen.getByLabelText('Enrolment code'), 'K7QD-9XWM-3PTR');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('That enrolment code is not valid. Ask for a new one.');
  });

  it('connects with the trimmed address and code, then shows the connected state', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
    vi.mocked(backend.connectServer).mockResolvedValue(syncStatus({ lastSyncedAt: '', pending: 5 }));
    renderAt('/sync', routes);
    await user.type(await screen.findByLabelText('Server address'), ' https://involve.example.nhs.uk ');
    await user.type(screen.getByLabelText('Enrolment code'), 'K7QD-9XWM-3PTR ');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(backend.connectServer).toHaveBeenCalledWith('https://involve.example.nhs.uk', 'K7QD-9XWM-3PTR', '');
    expect(await screen.findByRole('button', { name: 'Sync now' })).toBeInTheDocument();
    expect(screen.getByTestId('flash')).toHaveTextContent('Connected to the server for South London.');
    expect(screen.getByTestId('sync-summary')).toHaveTextContent('Not synced yet');
    expect(screen.getByTestId('sync-summary')).toHaveTextContent('5 changes waiting');
  });
});

describe('connected', () => {
  it('shows server, team, last synced and status, with Sync now and Disconnect', async () => {
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ pending: 3, conflicts: 2, rejected: 1 }));
    renderAt('/sync', routes);
    const summary = await screen.findByTestId('sync-summary');
    expect(summary).toHaveTextContent('https://involve.example.nhs.uk');
    expect(summary).toHaveTextContent('South London');
    expect(summary).toHaveTextContent('hin-laptop-12');
    expect(within(summary).getByTestId('sync-state')).toHaveTextContent('Synced 2 minutes ago');
    expect(summary).toHaveTextContent('3 changes waiting');
    expect(within(summary).getByRole('link', { name: '2 conflicts to resolve' })).toHaveAttribute('href', '/sync/conflicts');
    expect(within(summary).getByRole('link', { name: '1 rejected change' })).toHaveAttribute('href', '/sync/rejected');
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Enrolment code')).toBeNull();
  });

  it('waiting for a passphrase: says so and links to Settings; Sync now stays', async () => {
    const msg = "Sync is waiting: set a passphrase to lock Involve before partners' details can come to this laptop.";
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ state: 'needs_passphrase', message: msg }));
    renderAt('/sync', routes);
    const summary = await screen.findByTestId('sync-summary');
    expect(within(summary).getByTestId('sync-state')).toHaveTextContent(msg);
    expect(within(summary).getByRole('link', { name: 'Set a passphrase in Settings' })).toHaveAttribute('href', '/settings');
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  });

  it('Sync now is disabled while syncing and shows progress', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus());
    let finish: (s: SyncStatus) => void = () => {};
    vi.mocked(backend.syncNow).mockReturnValue(new Promise((r) => (finish = r)));
    renderAt('/sync', routes);
    const button = await screen.findByRole('button', { name: 'Sync now' });
    await user.click(button);
    expect(backend.syncNow).toHaveBeenCalledTimes(1);
    expect(button).toBeDisabled();
    expect(screen.getByTestId('sync-progress')).toHaveTextContent('Syncing…');

    act(() => emit(Events.syncStatus, syncStatus({ state: 'syncing', progress: { phase: 'push', done: 120, total: 400 } })));
    expect(screen.getByTestId('sync-progress')).toHaveTextContent('Sending changes: 120 of 400');
    act(() => emit(Events.syncStatus, syncStatus({ state: 'syncing', progress: { phase: 'pull', done: 7, total: 0 } })));
    expect(screen.getByTestId('sync-progress')).toHaveTextContent('Receiving changes…');

    await act(async () => finish(syncStatus({ lastSyncedAt: new Date().toISOString() })));
    expect(button).toBeEnabled();
    expect(screen.getByTestId('sync-progress')).toHaveTextContent(/^$/);
    expect(screen.getByTestId('sync-state')).toHaveTextContent('Synced just now');
  });

  it('Sync now is disabled while a background sync runs', async () => {
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ state: 'syncing', progress: null }));
    renderAt('/sync', routes);
    expect(await screen.findByRole('button', { name: 'Sync now' })).toBeDisabled();
  });

  it('a failed sync is reported; the laptop keeps its work', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus());
    vi.mocked(backend.syncNow).mockRejectedValue({ code: 'unavailable', message: 'Server not reachable — your work is safe on this laptop' });
    renderAt('/sync', routes);
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('Sync did not finish');
    expect(summary).toHaveTextContent('Server not reachable — your work is safe on this laptop');
  });

  it('a sync that ends offline says so in neutral words, not as an error (SyncNow resolves)', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ pending: 3 }));
    vi.mocked(backend.syncNow).mockResolvedValue(
      syncStatus({ state: 'offline', pending: 3, message: 'Server not reachable — your work is safe on this laptop. Involve will try again.' }),
    );
    renderAt('/sync', routes);
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-progress')).toHaveTextContent(
        'Offline — 3 changes saved on this laptop. Involve will send them when the server can be reached.',
      ),
    );
    expect(screen.queryByTestId('error-summary')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    const state = screen.getByTestId('sync-state');
    expect(state).toHaveTextContent('Offline — 3 changes saved on this laptop');
    expect(state.querySelector('.app-status--error')).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Offline' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 2, name: 'Connected' })).toBeNull();
    expect(screen.getByTestId('sync-summary')).toHaveTextContent('Server not reachable');

    act(() => emit(Events.syncStatus, syncStatus({ lastSyncedAt: new Date().toISOString() })));
    expect(screen.getByTestId('sync-progress')).toHaveTextContent(/^$/);
    expect(screen.getByRole('heading', { level: 2, name: 'Connected' })).toBeInTheDocument();
  });

  it('a sync the server fails is still reported as a problem', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus());
    vi.mocked(backend.syncNow).mockResolvedValue(syncStatus({ state: 'error', message: 'The server had a problem and could not sync.' }));
    renderAt('/sync', routes);
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('Sync did not finish');
    expect(summary).toHaveTextContent('The server had a problem and could not sync.');
    expect(screen.getByTestId('sync-state').querySelector('.app-status--error')).not.toBeNull();

    act(() => emit(Events.syncStatus, syncStatus({ lastSyncedAt: new Date().toISOString() })));
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });

  it('an old "Connected to the server" banner goes when the laptop is offline', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
    vi.mocked(backend.connectServer).mockResolvedValue(syncStatus({ teamName: 'South London' }));
    renderAt('/sync', routes);
    await user.type(await screen.findByLabelText('Server address'), 'https://involve.example.nhs.uk');
    await user.type(screen.getByLabelText('Enrolment code'), 'K7QD-9XWM-3PTR');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByTestId('flash')).toHaveTextContent('Connected to the server for South London.');
    act(() => emit(Events.syncStatus, syncStatus({ state: 'offline', pending: 1 })));
    await waitFor(() => expect(screen.queryByTestId('flash')).toBeNull());
    expect(screen.getByTestId('sync-state')).toHaveTextContent('Offline — 1 change saved on this laptop');
  });

  it('Disconnect asks first, explaining that local data stays; Cancel keeps the connection', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ pending: 3 }));
    vi.mocked(backend.disconnectServer).mockResolvedValue(notConnected({ pending: 3 }));
    renderAt('/sync', routes);
    await user.click(await screen.findByRole('button', { name: 'Disconnect' }));
    const confirm = screen.getByTestId('disconnect-confirm');
    expect(confirm).toHaveTextContent('Every record stays on this laptop');
    expect(confirm).toHaveTextContent('The 3 changes not sent yet will stay here');
    await waitFor(() => expect(confirm).toHaveFocus());
    expect(backend.disconnectServer).not.toHaveBeenCalled();

    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('disconnect-confirm')).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Disconnect' })).toHaveFocus());

    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    await user.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    expect(backend.disconnectServer).toHaveBeenCalledTimes(1);
    expect(await screen.findByLabelText('Server address')).toBeInTheDocument();
    expect(screen.getByTestId('flash')).toHaveTextContent('Your records are still here.');
  });

  it('a laptop the server refuses is asked to connect again, with the address filled in', async () => {
    vi.mocked(backend.getSyncStatus).mockResolvedValue(
      syncStatus({ state: 'unauthorized', message: 'The server no longer accepts this laptop' }),
    );
    renderAt('/sync', routes);
    expect(await screen.findByTestId('sync-unauthorized')).toHaveTextContent('The server no longer accepts this laptop');
    // the same advice as the server's: a code made for this laptop, not any new code
    expect(screen.getByTestId('sync-unauthorized')).toHaveTextContent(
      'Ask an administrator for a new enrolment code made for this laptop (involve-server device reenrol)',
    );
    expect(screen.getByTestId('sync-unauthorized')).not.toHaveTextContent('Ask your administrator for a new enrolment code.');
    expect(screen.getByRole('heading', { level: 2, name: 'Connect again' })).toBeInTheDocument();
    expect(screen.getByLabelText('Server address')).toHaveValue('https://involve.example.nhs.uk');
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeInTheDocument();
  });
});

describe('the team’s own certificate authority', () => {
  const caPEM = '-----BEGIN CERTIFICATE-----\nMIIBtrustroot\n-----END CERTIFICATE-----\n';
  const trusted = {
    present: true,
    subject: 'CN=Trust Root CA,O=NHS Trust',
    fingerprint: 'AB:CD:EF:01',
    notAfter: '2030-01-02T00:00:00.000Z',
    certificates: 1,
  };

  it('refuses what Go refuses (a private key) beside the field, and connects with a checked certificate', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
    vi.mocked(backend.checkCertificateAuthority)
      .mockRejectedValueOnce({
        code: 'invalid',
        message: 'Check the certificate authority',
        fields: [{ field: 'ca', message: 'This file holds a private key, not a certificate.' }],
      })
      .mockResolvedValueOnce(trusted);
    vi.mocked(backend.connectServer).mockResolvedValue(syncStatus());
    renderAt('/sync', routes);
    await user.type(await screen.findByLabelText('Server address'), 'https://involve.example.nhs.uk');
    await user.type(screen.getByLabelText('Enrolment code'), 'K7QD-9XWM-3PTR');
    await user.click(screen.getByText('My team uses its own certificate authority'));

    const pasted = screen.getByLabelText('Or paste the certificate');
    await user.click(pasted);
    await user.paste('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----');
    await user.tab();
    expect(await screen.findByText(/This file holds a private key, not a certificate./)).toBeInTheDocument();
    expect(pasted).toHaveAccessibleDescription(/private key/);
    expect(screen.queryByTestId('ca-chosen')).toBeNull();

    await user.clear(pasted);
    await user.paste(caPEM);
    await user.tab();
    const chosen = await screen.findByTestId('ca-chosen');
    expect(chosen).toHaveTextContent('CN=Trust Root CA,O=NHS Trust');
    expect(chosen).toHaveTextContent('AB:CD:EF:01');
    expect(backend.checkCertificateAuthority).toHaveBeenLastCalledWith(caPEM);

    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(backend.connectServer).toHaveBeenCalledWith('https://involve.example.nhs.uk', 'K7QD-9XWM-3PTR', caPEM);
  });

  it('reads a chosen file', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
    vi.mocked(backend.checkCertificateAuthority).mockResolvedValue(trusted);
    renderAt('/sync', routes);
    await user.click(await screen.findByText('My team uses its own certificate authority'));
    await user.upload(screen.getByLabelText('Certificate authority file'), new File([caPEM], 'trust-root.pem', { type: 'text/plain' }));
    expect(await screen.findByTestId('ca-chosen')).toHaveTextContent('AB:CD:EF:01');
    expect(backend.checkCertificateAuthority).toHaveBeenCalledWith(caPEM);
    expect(screen.getByLabelText('Or paste the certificate')).toHaveValue(caPEM);
  });

  it('shows the trusted authority when connected, and stops trusting it', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus());
    vi.mocked(backend.getTrustedCA).mockResolvedValue(trusted);
    vi.mocked(backend.removeTrustedCA).mockResolvedValue({ present: false, subject: '', fingerprint: '', notAfter: '', certificates: 0 });
    renderAt('/sync', routes);
    const shown = await screen.findByTestId('ca-trusted');
    expect(shown).toHaveTextContent('CN=Trust Root CA,O=NHS Trust');
    expect(shown).toHaveTextContent('AB:CD:EF:01');
    await user.click(screen.getByRole('button', { name: 'Stop trusting this authority' }));
    expect(backend.removeTrustedCA).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(/certificate authorities this computer trusts/)).toBeInTheDocument();
    expect(screen.queryByTestId('ca-trusted')).toBeNull();
  });
});

describe('rejected changes', () => {
  it('lists each with its record, reason and time, newest first', async () => {
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ rejected: 2 }));
    vi.mocked(backend.listRejectedChanges).mockResolvedValue([
      rejectedChange({ changeId: 'old', recordTitle: 'Steering group', at: '2026-03-01T09:00:00.000Z' }),
      rejectedChange({
        changeId: 'new',
        entity: 'feedback',
        recordId: 'f1',
        recordTitle: '',
        reason: 'This feedback belongs to a session the server does not have.',
        at: '2026-03-02T10:05:00.000Z',
      }),
    ]);
    renderAt('/sync/rejected', routes);
    expect(await screen.findByRole('heading', { level: 1, name: /Rejected changes/ })).toBeInTheDocument();
    const rows = await screen.findAllByTestId('rejected-item');
    expect(rows.map((r) => r.getAttribute('data-change-id'))).toEqual(['new', 'old']);
    expect(rows[0]).toHaveTextContent('Untitled feedback');
    expect(rows[0]).toHaveTextContent('This feedback belongs to a session the server does not have.');
    expect(rows[0]).toHaveTextContent('2 March 2026 at');
    expect(within(rows[1]).getByRole('link', { name: 'Steering group' })).toHaveAttribute('href', '/sessions/s1');
    expect(screen.getByText(/never deleted/)).toBeInTheDocument();
  });

  it('says when there are none', async () => {
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus());
    vi.mocked(backend.listRejectedChanges).mockResolvedValue([]);
    renderAt('/sync/rejected', routes);
    expect(await screen.findByTestId('no-rejected')).toHaveTextContent('No changes have been rejected.');
  });
});
