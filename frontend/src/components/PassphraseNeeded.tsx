// A save refused because this laptop has no passphrase (Go's passphrase_required):
// the message, and the passphrase form right here, so that nothing typed is lost.
// It sits outside the refused form (forms do not nest). Focus is never lost (WCAG
// 2.4.3): the form opens at its first field, and once the passphrase is set the
// "Passphrase set" message takes focus.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, WarningCallout } from 'nhsuk-react-components';
import type { BackendError } from '../lib/types';
import { PassphraseSettings } from './PassphraseSettings';
import { useLock } from '../lock/LockGate';

export function PassphraseNeeded({ error }: { error: BackendError | null }) {
  const [open, setOpen] = useState(false);
  const { state } = useLock();
  const done = useRef<HTMLDivElement>(null);
  const set = Boolean(state?.hasPassphrase);
  useEffect(() => {
    if (open && set) done.current?.focus();
  }, [open, set]);
  if (error?.code !== 'passphrase_required') return null;
  if (state?.hasPassphrase) {
    return (
      <WarningCallout ref={done} tabIndex={-1} role="group" data-testid="passphrase-needed" aria-labelledby="passphrase-set-heading">
        <WarningCallout.Heading id="passphrase-set-heading">Passphrase set</WarningCallout.Heading>
        <p>Involve is now locked with a passphrase. Save again: what you typed is still here.</p>
      </WarningCallout>
    );
  }
  return (
    <WarningCallout data-testid="passphrase-needed">
      <WarningCallout.Heading>A passphrase is needed</WarningCallout.Heading>
      <p>{error.message}</p>
      <p>What you typed is kept: set a passphrase here, then save again.</p>
      {open ? (
        <PassphraseSettings startSetting />
      ) : (
        <Button type="button" onClick={() => setOpen(true)}>
          Set a passphrase now
        </Button>
      )}
    </WarningCallout>
  );
}

/** Every screen, while the laptop holds partners' details without a passphrase (a
 * database from before the rule): ask for one. */
export function NeedsPassphraseBanner() {
  const { state } = useLock();
  if (!state?.needsPassphrase || state.hasPassphrase) return null;
  return (
    <WarningCallout data-testid="needs-passphrase-banner">
      <WarningCallout.Heading>Set a passphrase</WarningCallout.Heading>
      <p>
        This laptop holds Lived Experience Partners’ details but Involve is not locked with a passphrase. Nothing is
        lost, but no new partner, consent record or time entry can be saved until one is set.{' '}
        <Link to="/settings">Set a passphrase in Settings</Link>.
      </p>
    </WarningCallout>
  );
}
