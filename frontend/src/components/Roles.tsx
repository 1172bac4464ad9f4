// The laptop's role on screen (issue 12): the words in Settings, the gate in front of
// screens the role cannot use ("Not on this laptop"), and the watcher that moves the
// person to Home when a sync changes the role under them. The tag on the status line is
// RoleTag.tsx. The rules are lib/roles.ts; the role comes with the sync status.
import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { InsetText } from 'nhsuk-react-components';
import { Loading, PageHeading } from './PageHeading';
import { useSyncStatus } from './SyncStatus';
import { useFlash } from '../lib/flash';
import { movedHomeMessage, notOnThisLaptop, pathAllowed, roleOf, roleSummary, type Role } from '../lib/roles';

/** The role and whether it is known yet (the first sync status has arrived, or failed). */
export function useRole(): { role: Role; known: boolean } {
  const { status, error } = useSyncStatus();
  return { role: roleOf(status), known: status !== null || error !== null };
}

/** What the laptop's role means, for Settings (nothing when it has no role). */
export function RoleSummary() {
  const { role } = useRole();
  const text = roleSummary(role);
  if (!text) return null;
  return (
    <InsetText data-testid="role-summary" data-role={role}>
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>{text}</p>
    </InsetText>
  );
}

/** The page at an address the role cannot use: says so plainly, never an empty list. */
export function NotOnThisLaptopScreen() {
  const { pathname } = useLocation();
  const text = notOnThisLaptop(pathname);
  return (
    <div data-testid="not-on-this-laptop">
      <PageHeading>{text.title}</PageHeading>
      <p>{text.body}</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </div>
  );
}

/**
 * A layout route in front of screens a role may not use: renders them when the role
 * allows, "Not on this laptop" when not, and waits for the first status (so a capture
 * laptop never asks Go for a list it does not hold).
 */
export function RoleGate() {
  const { role, known } = useRole();
  const { pathname } = useLocation();
  if (!known) return <Loading />;
  if (!pathAllowed(role, pathname)) return <NotOnThisLaptopScreen />;
  return <Outlet />;
}

/**
 * Follows role changes while the app is open: when a sync changes the role and the
 * screen on show is one the new role cannot use, goes Home and says why. The first
 * status is not a change (an address typed by hand shows "Not on this laptop" instead).
 */
export function RoleWatcher() {
  const { role, known } = useRole();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const last = useRef<Role | null>(null);
  useEffect(() => {
    if (!known) return;
    const before = last.current;
    last.current = role;
    if (before === null || before === role) return;
    if (!pathAllowed(role, pathname)) {
      navigate('/', { replace: true });
      showMessage(movedHomeMessage(role), false, { focus: true }); // the screen they were on has gone
    }
    // Only a role change moves anyone: not a change of screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [role, known]);
  return null;
}
