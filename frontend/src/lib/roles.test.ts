import { describe, expect, it } from 'vitest';
import {
  canAnswerSubjectAccess,
  canApprovePayments,
  canDownloadServerReports,
  canHoldPeople,
  canSetRetention,
  movedHomeMessage,
  pathAllowed,
  roleOf,
  roleSummary,
  roleTag,
  roleTagLabel,
  type Role,
} from './roles';

const ROLES: Role[] = ['', 'capture', 'staff', 'lead'];

describe('roles', () => {
  it('reads the role from a status: missing or "" is full use, an unknown word is capture', () => {
    expect(roleOf(null)).toBe('');
    expect(roleOf(undefined)).toBe('');
    expect(roleOf({} as never)).toBe('');
    expect(roleOf({ role: '' })).toBe('');
    expect(roleOf({ role: 'capture' })).toBe('capture');
    expect(roleOf({ role: 'staff' })).toBe('staff');
    expect(roleOf({ role: 'lead' })).toBe('lead');
    expect(roleOf({ role: 'auditor' as Role })).toBe('capture');
  });

  it('only a lead sets the retention schedule (no role counts as staff, as in Go)', () => {
    expect(ROLES.map(canSetRetention)).toEqual([false, false, false, true]);
  });

  it('capture holds no Lived Experience Partners; staff, lead and no role do', () => {
    expect(ROLES.map(canHoldPeople)).toEqual([true, false, true, true]);
  });

  it('only a lead (or a laptop without a role) approves payments and downloads server reports', () => {
    expect(ROLES.map(canApprovePayments)).toEqual([true, false, false, true]);
    expect(ROLES.map(canDownloadServerReports)).toEqual([true, false, false, true]);
    expect(ROLES.map(canAnswerSubjectAccess)).toEqual([true, false, false, true]);
  });

  it('blocks every People address on a capture laptop, and nothing else', () => {
    const people = ['/people', '/people/new', '/people/rates', '/people/c1', '/people/c1/edit', '/people/c1/consent/new', '/people/c1/time/new', '/people/c1/time/t1/edit'];
    for (const p of people) {
      expect(pathAllowed('capture', p)).toBe(false);
      for (const r of ['', 'staff', 'lead'] as Role[]) expect(pathAllowed(r, p)).toBe(true);
    }
    for (const p of ['/', '/sessions', '/sessions/s1/reach', '/actions', '/projects/p1/outcomes/new', '/reports', '/search', '/settings', '/sync', '/peoplex']) {
      expect(pathAllowed('capture', p)).toBe(true);
    }
  });

  it('names each role in plain words, and says nothing without one', () => {
    expect(ROLES.map(roleTag)).toEqual(['', 'Capture laptop', 'Staff', 'Lead']);
    expect(roleTagLabel('capture')).toBe('This laptop’s role: capture');
    expect(roleTagLabel('')).toBe('');
    expect(roleSummary('')).toBe('');
    expect(roleSummary('capture')).toMatch(/^This laptop is enrolled for capture — it never holds partners’ details\./);
    expect(roleSummary('staff')).toMatch(/Only a lead’s laptop can approve payments/);
    expect(roleSummary('lead')).toMatch(/can approve payments/);
    expect(movedHomeMessage('capture')).toBe(
      'This laptop is now enrolled for capture, so the screen you were on is not available here. You are back on Home.',
    );
  });
});
