// "Open" and "Show in folder" for a file this run of the app saved (a workbook, a CSV
// file, a "you said, we did"): Go opens it with the system's own program and refuses any
// file it did not save. A refusal or failure is shown in an error summary (focused).
import { useEffect, useRef, useState } from 'react';
import { Button } from 'nhsuk-react-components';
import { FormErrorSummary } from './FormErrorSummary';
import { openExportedFile, showExportedFileInFolder } from '../lib/backend';
import { toBackendError } from '../lib/errors';
import type { BackendError } from '../lib/types';

type Launch = 'open' | 'show';

interface Props {
  /** The file "Open" opens; "" leaves the button out (CSV files). */
  openPath: string;
  /** The file "Show in folder" shows. */
  showPath: string;
  openLabel: string; // "Open workbook", "Open"
  what: string; // in "The workbook could not be opened"
  'data-testid'?: string;
}

export function OpenFileButtons({ openPath, showPath, openLabel, what, 'data-testid': testId }: Props) {
  const [launching, setLaunching] = useState<Launch | null>(null);
  const [launchError, setLaunchError] = useState<{ how: Launch; error: BackendError } | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const launch = async (how: Launch, path: string) => {
    if (launching || !path) return;
    setLaunching(how);
    setLaunchError(null);
    try {
      await (how === 'open' ? openExportedFile(path) : showExportedFileInFolder(path));
    } catch (e) {
      if (live.current) setLaunchError({ how, error: toBackendError(e) });
    } finally {
      if (live.current) setLaunching(null);
    }
  };

  return (
    <>
      <div className="app-actions app-export-open" data-testid={testId}>
        {openPath ? (
          <Button type="button" onClick={() => void launch('open', openPath)} aria-disabled={launching ? true : undefined}>
            {openLabel}
          </Button>
        ) : null}
        <Button type="button" secondary onClick={() => void launch('show', showPath)} aria-disabled={launching ? true : undefined}>
          Show in folder
        </Button>
      </div>
      {launchError ? (
        <FormErrorSummary
          error={launchError.error}
          title={launchError.how === 'open' ? `The ${what} could not be opened` : 'The folder could not be shown'}
        />
      ) : null}
    </>
  );
}
