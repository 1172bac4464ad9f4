// Conflicts (#/sync/conflicts): the same detail changed on two laptops before they
// synced. The server kept one value in the record and the other here; a person keeps
// one, uses the other, or combines them. Grouped by record; resolved ones collapsed.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { BackLink, Button, Details, Tag, Textarea } from 'nhsuk-react-components';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { useSyncStatus } from '../components/SyncStatus';
import { listConflicts, listThemes, resolveConflict } from '../lib/backend';
import { formatDateTime } from '../lib/dates';
import { fieldErrorMap, toBackendError } from '../lib/errors';
import { useDataChanged } from '../lib/events';
import { useFlash } from '../lib/flash';
import { useFocusAfter } from '../lib/focus';
import { useRefData } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import type { ConflictResolution, ConflictSide, ConflictView, Theme } from '../lib/types';
import {
  ENTITY_LABEL,
  combineKind,
  combinedList,
  combinedText,
  decodeValue,
  deleteResolutions,
  isDeleteConflict,
  recordLink,
  recordTitle,
  sideText,
} from './ConflictsValues';

function whoWhen(side: ConflictSide): string {
  const when = formatDateTime(side.at);
  if (side.by && when) return `${side.by}, ${when}`;
  return side.by || when || 'Not known';
}

interface Group {
  key: string;
  entity: string;
  recordId: string;
  title: string;
  deleted: boolean;
  sessionId?: string;
  items: ConflictView[];
}

/** One side of a conflict as a card: what it is, its value (when it has one), who
 * changed it and when, and the button that chooses it. */
function SideCard(p: { testId?: string; heading: string; value?: string; who: string; button: string; describedBy: string; onChoose: () => void }) {
  return (
    <div className="nhsuk-card" data-testid={p.testId}>
      <div className="nhsuk-card__content">
        <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-2">{p.heading}</h4>
        {p.value !== undefined ? (
          <p className="app-pre-wrap nhsuk-u-margin-bottom-2" data-testid="conflict-value">
            {p.value}
          </p>
        ) : null}
        <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">{p.who}</p>
        <Button type="button" secondary small aria-describedby={p.describedBy} onClick={p.onChoose}>
          {p.button}
        </Button>
      </div>
    </div>
  );
}

function groupByRecord(items: ConflictView[]): Group[] {
  const groups = new Map<string, Group>();
  for (const c of items) {
    const key = `${c.entity}:${c.recordId}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, entity: c.entity, recordId: c.recordId, title: recordTitle(c.entity, c.recordTitle), deleted: c.recordDeleted, sessionId: c.sessionId, items: [] };
      groups.set(key, g);
    }
    g.items.push(c);
  }
  return [...groups.values()];
}

const RESOLUTION_WORDS: Record<string, string> = {
  kept: 'Kept the value in the record',
  replaced: 'Used the other value',
  combined: 'Combined the values',
};

function resolutionWords(c: ConflictView): string {
  if (isDeleteConflict(c)) {
    const { keepDeleted } = deleteResolutions(c);
    return c.resolution === keepDeleted ? 'Kept deleted' : 'Restored with the edits';
  }
  return RESOLUTION_WORDS[c.resolution] ?? 'Resolved';
}

interface ItemProps {
  c: ConflictView;
  themes: Theme[];
  onResolve: (c: ConflictView, resolution: ConflictResolution, valueJSON?: string) => Promise<string | null>;
}

/** One conflict: the field, both values with who and when, and the choices. */
function ConflictItem({ c, themes, onResolve }: ItemProps) {
  const ref = useRefData();
  const [combining, setCombining] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const headingId = `conflict-${c.id}-field`;
  const combine = combineKind(c);
  const deletion = isDeleteConflict(c);
  // Focus is never lost (WCAG 2.4.3): Combine opens at the combined value (the text's
  // field, or the list's preview), Cancel goes back to Combine.
  const focusAfter = useFocusAfter();
  const combineButton = useRef<HTMLButtonElement>(null);
  const previewId = `combine-preview-${c.id}`;
  const cancelCombine = () => {
    focusAfter(combineButton);
    setCombining(false);
  };

  const act = async (resolution: ConflictResolution, valueJSON?: string) => {
    if (busy) return;
    setBusy(true);
    setError('');
    const problem = await onResolve(c, resolution, valueJSON);
    if (problem !== null) {
      setError(problem);
      setBusy(false);
    }
  };

  const winnerText = sideText(c, c.winner, ref, themes);
  const loserText = sideText(c, c.loser, ref, themes);
  // Someone changed the field after the conflict (a "null" with no time: the record is not here).
  const changedSince =
    !deletion && c.current.value !== '' && c.current.value !== c.winner.value && (c.current.value !== 'null' || c.current.at !== '');
  const list = combine === 'list' ? combinedList(c) : [];

  let values;
  if (deletion) {
    const { keepDeleted, restore } = deleteResolutions(c);
    const deletedSide = keepDeleted === 'kept' ? c.winner : c.loser;
    const editedSide = keepDeleted === 'kept' ? c.loser : c.winner;
    values = (
      <div className="app-conflict-values">
        <SideCard heading="Deleted" who={`By ${whoWhen(deletedSide)}`} button="Keep deleted" describedBy={headingId} onChoose={() => void act(keepDeleted)} />
        <SideCard heading="Edited" who={`By ${whoWhen(editedSide)}`} button="Restore with the edits" describedBy={headingId} onChoose={() => void act(restore)} />
      </div>
    );
  } else {
    values = (
      <div className="app-conflict-values">
        <SideCard
          testId="conflict-winner"
          heading="In the record"
          value={winnerText}
          who={`Changed by ${whoWhen(c.winner)}`}
          button="Keep this"
          describedBy={headingId}
          onChoose={() => void act('kept')}
        />
        <SideCard
          testId="conflict-loser"
          heading="The other value"
          value={loserText}
          who={`Changed by ${whoWhen(c.loser)}`}
          button="Use the other"
          describedBy={headingId}
          onChoose={() => void act('replaced')}
        />
      </div>
    );
  }

  const openCombine = () => {
    setText(combinedText(c));
    focusAfter(combine === 'text' ? `combine-${c.id}` : previewId);
    setCombining(true);
  };

  return (
    <li className="nhsuk-u-margin-bottom-6" data-testid="conflict-item" data-conflict-id={c.id} tabIndex={-1}>
      <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2" id={headingId}>
        {deletion ? 'Deleted on one laptop, edited on another' : c.fieldLabel || c.field}
      </h3>
      {deletion ? (
        <p>
          Someone deleted this {(ENTITY_LABEL[c.entity] ?? 'record').toLowerCase()} while someone else was changing it. It
          is deleted now; the edits are kept, and come back if you restore it.
        </p>
      ) : null}
      {values}
      {changedSince ? (
        <p className="nhsuk-body-s">
          Since then it was changed to: <span className="app-pre-wrap">{sideText(c, c.current, ref, themes)}</span>
        </p>
      ) : null}
      {!deletion && c.base.value ? (
        <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
          Before both changes: <span className="app-pre-wrap">{sideText(c, c.base, ref, themes)}</span>
        </p>
      ) : null}
      {combine && !combining ? (
        <Button ref={combineButton} type="button" secondary small aria-describedby={headingId} onClick={openCombine}>
          Combine
        </Button>
      ) : null}
      {combine === 'text' && combining ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void act('combined', JSON.stringify(text));
          }}
        >
          <Textarea
            id={`combine-${c.id}`}
            name="combined"
            label={`Combined ${(c.fieldLabel || c.field).toLowerCase()}`}
            labelProps={{ className: 'nhsuk-label--s' }}
            hint="Both values are here: edit them into one."
            rows={Math.min(12, Math.max(4, text.split('\n').length + 1))}
            value={text}
            error={error || undefined}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <div className="app-actions">
            <Button type="submit" small>
              Save combined value
            </Button>
            <Button type="button" small secondary onClick={cancelCombine}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {combine === 'list' && combining ? (
        <div className="nhsuk-inset-text nhsuk-u-margin-top-2" data-testid="combine-preview" id={previewId} tabIndex={-1}>
          <p>
            Both together:{' '}
            <strong>{decodeValue(c.entity, c.field, JSON.stringify(list), ref, themes)}</strong>
          </p>
          <div className="app-actions nhsuk-u-margin-bottom-0">
            <Button type="button" small onClick={() => void act('combined', JSON.stringify(list))}>
              Save combined value
            </Button>
            <Button type="button" small secondary onClick={cancelCombine}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {error && !(combine === 'text' && combining) ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </li>
  );
}

function ResolvedList({ items, themes }: { items: ConflictView[]; themes: Theme[] }) {
  const ref = useRefData();
  return (
    <Details data-testid="resolved-conflicts">
      <Details.Summary>Resolved conflicts ({items.length})</Details.Summary>
      <Details.Text>
        <ul className="nhsuk-list nhsuk-list--border">
          {items.map((c) => {
            const chosen = c.resolution === 'replaced' ? c.loser : c.winner;
            return (
              <li key={c.id} data-testid="resolved-conflict">
                <strong>{recordTitle(c.entity, c.recordTitle)}</strong>, {isDeleteConflict(c) ? 'deleted' : (c.fieldLabel || c.field).toLowerCase()}:{' '}
                {resolutionWords(c)}
                {!isDeleteConflict(c) && c.resolution !== 'combined' ? ` (${sideText(c, chosen, ref, themes)})` : ''}
                {c.resolvedBy || c.resolvedAt ? (
                  <span className="nhsuk-u-secondary-text-colour">
                    {' '}
                    — {[c.resolvedBy, formatDateTime(c.resolvedAt)].filter(Boolean).join(', ')}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Details.Text>
    </Details>
  );
}

export function ConflictsScreen() {
  const conflicts = useLoad(() => listConflicts(), []);
  const { status } = useSyncStatus();
  const { showMessage } = useFlash();
  const listRef = useRef<HTMLDivElement>(null);
  // After a resolve: focus the next conflict (id) or, with none left, the "no conflicts" line.
  const [focusNext, setFocusNext] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (!focusNext || !listRef.current) return;
    const items = [...listRef.current.querySelectorAll<HTMLElement>('[data-conflict-id]')];
    const el = items.find((x) => x.dataset.conflictId === focusNext.id) ?? items[0] ?? listRef.current.querySelector<HTMLElement>('[data-testid="no-conflicts"]');
    el?.focus();
    setFocusNext(null);
  }, [focusNext]);

  // New conflicts arrive with a sync: follow the count and each finished sync.
  const seen = `${status?.conflicts ?? ''}|${status?.lastSyncedAt ?? ''}`;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    conflicts.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seen]);
  useDataChanged(() => conflicts.reload(), ['conflict']);

  const all = conflicts.data ?? [];
  const open = all.filter((c) => c.status !== 'resolved');
  const resolved = all.filter((c) => c.status === 'resolved');
  const needThemes = all.some((c) => c.field === 'themes');
  const themes = useLoad<Theme[]>(() => (needThemes ? listThemes(true) : Promise.resolve([])), [needThemes]);
  const groups = useMemo(() => groupByRecord(open), [open]);

  const onResolve = async (c: ConflictView, resolution: ConflictResolution, valueJSON?: string): Promise<string | null> => {
    try {
      const done = await resolveConflict(c.id, resolution, valueJSON ?? '');
      const after = { ...c, ...done, status: 'resolved' as const, resolution: done.resolution || resolution };
      // Where focus goes once this item has gone: the next conflict, else the list's end.
      const ids = open.map((x) => x.id);
      const nextId = ids[ids.indexOf(c.id) + 1] ?? ids[ids.indexOf(c.id) - 1];
      conflicts.setData((old) => (old ?? []).map((x) => (x.id === c.id ? after : x)));
      showMessage(`Conflict resolved: ${recordTitle(c.entity, c.recordTitle)}, ${isDeleteConflict(c) ? 'deleted' : (c.fieldLabel || c.field).toLowerCase()}.`);
      setFocusNext({ id: nextId ?? '' });
      return null;
    } catch (e) {
      const be = toBackendError(e);
      return Object.values(fieldErrorMap(be))[0] ?? be.message;
    }
  };

  if (conflicts.error && !conflicts.data) return <LoadProblem title="Conflicts" message={conflicts.error.message} />;

  return (
    <>
      <BackLink asElement={Link} to="/sync">
        Sync with your team
      </BackLink>
      <PageHeading caption="Sync">Conflicts</PageHeading>
      <p>
        These details were changed on two laptops before they synced. Involve kept one value in the record and saved the
        other here, so nothing is lost. Choose which to keep, or combine them. Every laptop in the team sees your choice.
      </p>
      {conflicts.error ? <p className="nhsuk-error-message">{conflicts.error.message}</p> : null}
      <div ref={listRef}>
        {!conflicts.data ? <Loading /> : null}
        {conflicts.data && open.length === 0 ? (
          <p className="nhsuk-body-l" data-testid="no-conflicts" tabIndex={-1}>
            There are no conflicts to resolve.
          </p>
        ) : null}
        {groups.map((g) => {
          const to = g.deleted ? '' : recordLink(g.entity, g.recordId, g.sessionId);
          return (
            <section key={g.key} className="nhsuk-u-margin-bottom-6" aria-labelledby={`record-${g.key}`} data-testid="conflict-record">
              <h2 className="nhsuk-heading-m nhsuk-u-margin-bottom-3" id={`record-${g.key}`}>
                <span className="nhsuk-caption-m">
                  {ENTITY_LABEL[g.entity] ?? g.entity}
                  <span className="nhsuk-u-visually-hidden">: </span>
                </span>
                {to ? <Link to={to}>{g.title}</Link> : g.title}
                {g.deleted ? (
                  <>
                    {' '}
                    <Tag modifier="grey">Deleted</Tag>
                  </>
                ) : null}
              </h2>
              <ul className="nhsuk-list" aria-label={`Conflicts in ${g.title}`}>
                {g.items.map((c) => (
                  <ConflictItem key={c.id} c={c} themes={themes.data ?? []} onResolve={onResolve} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {resolved.length > 0 ? <ResolvedList items={resolved} themes={themes.data ?? []} /> : null}
    </>
  );
}
