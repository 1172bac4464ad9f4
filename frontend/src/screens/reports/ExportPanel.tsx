// "Export to Excel" and "Export CSV files" for the filters on screen: Go asks where to
// save, writes the file(s) and reports progress ("export:progress"); the person can
// cancel. One export at a time. Once saved, "Open workbook" and "Show in folder" hand
// the file to the computer's own programs (Go opens only files it exported itself).
import { useEffect, useRef, useState } from 'react';
import { Button, InsetText } from 'nhsuk-react-components';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { OpenFileButtons } from '../../components/OpenFileButtons';
import { cancelExport, exportCSV, exportWorkbook, onExportProgress } from '../../lib/backend';
import { toBackendError } from '../../lib/errors';
import type { BackendError, ExportProgress, ExportResult, ReportFilter } from '../../lib/types';
import { formatBytes, num, plural } from '../../lib/format';

type Kind = 'xlsx' | 'csv';

const WHAT: Record<Kind, string> = { xlsx: 'the workbook', csv: 'the CSV files' };

/** "Writing the workbook: 12,000 of 100,000 rows" (total unknown: "12,000 rows so far"). */
export function exportProgressText(kind: Kind, p: ExportProgress | null): string {
  const what = `Writing ${WHAT[kind]}`;
  if (!p) return `${what}…`;
  if (p.total > 0) return `${what}: ${num(p.done)} of ${num(p.total)} rows`;
  return `${what}: ${num(p.done)} rows so far`;
}

interface Done {
  kind: Kind;
  result: ExportResult;
}

export const FILTER_FIELDS = ['from', 'to', 'projectId', 'borough', 'sessionType'] as const;


/** The file "Show in folder" shows: the workbook, or the first of the CSV files ("" for none). */
export function shownFile(d: Done): string {
  return d.kind === 'xlsx' ? d.result.path : (d.result.files[0] ?? '');
}

export function ExportPanel({ filter }: { filter: ReportFilter }) {
  const [running, setRunning] = useState<Kind | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<BackendError | null>(null);
  const runningRef = useRef<Kind | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    const off = onExportProgress((p) => {
      if (runningRef.current && p.kind === runningRef.current) setProgress(p);
    });
    return () => {
      live.current = false;
      off();
    };
  }, []);

  // The outcome takes focus so that a screen reader hears it (and it is scrolled to).
  useEffect(() => {
    if (done && outcomeRef.current) {
      outcomeRef.current.focus();
      if (typeof outcomeRef.current.scrollIntoView === 'function') outcomeRef.current.scrollIntoView({ block: 'nearest' });
    }
  }, [done]);

  const start = async (kind: Kind) => {
    if (runningRef.current) return;
    runningRef.current = kind;
    setRunning(kind);
    setProgress(null);
    setCancelling(false);
    setDone(null);
    setError(null);
    try {
      const result = kind === 'xlsx' ? await exportWorkbook(filter) : await exportCSV(filter);
      if (live.current) setDone({ kind, result });
    } catch (e) {
      if (live.current) setError(toBackendError(e));
    } finally {
      runningRef.current = null;
      if (live.current) {
        setRunning(null);
        setCancelling(false);
      }
    }
  };

  const cancel = async () => {
    if (!runningRef.current || cancelling) return;
    setCancelling(true);
    try {
      await cancelExport();
    } catch (e) {
      if (live.current) setError(toBackendError(e));
    }
  };

  const pct = progress && progress.total > 0 ? Math.min(progress.done, progress.total) : undefined;

  return (
    <section aria-labelledby="export-heading" data-testid="report-export" className="app-report-export">
      <h2 id="export-heading" className="nhsuk-u-visually-hidden">
        Export
      </h2>
      <FormErrorSummary error={error} title="The export did not finish" knownFields={FILTER_FIELDS} />
      <div className="app-actions">
        <Button type="button" onClick={() => void start('xlsx')} aria-disabled={running ? true : undefined}>
          Export to Excel
        </Button>
        <Button type="button" secondary onClick={() => void start('csv')} aria-disabled={running ? true : undefined}>
          Export CSV files
        </Button>
      </div>

      {running ? (
        <div className="app-export-progress" data-testid="export-progress">
          <label className="nhsuk-label" htmlFor="export-progress-bar" data-testid="export-progress-text">
            {cancelling ? 'Cancelling…' : exportProgressText(running, progress)}
          </label>
          <progress
            id="export-progress-bar"
            className="app-progress"
            max={progress && progress.total > 0 ? progress.total : undefined}
            value={pct}
          />
          <Button type="button" secondary small onClick={() => void cancel()} aria-disabled={cancelling || undefined}>
            Cancel
          </Button>
        </div>
      ) : null}

      {done && done.result.cancelled ? (
        <div ref={outcomeRef} tabIndex={-1} data-testid="export-cancelled" className="app-outcome">
          <InsetText>
            <p>Export cancelled. No file was saved.</p>
          </InsetText>
        </div>
      ) : null}

      {done && !done.result.cancelled ? (
        <div ref={outcomeRef} tabIndex={-1} className="nhsuk-panel app-export-done" data-testid="export-done">
          <h3 className="nhsuk-panel__title nhsuk-panel__title--m">
            {done.kind === 'xlsx' ? 'Workbook saved' : 'CSV files saved'}
          </h3>
          <div className="nhsuk-panel__body">
            <p>
              {done.kind === 'xlsx' ? 'Saved as ' : 'Saved in '}
              <span className="app-path" data-testid="export-path">
                {done.result.path}
              </span>
            </p>
            <p>
              {plural(done.result.sessions, 'session', 'sessions')} and{' '}
              {plural(done.result.feedback, 'feedback item', 'feedback items')}
              {done.result.bytes > 0 ? `, ${formatBytes(done.result.bytes)}` : ''}.
            </p>
            {done.kind === 'csv' && done.result.files.length > 0 ? (
              <ul data-testid="export-files">
                {done.result.files.map((f) => (
                  <li key={f}>{baseName(f)}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      ) : null}

      {done && !done.result.cancelled && shownFile(done) ? (
        <OpenFileButtons
          openPath={done.kind === 'xlsx' ? done.result.path : ''}
          showPath={shownFile(done)}
          openLabel="Open workbook"
          what="workbook"
          data-testid="export-open"
        />
      ) : null}
    </section>
  );
}

/** The last part of a path (either separator: Windows or not). */
export function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}
