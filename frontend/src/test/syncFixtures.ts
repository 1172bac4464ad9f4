// Sync test data shaped like Go's SyncStatus, ConflictView and RejectedChange (app/sync.go).
import type { ConflictSide, ConflictView, RejectedChange, SyncStatus } from '../lib/types';

export function syncStatus(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: 'idle',
    connected: true,
    serverUrl: 'https://involve.example.nhs.uk',
    teamName: 'South London',
    deviceName: 'hin-laptop-12',
    role: 'staff',
    lastSyncedAt: new Date(Date.now() - 2 * 60_000).toISOString(),
    lastAttemptAt: '',
    nextAttemptAt: '',
    pending: 0,
    rejected: 0,
    conflicts: 0,
    message: '',
    progress: null,
    ...over,
  };
}

export const notConnected = (over: Partial<SyncStatus> = {}) =>
  syncStatus({ state: 'not_connected', connected: false, serverUrl: '', teamName: '', deviceName: '', role: '', lastSyncedAt: '', ...over });

export function side(value: unknown, over: Partial<ConflictSide> = {}): ConflictSide {
  return { value: JSON.stringify(value), display: '', by: '', at: '', deviceId: '', ...over };
}

let seq = 0;
export function conflict(over: Partial<ConflictView> = {}): ConflictView {
  seq += 1;
  return {
    id: `c${seq}`,
    entity: 'session',
    recordId: 's1',
    recordTitle: 'Market stall, Brixton',
    recordDeleted: false,
    field: 'venue',
    fieldLabel: 'Venue',
    kind: 'string',
    base: side('Brixton market'),
    winner: side('Brixton library', { by: 'Amira K.', at: '2026-03-02T10:15:00.000Z', deviceId: 'dev-2' }),
    loser: side('Windrush Square', { by: 'Sam', at: '2026-03-02T09:40:00.000Z', deviceId: 'dev-1' }),
    current: side('Brixton library'),
    status: 'open',
    resolution: '',
    resolvedAt: '',
    resolvedBy: '',
    createdAt: '2026-03-02T11:00:00.000Z',
    ...over,
  };
}

export function rejectedChange(over: Partial<RejectedChange> = {}): RejectedChange {
  seq += 1;
  return {
    changeId: `ch${seq}`,
    entity: 'session',
    recordId: 's1',
    recordTitle: 'Market stall, Brixton',
    reason: 'The session date is not a real date.',
    at: '2026-03-02T10:00:00.000Z',
    ...over,
  };
}
