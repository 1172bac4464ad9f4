// "You said, we did" on a session page: "Choose feedback for an action" shows the
// feedback as checkboxes (hidden until then, so each text is on the page once); tick
// items, then "Create action from selected"; the session's actions below, and a link to the session's write-up.
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Checkboxes } from 'nhsuk-react-components';
import { ActionStatusTag, OverdueTag } from './ActionTags';
import { toggle } from './fields';
import { listActions } from '../lib/backend';
import { formatDate } from '../lib/dates';
import { useDataChanged } from '../lib/events';
import { useLoad } from '../lib/useLoad';
import type { Feedback } from '../lib/types';

const short = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function SessionActions({ sessionId, feedback }: { sessionId: string; feedback: Feedback[] }) {
  const navigate = useNavigate();
  const [picked, setPicked] = useState<string[]>([]);
  const [problem, setProblem] = useState('');
  const [choosing, setChoosing] = useState(false);
  // Focus is never lost (WCAG 2.4.3): opening the list moves it to the first checkbox,
  // Cancel back to the button that opened it.
  const focusNext = useRef('');
  const chooseButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const next = focusNext.current;
    focusNext.current = '';
    if (next === 'choose') chooseButton.current?.focus();
    else if (next) document.getElementById(next)?.focus();
  }, [choosing]);
  const actions = useLoad(() => listActions({ sessionId }), [sessionId]);
  useDataChanged(() => actions.reload(), ['action', 'feedback']);
  const live = picked.filter((id) => feedback.some((f) => f.id === id));
  const answered = new Set((actions.data ?? []).flatMap((a) => a.feedbackIds));

  const create = () => {
    if (live.length === 0) {
      setProblem('Select the feedback the action answers');
      document.getElementById('action-feedback')?.focus();
      return;
    }
    navigate(`/actions/new?sessionId=${encodeURIComponent(sessionId)}&feedback=${live.map(encodeURIComponent).join(',')}&back=/sessions/${sessionId}`);
  };

  return (
    <section aria-labelledby="session-actions-heading" data-testid="session-you-said">
      <h2 className="nhsuk-heading-m" id="session-actions-heading">
        You said, we did
      </h2>
      <p>
        <Link to={`/sessions/${sessionId}/write-up`}>Write-up and reflections</Link>
        {' · '}
        <Link to="/actions">All actions</Link>
      </p>
      {feedback.length > 0 && !choosing ? (
        <Button
          ref={chooseButton}
          type="button"
          secondary
          onClick={() => {
            focusNext.current = 'action-feedback';
            setChoosing(true);
          }}
        >
          Choose feedback for an action
        </Button>
      ) : null}
      {feedback.length > 0 && choosing ? (
        <div className={`nhsuk-form-group${problem ? ' nhsuk-form-group--error' : ''}`}>
          <Checkboxes
            name="action-feedback"
            id="action-feedback-group"
            legend="Choose feedback to act on"
            legendProps={{ size: 's' }}
            hint="Tick the feedback items one action answers"
            error={problem || undefined}
            small
          >
            {feedback.map((f, i) => (
              <Checkboxes.Item
                key={f.id}
                id={i === 0 ? 'action-feedback' : `action-feedback-${i + 1}`}
                value={f.id}
                checked={picked.includes(f.id)}
                onChange={() => {
                  setProblem('');
                  setPicked((p) => toggle(p, f.id));
                }}
                hint={[f.needsResponse ? 'Needs response' : '', answered.has(f.id) ? 'Has an action' : ''].filter(Boolean).join(' · ') || undefined}
              >
                {short(f.text)}
              </Checkboxes.Item>
            ))}
          </Checkboxes>
          <div className="nhsuk-button-group">
            <Button type="button" onClick={create}>
              Create action from selected{live.length > 0 ? ` (${live.length})` : ''}
            </Button>
            <button
              type="button"
              className="nhsuk-link app-link-button"
              onClick={() => {
                focusNext.current = 'choose';
                setChoosing(false);
                setPicked([]);
                setProblem('');
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {actions.data && actions.data.length > 0 ? (
        <ul className="nhsuk-list nhsuk-list--border" aria-label="Actions for this session" data-testid="session-action-list">
          {actions.data.map((a) => (
            <li key={a.id} data-action-id={a.id}>
              <Link to={`/actions/${a.id}/edit?back=/sessions/${sessionId}`}>{short(a.youSaid.split('\n')[0] || 'Action', 100)}</Link>{' '}
              {a.overdue ? <OverdueTag /> : null} <ActionStatusTag status={a.status} />
              <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                {a.due ? ` · due ${formatDate(a.due)}` : ''}
                {a.owner ? ` · ${a.owner}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : actions.data ? (
        <p className="nhsuk-u-secondary-text-colour">No actions for this session yet.</p>
      ) : null}
    </section>
  );
}
