// "Check this laptop's data" (Settings) and "Repair search index", as `involve check`
// and `involve check --repair` do them. The checks and the repair run in Go.
import { useRef, useState } from 'react';
import { Button, InsetText } from 'nhsuk-react-components';
import { checkData, repairSearchIndex } from '../lib/backend';
import { formatDateTime } from '../lib/dates';
import { toBackendError } from '../lib/errors';
import { useFocusAfter } from '../lib/focus';
import type { DataCheck } from '../lib/types';

/** The result of a check or a repair, and the repair when the search index is damaged. */
export function DataCheckResult({ result, onResult }: { result: DataCheck; onResult: (r: DataCheck) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // The repair button goes once the index is repaired: focus goes to what the repair says.
  const focusAfter = useFocusAfter();
  const said = useRef<HTMLParagraphElement>(null);
  const repair = async () => {
    setBusy(true);
    setError('');
    try {
      const r = await repairSearchIndex();
      focusAfter(said);
      onResult(r);
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="data-check-result">
      <InsetText>
        <p ref={said} tabIndex={-1} role="status" className={result.ok ? undefined : 'app-status--error'}>
          {result.message}
        </p>
        {result.details ? <p className="nhsuk-body-s">What the check found: {result.details}</p> : null}
        {result.checkedAt ? <p className="nhsuk-body-s">Checked {formatDateTime(result.checkedAt)}</p> : null}
      </InsetText>
      {error ? <p className="nhsuk-error-message">{error}</p> : null}
      {result.searchIndexDamaged ? (
        <div className="app-actions">
          <Button type="button" onClick={() => void repair()} disabled={busy}>
            Repair search index
          </Button>
          <span role="status" className="app-status">
            {busy ? 'Rebuilding the search index…' : ''}
          </span>
        </div>
      ) : null}
    </div>
  );
}

export function DataCheckPanel() {
  const [result, setResult] = useState<DataCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async () => {
    setBusy(true);
    setError('');
    try {
      setResult(await checkData());
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="data-check-heading" data-testid="data-check">
      <h2 className="nhsuk-heading-m" id="data-check-heading">
        Check your data
      </h2>
      <p>
        Involve checks its data file every time it starts. You can check it now too, for example if search seems to
        miss records. Checking changes nothing.
      </p>
      <div className="app-actions">
        <Button type="button" secondary onClick={() => void run()} disabled={busy}>
          Check this laptop’s data
        </Button>
        <span role="status" className="app-status">
          {busy ? 'Checking…' : ''}
        </span>
      </div>
      {error ? <p className="nhsuk-error-message">{error}</p> : null}
      {result ? <DataCheckResult result={result} onResult={setResult} /> : null}
    </section>
  );
}
