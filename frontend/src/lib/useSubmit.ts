// Saving a form: the `saving` flag (a submit while a save runs is ignored) and the
// BackendError a rejected save leaves, for FormErrorSummary and fieldErrorMap.
import { useState, type FormEvent } from 'react';
import { toBackendError } from './errors';
import type { BackendError } from './types';

export interface Submit {
  saving: boolean;
  error: BackendError | null;
  setError: (error: BackendError | null) => void;
  /**
   * A form's onSubmit: stops the browser's submit and, unless a save is running,
   * calls `check` (problems found before asking Go: shown as the error, nothing is
   * saved), then runs `save` with `saving` set; a rejection becomes the error (an
   * earlier error stays until the form clears it).
   */
  submit: (save: () => Promise<unknown>, check?: () => BackendError | null) => (e: FormEvent) => Promise<void>;
}

export function useSubmit(): Submit {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const submit = (save: () => Promise<unknown>, check?: () => BackendError | null) => async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const problem = check?.();
    if (problem) {
      setError(problem);
      return;
    }
    setSaving(true);
    try {
      await save();
    } catch (err) {
      setError(toBackendError(err));
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, setError, submit };
}
