// Sync status: where sync stands (from GetSyncStatus and the "sync:status" event), shared
// by every screen, and the compact status line in the header ("Synced 2 minutes ago ·
// 3 changes waiting", "Offline — 3 changes saved on this laptop"). Not connected and
// offline (no network, or the server not reachable) are ordinary states for a laptop
// at a stall: they are said in neutral words and colours, never as errors.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Tag } from 'nhsuk-react-components';
import { getSyncStatus, onSyncStatus } from '../lib/backend';
import { formatDateTime } from '../lib/dates';
import { pluralUngrouped } from '../lib/format';
import { toBackendError } from '../lib/errors';
import type { BackendError, SyncStatus } from '../lib/types';
import { RoleTag } from './RoleTag';
import { roleOf } from '../lib/roles';
import { arrivedLaunchAnswer, launchAnswer } from '../lib/launch';

// ---- words ----

/** "just now", "5 minutes ago", "2 hours ago", "on 3 March 2026 at 14:05" ("" if not a time). */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const t = Date.parse(iso);
  if (!iso || Number.isNaN(t)) return '';
  const s = (now - t) / 1000;
  if (s < 60) return 'just now'; // also a clock a little ahead
  const m = Math.floor(s / 60);
  if (m < 60) return `${pluralUngrouped(m, 'minute', 'minutes')} ago`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${pluralUngrouped(h, 'hour', 'hours')} ago`;
  return `on ${formatDateTime(iso)}`;
}

export const changesWaiting = (n: number) => pluralUngrouped(n, 'change waiting', 'changes waiting');
export const conflictsText = (n: number) => pluralUngrouped(n, 'conflict', 'conflicts');
export const rejectedText = (n: number) => pluralUngrouped(n, 'rejected change', 'rejected changes');

/** "3 changes saved on this laptop" ("your work is saved on this laptop" with none). */
export const savedOnLaptop = (n: number) =>
  n > 0 ? `${pluralUngrouped(n, 'change', 'changes')} saved on this laptop` : 'your work is saved on this laptop';

/** Offline, in the same words everywhere: "Offline — 3 changes saved on this laptop". */
export const offlineText = (pending: number) => `Offline — ${savedOnLaptop(pending)}`;

export const DEFAULT_MESSAGES = {
  error: 'Sync did not finish — your work is safe on this laptop',
  unauthorized: 'The server no longer accepts this laptop — connect again. Your work is safe on this laptop',
  needs_passphrase: 'Sync is waiting: set a passphrase to lock Involve before partners’ details can come to this laptop',
  locked: 'Sync waits until Involve is unlocked',
} as const;

export type SyncTone = 'ok' | 'off' | 'busy' | 'problem';

/**
 * The state in a few words. With now, an idle state says when it last synced
 * ("Synced 2 minutes ago"); without, just "Synced" (for announcements, which must not
 * change every minute).
 */
export function syncStateText(s: SyncStatus, now?: number): string {
  switch (s.state) {
    case 'not_connected':
      return 'Not connected';
    case 'idle': {
      if (!s.lastSyncedAt) return 'Not synced yet';
      const when = now === undefined ? '' : relativeTime(s.lastSyncedAt, now);
      return when ? `Synced ${when}` : 'Synced';
    }
    case 'syncing': {
      const p = s.progress;
      return p && p.total > 0 ? `Syncing… ${p.done} of ${p.total}` : 'Syncing…';
    }
    case 'offline':
      // Go's message ("Server not reachable…") is for the Sync screen's details.
      return offlineText(s.pending);
    case 'error':
      return s.message || DEFAULT_MESSAGES.error;
    case 'unauthorized':
      return s.message || DEFAULT_MESSAGES.unauthorized;
    case 'needs_passphrase':
      return s.message || DEFAULT_MESSAGES.needs_passphrase;
    case 'locked':
      return s.message || DEFAULT_MESSAGES.locked;
    default:
      return s.message || 'Sync status not known';
  }
}

/** The whole line: state, then changes waiting (when connected). */
export function syncStatusText(s: SyncStatus, now?: number): string {
  const parts = [syncStateText(s, now)];
  // Offline says how many changes are saved here already.
  if (s.state !== 'not_connected' && s.state !== 'offline' && s.pending > 0) parts.push(changesWaiting(s.pending));
  return parts.join(' · ');
}

export function syncTone(s: SyncStatus): SyncTone {
  switch (s.state) {
    case 'idle':
      return 'ok';
    case 'syncing':
      return 'busy';
    case 'not_connected':
    case 'offline':
      return 'off';
    default:
      return 'problem';
  }
}

// ---- shared state ----

export interface SyncStatusApi {
  status: SyncStatus | null; // null until the first answer
  error: BackendError | null; // GetSyncStatus failed (and no event since)
  /** Use a status a call returned (ConnectServer, SyncNow…). */
  setStatus: (s: SyncStatus) => void;
  reload: () => void;
}

const SyncStatusContext = createContext<SyncStatusApi | null>(null);

function useSyncStatusSource(enabled: boolean): SyncStatusApi {
  // the launch's answer drawn in the first render when it is here already (no
  // "Checking sync…" frame first); the effect below still takes it (lib/launch.ts)
  const [status, setStatusState] = useState<SyncStatus | null>(() =>
    enabled ? (arrivedLaunchAnswer<SyncStatus>('sync') ?? null) : null,
  );
  const [error, setError] = useState<BackendError | null>(null);
  const [tick, setTick] = useState(0);
  // Bumped by every event and setStatus: an older GetSyncStatus answer must not win.
  const version = useRef(0);

  const setStatus = useCallback((s: SyncStatus) => {
    version.current += 1;
    setStatusState(s);
    setError(null);
  }, []);

  useEffect(() => {
    if (!enabled) return undefined;
    return onSyncStatus(setStatus);
  }, [enabled, setStatus]);

  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    const asked = version.current;
    launchAnswer('sync', getSyncStatus)
      .then((s) => {
        if (live && version.current === asked) setStatus(s);
      })
      .catch((e: unknown) => {
        if (live && version.current === asked) setError(toBackendError(e));
      });
    return () => {
      live = false;
    };
  }, [enabled, tick, setStatus]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return useMemo(() => ({ status, error, setStatus, reload }), [status, error, setStatus, reload]);
}

/** Loads the status once and follows "sync:status" for everything inside (the Layout). */
export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const api = useSyncStatusSource(true);
  return <SyncStatusContext.Provider value={api}>{children}</SyncStatusContext.Provider>;
}

/** The shared sync status; outside a SyncStatusProvider (a screen on its own) it loads its own. */
export function useSyncStatus(): SyncStatusApi {
  const shared = useContext(SyncStatusContext);
  const own = useSyncStatusSource(shared === null);
  return shared ?? own;
}

/** Re-renders every interval ms (for "2 minutes ago"); returns the time now. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

// ---- the header line ----

/**
 * What the polite live region says. It changes when the state does, not every minute,
 * and not while a sync runs (each background sync would otherwise be read out twice).
 */
function useAnnouncement(status: SyncStatus | null, error: BackendError | null): string {
  const said = useRef('');
  const text = status
    ? [
        syncStatusText(status),
        status.conflicts > 0 ? conflictsText(status.conflicts) : '',
        status.rejected > 0 ? rejectedText(status.rejected) : '',
      ]
        .filter(Boolean)
        .join(' · ')
    : error
      ? 'Sync status not available'
      : '';
  // Derived during render (idempotent): keep the last words said before a sync started.
  if (status?.state !== 'syncing') said.current = text;
  return said.current;
}

/** The compact status on every screen: a line of words, counts that need a person, a link. */
export function SyncStatusBar() {
  const { status, error } = useSyncStatus();
  const now = useNow();
  const announcement = useAnnouncement(status, error);

  let text: string;
  let tone: SyncTone;
  if (status) {
    text = syncStatusText(status, now);
    tone = syncTone(status);
  } else if (error) {
    text = 'Sync status not available';
    tone = 'off';
  } else {
    text = 'Checking sync…';
    tone = 'off';
  }
  const notConnected = status?.state === 'not_connected';
  const reconnect = status?.state === 'unauthorized';

  return (
    <div className={`app-sync-bar app-sync-bar--${tone}`} data-testid="sync-status" data-state={status?.state ?? ''}>
      <div className="nhsuk-width-container app-sync-bar__inner">
        <p className="app-sync-bar__text" title={error ? error.message : undefined}>
          <span className="app-sync-bar__dot" aria-hidden="true" />
          <span data-testid="sync-status-text">{text}</span>
        </p>
        <RoleTag role={roleOf(status)} />
        {status && status.conflicts > 0 ? (
          <Link to="/sync/conflicts" className="app-sync-bar__tag-link" data-testid="sync-status-conflicts">
            <Tag modifier="orange">{conflictsText(status.conflicts)}</Tag>
          </Link>
        ) : null}
        {status && status.rejected > 0 ? (
          <Link to="/sync/rejected" className="app-sync-bar__tag-link" data-testid="sync-status-rejected">
            <Tag modifier="red">{rejectedText(status.rejected)}</Tag>
          </Link>
        ) : null}
        {status?.state === 'needs_passphrase' ? (
          <Link to="/settings" className="nhsuk-link app-sync-bar__link" data-testid="sync-status-passphrase">
            Set a passphrase
          </Link>
        ) : null}
        <Link to="/sync" className="nhsuk-link app-sync-bar__link">
          {notConnected ? 'Connect to server' : reconnect ? 'Connect again' : 'Sync details'}
        </Link>
        <span className="nhsuk-u-visually-hidden" aria-live="polite" aria-atomic="true" data-testid="sync-status-live">
          {announcement}
        </span>
      </div>
    </div>
  );
}
