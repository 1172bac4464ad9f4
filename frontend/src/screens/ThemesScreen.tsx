// Themes: the team's editable taxonomy for tagging feedback. Add, rename, archive.
import { useState, type FormEvent } from 'react';
import { Button, Tag, TextInput } from 'nhsuk-react-components';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { createTheme, listThemes, renameTheme, setThemeArchived } from '../lib/backend';
import { fieldErrorMap, toBackendError } from '../lib/errors';
import { useDataChanged } from '../lib/events';
import { useFlash } from '../lib/flash';
import { useFocusAfter } from '../lib/focus';
import { useLoad } from '../lib/useLoad';
import type { BackendError, Theme } from '../lib/types';
import { TableHead } from '../components/TableHead';
import { ScrollTable } from '../components/ScrollTable';

function RenameForm({ theme, onDone }: { theme: Theme; onDone: (t?: Theme) => void }) {
  const [label, setLabel] = useState(theme.label);
  const [error, setError] = useState<BackendError | null>(null);
  const id = `rename-${theme.id}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onDone(await renameTheme(theme.id, label));
    } catch (err) {
      setError(toBackendError(err));
    }
  };
  const msg = error ? (fieldErrorMap(error).label ?? error.message) : undefined;
  return (
    <form noValidate onSubmit={submit} className="app-inline-form">
      <TextInput
        id={id}
        name="label"
        label={`New name for ${theme.label}`}
        labelProps={{ className: 'nhsuk-label--s' }}
        value={label}
        error={msg}
        autoFocus
        onChange={(e) => setLabel(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone();
        }}
      />
      <Button type="submit" small>
        Save name
      </Button>
      <Button type="button" small secondary onClick={() => onDone()}>
        Cancel
      </Button>
    </form>
  );
}

export function ThemesScreen() {
  const themes = useLoad(() => listThemes(true), []);
  useDataChanged(() => themes.reload(), ['theme', 'feedback']);
  const { showMessage } = useFlash();
  const [newLabel, setNewLabel] = useState('');
  const [addError, setAddError] = useState<BackendError | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string>('');
  // Focus is never lost (WCAG 2.4.3): Rename opens at its field (autoFocus), Save, Cancel
  // and Escape go back to the Rename button, and Archive follows the row to its table.
  const focusAfter = useFocusAfter();

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const t = await createTheme(newLabel);
      setNewLabel('');
      setAddError(null);
      themes.setData((old) => [...(old ?? []), t]);
      showMessage(`Theme “${t.label}” added.`);
    } catch (err) {
      const be = toBackendError(err);
      // The Go field is "label"; on this screen the input is "newTheme".
      setAddError(be.fields ? { ...be, fields: be.fields.map((f) => ({ ...f, field: f.field === 'label' ? 'newTheme' : f.field })) } : be);
    }
  };

  const archive = async (t: Theme, archived: boolean) => {
    setRowError('');
    try {
      const updated = await setThemeArchived(t.id, archived);
      focusAfter(`archive-${t.id}`);
      themes.setData((old) => old?.map((x) => (x.id === t.id ? updated : x)));
      showMessage(`Theme “${t.label}” ${archived ? 'archived' : 'restored'}.`);
    } catch (err) {
      setRowError(toBackendError(err).message);
    }
  };

  if (themes.error && !themes.data) return <LoadProblem title="Themes" message={themes.error.message} />;
  const list = themes.data ?? [];
  const active = list.filter((t) => !t.archived);
  const archived = list.filter((t) => t.archived);

  const table = (rows: Theme[], caption: string) => (
    <ScrollTable>
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">{caption}</caption>
      <TableHead
        columns={[
          { label: 'Theme' },
          { label: 'Used by', numeric: true },
          { label: 'Status' },
          { label: 'Actions', hidden: true },
        ]}
      />
      <tbody className="nhsuk-table__body">
        {rows.map((t) => (
          <tr key={t.id} className="nhsuk-table__row">
            <td className="nhsuk-table__cell">
              {renaming === t.id ? (
                <RenameForm
                  theme={t}
                  onDone={(updated) => {
                    focusAfter(`rename-open-${t.id}`);
                    setRenaming(null);
                    if (updated) {
                      themes.setData((old) => old?.map((x) => (x.id === t.id ? updated : x)));
                      showMessage(`Theme “${t.label}” renamed “${updated.label}”.`);
                    }
                  }}
                />
              ) : (
                t.label
              )}
            </td>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
              {t.usage} <span className="nhsuk-u-visually-hidden">feedback {t.usage === 1 ? 'item' : 'items'}</span>
            </td>
            <td className="nhsuk-table__cell">
              {t.archived ? <Tag modifier="grey">Archived</Tag> : <Tag modifier="green">In use</Tag>}
            </td>
            <td className="nhsuk-table__cell">
              {renaming === t.id ? null : (
                <div className="app-inline-form">
                  <button
                    type="button"
                    id={`rename-open-${t.id}`}
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    onClick={() => setRenaming(t.id)}
                  >
                    Rename<span className="nhsuk-u-visually-hidden"> {t.label}</span>
                  </button>
                  <button
                    type="button"
                    id={`archive-${t.id}`}
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    onClick={() => void archive(t, !t.archived)}
                  >
                    {t.archived ? 'Unarchive' : 'Archive'}
                    <span className="nhsuk-u-visually-hidden"> {t.label}</span>
                  </button>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );

  return (
    <>
      <PageHeading>Themes</PageHeading>
      <p>
        Themes tag feedback so that you can count what people talk about. Archiving a theme hides it from new feedback
        but keeps it on feedback that already uses it.
      </p>
      <FormErrorSummary error={addError} knownFields={['newTheme']} />
      <form noValidate onSubmit={add} className="app-inline-form nhsuk-u-margin-bottom-6">
        <TextInput
          id="newTheme"
          name="newTheme"
          label="New theme"
          labelProps={{ className: 'nhsuk-label--s' }}
          value={newLabel}
          error={addError ? (fieldErrorMap(addError).newTheme ?? (addError.fields ? undefined : addError.message)) : undefined}
          onChange={(e) => setNewLabel(e.currentTarget.value)}
        />
        <Button type="submit">Add theme</Button>
      </form>
      {rowError ? <p className="nhsuk-error-message">{rowError}</p> : null}
      {!themes.data ? <Loading /> : null}
      {themes.data && active.length === 0 ? <p>No themes in use.</p> : null}
      {active.length > 0 ? table(active, 'Themes in use') : null}
      {archived.length > 0 ? table(archived, 'Archived themes') : null}
    </>
  );
}
