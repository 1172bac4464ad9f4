// Settings: the organisation or team name the kiosk shows the public, so people at a
// stall see whose it is. Empty: the kiosk shows the team's name from the server, if any.
import { useEffect, useState, type FormEvent } from 'react';
import { Button, TextInput } from 'nhsuk-react-components';
import { getStallName, setStallName } from '../lib/backend';
import { toBackendError } from '../lib/errors';
import { useFlash } from '../lib/flash';

export function StallNameSettings() {
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const { showMessage } = useFlash();
  useEffect(() => {
    let live = true;
    getStallName()
      .then((n) => live && setName(n))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setName(await setStallName(name));
      setError('');
      showMessage('The name for the kiosk is saved.');
    } catch (err) {
      const be = toBackendError(err);
      setError(be.fields?.[0]?.message ?? be.message);
    }
  };

  return (
    <section aria-labelledby="stall-name-heading" data-testid="settings-stall-name">
      <h2 className="nhsuk-heading-m" id="stall-name-heading">
        Kiosk
      </h2>
      <form noValidate onSubmit={save}>
        <TextInput
          id="stallName"
          name="stallName"
          label="Organisation or team name"
          labelProps={{ size: 's' }}
          hint="Shown to the public on the kiosk with the session’s title, so they know whose stall it is"
          autoComplete="organization"
          value={name}
          error={error || undefined}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Button type="submit" secondary>
          Save organisation name
        </Button>
      </form>
    </section>
  );
}
