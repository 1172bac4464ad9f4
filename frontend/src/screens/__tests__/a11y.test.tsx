// axe-core over the main screens (jsdom: no layout, so colour contrast is checked in the
// end-to-end tests instead). No serious or critical violations are allowed.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import * as backend from '../../lib/backend';
import { feedback, session, summary, themes } from '../../test/fixtures';
import { conflict, notConnected, rejectedChange, side, syncStatus } from '../../test/syncFixtures';
import { DamagedScreen, KioskAttentionScreen, LockedScreen } from '../StartupGate';
import { expectAxeClean } from '../../test/axe';
import { renderApp } from '../../test/renderApp';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

describe('accessibility (axe)', () => {
  beforeEach(() => {
    vi.mocked(backend.getHome).mockResolvedValue({
      today: [summary({ id: 't1', title: 'Library drop-in' })],
      recent: [summary({ id: 'r1', title: 'Steering group' })],
      counts: { projects: 1, sessions: 2, feedback: 3, feedbackToday: 1, needsResponse: 0 },
    });
    vi.mocked(backend.getSession).mockResolvedValue(session({ standards: ['1'], notes: 'Some notes' }));
    vi.mocked(backend.listFeedback).mockResolvedValue([feedback({ themes: ['t-access'], needsResponse: true })]);
    vi.mocked(backend.listThemes).mockResolvedValue(themes);
    vi.mocked(backend.getSessionQuestions).mockResolvedValue({ sessionId: 's1', fft: true, sets: [] });
    vi.mocked(backend.listProjects).mockResolvedValue([]);
    vi.mocked(backend.listSessions).mockResolvedValue([summary()]);
    vi.mocked(backend.search).mockResolvedValue({
      results: [
        { kind: 'feedback', id: 'f1', sessionId: 's1', projectId: '', title: 'Market stall', field: '', date: '2026-03-01', snippet: 'the <mark>bus</mark>' },
      ],
      didYouMean: '',
      notYetSearchable: 0,
    });
    vi.mocked(backend.getAppInfo).mockResolvedValue({
      version: '0.1.0',
      dataDir: '/d',
      dbPath: '/d/involve.db',
      deviceId: 'dev',
      userName: 'Sam',
      schemaVersion: 3,
      referenceVersion: '2026.1',
    });
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ pending: 3, conflicts: 2, rejected: 1 }));
    vi.mocked(backend.listConflicts).mockResolvedValue([
      conflict({ id: 'a' }),
      conflict({ id: 'b', entity: 'feedback', recordId: 'f1', recordTitle: 'Lovely staff', field: 'text', fieldLabel: 'What they said' }),
      conflict({ id: 'c', field: 'deletedAt', fieldLabel: 'Deleted', recordDeleted: true, winner: side('2026-03-02T10:00:00.000Z'), loser: side(null) }),
      conflict({ id: 'd', status: 'resolved', resolution: 'kept' }),
    ]);
    vi.mocked(backend.listRejectedChanges).mockResolvedValue([rejectedChange()]);
  });

  const screens: [string, string, RegExp | string][] = [
    ['home', '/', 'Home'],
    ['session', '/sessions/s1', 'Market stall, Brixton'],
    ['new session', '/sessions/new', 'New session'],
    ['add feedback', '/sessions/s1/feedback/new', 'Add feedback'],
    ['quick capture', '/sessions/s1/quick', 'Quick capture'],
    ['sessions', '/sessions', 'Sessions'],
    ['projects', '/projects', 'Projects'],
    ['new project', '/projects/new', 'New project'],
    ['themes', '/themes', 'Themes'],
    ['settings', '/settings', 'Settings'],
    ['search', '/search?q=bus', 'Search'],
    ['sync (connected)', '/sync', 'Sync with your team'],
    ['conflicts', '/sync/conflicts', 'Conflicts'],
    ['rejected changes', '/sync/rejected', 'Rejected changes'],
  ];

  for (const [name, path, heading] of screens) {
    it(`${name} has one h1 and no serious violations`, async () => {
      const { container } = renderApp(path);
      await screen.findByRole('heading', { level: 1, name: new RegExp(typeof heading === 'string' ? heading : heading.source) });
      // let the data arrive
      await new Promise((r) => setTimeout(r, 50));
      expect(container.querySelectorAll('h1')).toHaveLength(1);
      expect(container.querySelector('main')).not.toBeNull();
      expect(container.querySelector('header[role="banner"]')).not.toBeNull();
      await expectAxeClean(container);
    });
  }

  it('sync, not connected, with the connect form showing errors', async () => {
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
    vi.mocked(backend.connectServer).mockRejectedValue({
      code: 'invalid',
      message: 'Check the server details',
      fields: [
        { field: 'url', message: 'Enter the server address' },
        { field: 'code', message: 'Enter the enrolment code' },
      ],
    });
    const { container } = renderApp('/sync');
    (await screen.findByRole('button', { name: 'Connect' })).click();
    await screen.findByTestId('error-summary');
    expect(container.querySelectorAll('h1')).toHaveLength(1);
    await expectAxeClean(container);
  });

  it('sync: the certificate authority field with an error, and the trusted authority when connected', async () => {
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
    vi.mocked(backend.connectServer).mockRejectedValue({
      code: 'invalid',
      message: 'Check the connection',
      fields: [{ field: 'ca', message: 'This file holds a private key, not a certificate.' }],
    });
    const first = renderApp('/sync');
    (await screen.findByText('My team uses its own certificate authority')).click();
    (await screen.findByRole('button', { name: 'Connect' })).click();
    await screen.findByTestId('error-summary');
    expect(screen.getByLabelText('Or paste the certificate')).toHaveAccessibleDescription(/private key/);
    await expectAxeClean(first.container);
    first.unmount();

    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus());
    vi.mocked(backend.getTrustedCA).mockResolvedValue({
      present: true,
      subject: 'CN=Trust Root CA',
      fingerprint: 'AB:CD',
      notAfter: '2030-01-02T00:00:00.000Z',
      certificates: 2,
    });
    const { container } = renderApp('/sync');
    await screen.findByTestId('ca-trusted');
    await expectAxeClean(container);
  });

  it('settings: the data check with a damaged search index', async () => {
    vi.mocked(backend.checkData).mockResolvedValue({
      ok: false,
      searchIndexDamaged: true,
      message: 'The search index is damaged.',
      details: 'malformed inverted index',
      checkedAt: '2026-03-02T10:00:00.000Z',
    });
    const { container } = renderApp('/settings');
    (await screen.findByRole('button', { name: 'Check this laptop’s data' })).click();
    await screen.findByRole('button', { name: 'Repair search index' });
    await expectAxeClean(container);
  });

  it('sync, refused by the server, with the status line in trouble', async () => {
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ state: 'unauthorized', message: 'The server no longer accepts this laptop' }));
    const { container } = renderApp('/sync');
    await screen.findByTestId('sync-unauthorized');
    await expectAxeClean(container);
  });

  it('locked and damaged screens', async () => {
    const locked = render(<LockedScreen state={{ status: 'locked', message: '', dataDir: '/d', backups: [], kiosk: false, repairable: false }} />);
    await expectAxeClean(locked.container);
    locked.unmount();
    const damaged = render(
      <DamagedScreen
        state={{
          status: 'damaged',
          message: 'Integrity check failed',
          dataDir: '/d',
          backups: [{ name: 'b1.db', path: '/b1', createdAt: '2026-03-01T09:00:00.000Z', sizeBytes: 10, ok: true }],
          kiosk: false,
          repairable: false,
        }}
      />,
    );
    await expectAxeClean(damaged.container);
    damaged.unmount();
    const attention = render(<KioskAttentionScreen onLeft={() => {}} />);
    await expectAxeClean(attention.container);
  });
});
