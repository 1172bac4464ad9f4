// What this laptop may do, by the role its server enrolled it with (DESIGN §7, issue 12).
// The one place the screens ask; the server enforces the same rules on every pull and
// push, so hiding here is about not showing empty or useless screens, not about security.
//
//   capture  an event or kiosk laptop: sessions, notes, feedback, tallies, attendee
//            profiles, actions and outcomes; never a Lived Experience Partner, a consent
//            record or a time entry
//   staff    everything of its team, except approving or marking LEP payments paid and
//            downloading the team's reports from the server
//   lead     everything, and the register of information-rights requests (issue 13),
//            which only a lead's laptop holds (the server sends it to no other)
//   ""       not connected, or a server from before roles: everything, as before, except
//            the register and the retention schedule (a team setting only a lead's laptop changes)
import type { SyncStatus } from './types';

export type Role = SyncStatus['role'];

/**
 * The role a status carries. Missing or "" is "" (full use, as before roles); a word this
 * version does not know is treated as capture, the role that may do least: the server
 * sends such a laptop only what that role may hold, so hiding more is the safe mistake.
 */
export function roleOf(status: Pick<SyncStatus, 'role'> | null | undefined): Role {
  const r = status?.role as string | undefined;
  if (!r) return '';
  if (r === 'capture' || r === 'staff' || r === 'lead') return r;
  return 'capture';
}

/** Lived Experience Partners, their consent records, time entries and rate cards (People). */
export const canHoldPeople = (role: Role): boolean => role !== 'capture';

/** Approving a time entry's payment and marking it paid. */
export const canApprovePayments = (role: Role): boolean => role === 'lead' || role === '';

/** "Everything about this person": answering a subject access request. */
export const canAnswerSubjectAccess = (role: Role): boolean => role === 'lead' || role === '';

/** Downloading the team's reports from the server (as opposed to this laptop's own export). */
export const canDownloadServerReports = (role: Role): boolean => role === 'lead' || role === '';

/** The register of information-rights requests: a lead's laptop only. A laptop not
 * enrolled with a server ("") does not keep it either: the register is a lead's, and
 * Go refuses it on any other laptop. */
export const canKeepRequestRegister = (role: Role): boolean => role === 'lead';

/** Changing the retention schedule and reviewing what is due: a lead's laptop only. A laptop
 * not connected to a server counts as staff here, as in Go (it has no team to set it for). */
export const canSetRetention = (role: Role): boolean => role === 'lead';

/** "Erase this person" and "Erase this comment": a lead's laptop only, as in Go. */
export const canErase = (role: Role): boolean => role === 'lead';

/** Whether a screen (a route path such as "/people/c1/edit") is of use with this role. */
export function pathAllowed(role: Role, path: string): boolean {
  if (path === '/people' || path.startsWith('/people/')) return canHoldPeople(role);
  if (path === '/requests' || path.startsWith('/requests/')) return canKeepRequestRegister(role);
  return true;
}

/** The short tag on the status line ("" when there is no role to show). */
export function roleTag(role: Role): string {
  switch (role) {
    case 'capture':
      return 'Capture laptop';
    case 'staff':
      return 'Staff';
    case 'lead':
      return 'Lead';
    default:
      return '';
  }
}

/** The tag's accessible name, a whole phrase ("" when there is no role to show). */
export function roleTagLabel(role: Role): string {
  switch (role) {
    case 'capture':
      return 'This laptop’s role: capture';
    case 'staff':
      return 'This laptop’s role: staff';
    case 'lead':
      return 'This laptop’s role: lead';
    default:
      return '';
  }
}

/** What the role means, in plain words, for Settings. */
export function roleSummary(role: Role): string {
  switch (role) {
    case 'capture':
      return (
        'This laptop is enrolled for capture — it never holds partners’ details. It records sessions, notes, ' +
        'feedback, tallies, attendee profiles, actions and outcomes. Lived Experience Partners, their consent and ' +
        'their time and payments are kept on staff laptops.'
      );
    case 'staff':
      return (
        'This laptop is enrolled for staff. It holds everything of your team, including Lived Experience Partners. ' +
        'Only a lead’s laptop can approve payments, mark them paid, download the team’s reports from the server ' +
        'or keep the register of requests.'
      );
    case 'lead':
      return (
        'This laptop is enrolled for a lead. It holds everything of your team, and can approve payments, mark ' +
        'them paid, download the team’s reports from the server and keep the register of requests.'
      );
    default:
      return '';
  }
}

/** The page a typed or old address shows when the role cannot use it. */
export const NOT_ON_THIS_LAPTOP = {
  title: 'Not on this laptop',
  body: 'This laptop is enrolled for capture, so it does not hold Lived Experience Partners, their consent records or their time and payments. Use a staff laptop for these.',
} as const;

/** The page a typed or old address of the register shows on a laptop that is not a lead's. */
export const REQUESTS_NOT_ON_THIS_LAPTOP = {
  title: 'Not on this laptop',
  body: 'The register of requests is kept on your team’s lead laptop only. Use the lead laptop to record or answer a request.',
} as const;

/** What "Not on this laptop" says for a path. */
export function notOnThisLaptop(path: string): { title: string; body: string } {
  return path === '/requests' || path.startsWith('/requests/') ? REQUESTS_NOT_ON_THIS_LAPTOP : NOT_ON_THIS_LAPTOP;
}

/** The banner after a role change moved the person off a screen they can no longer use. */
export function movedHomeMessage(role: Role): string {
  const as = role === 'capture' ? 'for capture' : `as ${roleTag(role).toLowerCase() || 'a new role'}`;
  return `This laptop is now enrolled ${as}, so the screen you were on is not available here. You are back on Home.`;
}

/** Shown to staff instead of the payment approval fields. */
export const ONLY_LEAD_APPROVES = 'Only a lead’s laptop can approve payments or mark them paid.';
