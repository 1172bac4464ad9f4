// The NHS.UK error summary for a rejected save: one link per Go field error that jumps
// to the field, or the plain message for errors that are not about a field.
import { useEffect, useRef, type MouseEvent } from 'react';
import { ErrorSummary } from 'nhsuk-react-components';
import type { BackendError } from '../lib/types';

interface Props {
  error: BackendError | null;
  title?: string;
  /** Fields this form shows; an error for any other field is listed without a link. */
  knownFields?: readonly string[];
  /** Move focus to the summary when it appears (the NHS.UK default). */
  autoFocus?: boolean;
}

/** Focus (and scroll to) the field with this id. Hash routing: never follow the href. */
export function focusField(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'center' });
  (el as HTMLElement).focus();
  return true;
}

export function FormErrorSummary({ error, title = 'There is a problem', knownFields, autoFocus = true }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && ref.current && autoFocus) {
      ref.current.focus();
      if (typeof ref.current.scrollIntoView === 'function') ref.current.scrollIntoView({ block: 'start' });
    }
  }, [error, autoFocus]);
  if (!error) return null;
  const fields = error.fields ?? [];
  const onClick = (field: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    focusField(field);
  };
  return (
    <ErrorSummary ref={ref} tabIndex={-1} disableAutoFocus data-testid="error-summary">
      <ErrorSummary.Title>{title}</ErrorSummary.Title>
      <ErrorSummary.List>
        {fields.length === 0 ? <ErrorSummary.ListItem>{error.message}</ErrorSummary.ListItem> : null}
        {fields.map((f, i) =>
          !knownFields || knownFields.includes(f.field) ? (
            <ErrorSummary.ListItem key={`${f.field}-${i}`} href={`#${f.field}`} onClick={onClick(f.field)}>
              {f.message}
            </ErrorSummary.ListItem>
          ) : (
            <ErrorSummary.ListItem key={`${f.field}-${i}`}>{f.message}</ErrorSummary.ListItem>
          ),
        )}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
