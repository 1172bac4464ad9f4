// #/actions: the "you said, we did" board. A section per status (Planned, In progress,
// Done, Not possible), overdue actions first with a red "Overdue" tag, and the feedback
// marked "needs response" that no action answers yet, each with "Create action".
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Tag } from 'nhsuk-react-components';
import { ActionCard, quickActionMessage } from '../components/ActionCard';
import { ButtonLink } from '../components/ButtonLink';
import { LoadProblem, PageHeading, LoadingPage } from '../components/PageHeading';
import { getActionsBoard, listActionPublications } from '../lib/backend';
import { formatDate } from '../lib/dates';
import { useDataChanged } from '../lib/events';
import { useFlash } from '../lib/flash';
import { itemName } from '../lib/itemName';
import { useLoad } from '../lib/useLoad';
import type { ActionsBoard, PendingFeedback } from '../lib/types';

function NeedsResponse({ items, total }: { items: PendingFeedback[]; total: number }) {
  return (
    <section aria-labelledby="needs-response-heading" data-testid="needs-response">
      <h2 className="nhsuk-heading-m" id="needs-response-heading">
        Feedback needing a response ({total})
      </h2>
      {total === 0 ? (
        <p>Every feedback item marked “needs response” has an action.</p>
      ) : (
        <>
          <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
            Marked “needs response” and not yet answered by an action, oldest first
            {total > items.length ? ` (the first ${items.length} of ${total})` : ''}.
          </p>
          <ul className="nhsuk-list nhsuk-list--border" aria-label="Feedback needing a response">
            {items.map((f) => (
              <li key={f.id} data-testid="needs-response-item" data-feedback-id={f.id}>
                <p className="app-pre-wrap nhsuk-u-margin-bottom-1">“{f.text}”</p>
                <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 nhsuk-u-secondary-text-colour">
                  <Link to={`/sessions/${f.sessionId}?feedback=${f.id}`}>
                    {f.sessionTitle || 'Session'}{' '}
                    <span className="nhsuk-u-visually-hidden">(where “{itemName(f.text)}” was said)</span>
                  </Link>
                  {f.sessionDate ? `, ${formatDate(f.sessionDate)}` : ''}
                </p>
                <Link
                  className="nhsuk-link nhsuk-body-s"
                  to={`/actions/new?sessionId=${encodeURIComponent(f.sessionId)}&feedback=${encodeURIComponent(f.id)}&back=/actions`}
                >
                  Create action <span className="nhsuk-u-visually-hidden">for “{itemName(f.text)}”</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Focus the card of this action once it is on the board (WCAG 2.4.3: after a save,
 * focus follows the card to its new column rather than being lost). */
function useFocusCard(board: ActionsBoard | undefined) {
  const [params] = useSearchParams();
  // ?added=id (a new action) or ?saved=id (an edited one), from the action form.
  const [target, setTarget] = useState(() => params.get('added') || params.get('saved') || '');
  const rev = useRef(0);
  useEffect(() => {
    if (!board || !target) return;
    const card = [...document.querySelectorAll<HTMLElement>('[data-testid="action-card"]')].find((c) => c.dataset.actionId === target);
    if (!card || Number(card.dataset.rev ?? 0) < rev.current) return; // not moved yet: wait for the reload
    card.focus();
    setTarget('');
  }, [board, target]);
  return (id: string, atRev = 0) => {
    rev.current = atRev;
    setTarget(id);
  };
}

export function ActionsScreen() {
  const board = useLoad<ActionsBoard>(() => getActionsBoard(''), []);
  useDataChanged(() => board.reload(), ['action', 'feedback', 'session']);
  const pubs = useLoad(listActionPublications, []);
  useDataChanged(() => pubs.reload(), ['publication']);
  const publishedAs = new Map(
    (pubs.data ?? []).map((p) => [
      p.actionId,
      `Published on ${formatDate(p.publishedOn)} (${p.formatLabel}${p.language ? `, language ${p.language}` : ''})`,
    ]),
  );
  const { showMessage } = useFlash();
  const focusCard = useFocusCard(board.data);

  if (board.error && !board.data) return <LoadProblem title="You said, we did" message={board.error.message} />;
  if (!board.data) {
    return <LoadingPage title="You said, we did" />;
  }
  const b = board.data;
  const total = b.columns.reduce((n, c) => n + c.actions.length, 0);
  return (
    <>
      <PageHeading>You said, we did</PageHeading>
      <p className="nhsuk-body-l">
        {total === 0 ? 'No actions yet.' : `${total} action${total === 1 ? '' : 's'}`}
        {b.overdue > 0 ? (
          <>
            {' · '}
            <Tag modifier="red" data-testid="overdue-count">
              {b.overdue} overdue
            </Tag>
          </>
        ) : null}
      </p>
      <p>Create an action from a session: tick the feedback it answers, then “Create action from selected”.</p>
      <ButtonLink to="/you-said-we-did" secondary>
        Make a “you said, we did”
      </ButtonLink>

      <NeedsResponse items={b.needsResponse} total={b.needsResponseTotal} />

      {b.columns.map((c) => (
        <section key={c.status} aria-labelledby={`col-${c.status}`} data-testid={`column-${c.status}`}>
          <h2 className="nhsuk-heading-m" id={`col-${c.status}`}>
            {c.label} ({c.actions.length})
          </h2>
          {c.actions.length === 0 ? (
            <p className="nhsuk-u-secondary-text-colour">None.</p>
          ) : (
            <ul className="app-feedback-list" aria-label={`${c.label} actions`}>
              {c.actions.map((a) => (
                <ActionCard
                  key={`${a.id}-${a.rev}`}
                  action={a}
                  publishedAs={publishedAs.get(a.id)}
                  onSaved={(saved, change) => {
                    showMessage(quickActionMessage(change, saved.youSaid.split('\n')[0] || 'Action'));
                    focusCard(saved.id, saved.rev);
                    board.reload();
                  }}
                />
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
