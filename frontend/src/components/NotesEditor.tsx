// Session notes that save themselves while you type (see lib/autosave.ts): at most about
// a second of typing is ever unsaved, and a failed save keeps the text and retries.
import { useEffect, useRef, useState } from 'react';
import { Textarea } from 'nhsuk-react-components';
import { saveSessionNotes, toBackendError } from '../lib/backend';
import { Autosaver, autosaveText, type AutosaveStatus } from '../lib/autosave';
import { formatTime } from '../lib/dates';

interface Props {
  sessionId: string;
  initialNotes: string;
  notesUpdatedAt?: string;
}

export function statusText(s: AutosaveStatus, initialSavedAt?: string): string {
  return autosaveText(s, initialSavedAt ? `Saved at ${formatTime(initialSavedAt)}` : 'Notes save as you type');
}

export function NotesEditor({ sessionId, initialNotes, notesUpdatedAt }: Props) {
  const [text, setText] = useState(initialNotes);
  const [status, setStatus] = useState<AutosaveStatus>({ kind: 'idle' });
  const saverRef = useRef<Autosaver | null>(null);

  useEffect(() => {
    const saver = new Autosaver(initialNotes, {
      save: (t) =>
        saveSessionNotes(sessionId, t).catch((e: unknown) => {
          const be = toBackendError(e);
          throw { ...be, message: be.fields?.[0]?.message ?? be.message };
        }),
      onStatus: setStatus,
      isPermanent: (e) => !!e && typeof e === 'object' && (e as { code?: string }).code === 'invalid',
    });
    saverRef.current = saver;
    const flush = () => saver.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') saver.flush();
    };
    window.addEventListener('beforeunload', flush);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', flush);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      saver.dispose(); // leaving the screen: save what is left
      saverRef.current = null;
    };
    // The editor is keyed by session: notes arriving later from a refresh never
    // overwrite what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId]);

  const label = statusText(status, notesUpdatedAt);
  return (
    <div>
      <Textarea
        id="notes"
        name="notes"
        label="Session notes"
        labelProps={{ size: 'm' }}
        hint="Notes save automatically as you type."
        className="app-notes"
        rows={10}
        spellCheck
        value={text}
        onChange={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          saverRef.current?.change(t);
        }}
        onBlur={() => saverRef.current?.flush()}
        formGroupProps={{
          afterInput: (
            <p
              className={`app-status nhsuk-body-s nhsuk-u-margin-top-2${status.kind === 'error' ? ' app-status--error' : ''}`}
              data-testid="notes-status"
              role="status"
              aria-live="polite"
            >
              {label}
            </p>
          ),
        }}
      />
    </div>
  );
}
