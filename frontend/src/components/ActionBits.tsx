// Small shared parts of "you said, we did" actions: tags, an empty action, the
// feedback an action answers, and a card for the board with its quick actions.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, Tag } from 'nhsuk-react-components';
import { SelectField, SingleCheckbox, TextAreaField, TextField } from './fields';
import { FormErrorSummary } from './FormErrorSummary';
import { updateAction } from '../lib/backend';
import { formatDate, todayISO } from '../lib/dates';
import { fieldErrorMap } from '../lib/errors';
import { labelOf, useRefData } from '../lib/refdata';
import { useSubmit } from '../lib/useSubmit';
import type { Action, ActionFeedback, ActionView } from '../lib/types';

const STATUS_COLOUR: Record<string, 'grey' | 'blue' | 'green' | 'orange'> = {
  planned: 'grey',
  in_progress: 'blue',
  done: 'green',
  not_possible: 'orange',
};

export function ActionStatusTag({ status }: { status: string }) {
  const ref = useRefData();
  return <Tag modifier={STATUS_COLOUR[status] ?? 'grey'}>{labelOf(ref.actionStatuses, status) || status}</Tag>;
}

export function OverdueTag() {
  return (
    <Tag modifier="red" data-testid="overdue-tag">
      Overdue
    </Tag>
  );
}

export const ACTION_FIELDS = [
  'feedbackIds',
  'themeId',
  'youSaid',
  'weDid',
  'owner',
  'due',
  'status',
  'reasonNotPossible',
  'decisionInfluenced',
  'communicatedOn',
  'channel',
  'published',
] as const;

const noMeta = { id: '', createdAt: '', updatedAt: '', createdBy: '', deviceId: '', rev: 0 };

export function emptyAction(over: Partial<Action> = {}): Action {
  return {
    ...noMeta,
    feedbackIds: [],
    themeId: '',
    projectId: '',
    sessionId: '',
    youSaid: '',
    weDid: '',
    owner: '',
    due: '',
    status: 'planned',
    reasonNotPossible: '',
    decisionInfluenced: '',
    communicatedOn: '',
    channel: '',
    published: false,
    ...over,
  };
}

/** The plain Action of a view (what edit forms send as loaded/edited). */
export function actionOf(v: Action): Action {
  return emptyAction({
    id: v.id,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    createdBy: v.createdBy,
    deviceId: v.deviceId,
    rev: v.rev,
    feedbackIds: v.feedbackIds ?? [],
    themeId: v.themeId ?? '',
    projectId: v.projectId ?? '',
    sessionId: v.sessionId ?? '',
    youSaid: v.youSaid ?? '',
    weDid: v.weDid ?? '',
    owner: v.owner ?? '',
    due: v.due ?? '',
    status: v.status || 'planned',
    reasonNotPossible: v.reasonNotPossible ?? '',
    decisionInfluenced: v.decisionInfluenced ?? '',
    communicatedOn: v.communicatedOn ?? '',
    channel: v.channel ?? '',
    published: !!v.published,
  });
}

/** The feedback an action answers; deleted items say so. */
export function AnsweredFeedback({ items, label = 'Feedback this answers' }: { items: ActionFeedback[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="nhsuk-list app-answered-feedback" aria-label={label} data-testid="answered-feedback">
      {items.map((f) => (
        <li key={f.id} data-feedback-id={f.id} className="nhsuk-inset-text nhsuk-u-margin-top-0 nhsuk-u-margin-bottom-2">
          {f.missing ? (
            <span className="nhsuk-u-secondary-text-colour">Feedback no longer available</span>
          ) : (
            <>
              <span className="app-pre-wrap">“{f.text}”</span>
              <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                {' '}
                – <Link to={`/sessions/${f.sessionId}?feedback=${f.id}`}>{f.sessionTitle || 'Session'}</Link>
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

type Panel = '' | 'done' | 'communicated';

/** One action on the board: what was said and done, owner, due, tags, and the quick
 * actions "Mark done" and "Record communicated back" (small inline forms). */
export function ActionCard({ action, onSaved }: { action: ActionView; onSaved?: (v: ActionView) => void }) {
  const ref = useRefData();
  const [panel, setPanel] = useState<Panel>('');
  const [weDid, setWeDid] = useState(action.weDid);
  const [on, setOn] = useState(action.communicatedOn || todayISO());
  const [channel, setChannel] = useState(action.channel);
  const [published, setPublished] = useState(action.published);
  const { saving, error, setError, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const title = action.youSaid.split('\n')[0] || 'Action';
  const idp = `a-${action.id}`;

  const open = (p: Panel) => {
    setError(null);
    setWeDid(action.weDid);
    setOn(action.communicatedOn || todayISO());
    setChannel(action.channel);
    setPublished(action.published);
    setPanel(p);
  };

  const save = (e: FormEvent, change: Partial<Action>) =>
    submit(async () => {
      setError(null);
      const loaded = actionOf(action);
      const saved = await updateAction(action.id, loaded, { ...loaded, ...change });
      setPanel('');
      onSaved?.(saved);
    })(e);

  return (
    <li className="nhsuk-card nhsuk-u-margin-bottom-4" data-testid="action-card" data-action-id={action.id} data-status={action.status}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          <span className="nhsuk-u-visually-hidden">You said: </span>
          <Link to={`/actions/${action.id}/edit`}>{title}</Link>
        </h3>
        <p className="nhsuk-u-margin-bottom-2">
          {action.overdue ? <OverdueTag /> : null} <ActionStatusTag status={action.status} />
          {action.published ? (
            <Tag modifier="purple" className="nhsuk-u-margin-left-2">
              Published
            </Tag>
          ) : null}
        </p>
        {action.weDid ? (
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
            <strong>We did:</strong> <span className="app-pre-wrap">{action.weDid}</span>
          </p>
        ) : null}
        {action.status === 'not_possible' && action.reasonNotPossible ? (
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
            <strong>Not possible because:</strong> {action.reasonNotPossible}
          </p>
        ) : null}
        <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-2">
          {[
            action.owner ? `Owner: ${action.owner}` : 'No owner',
            action.due ? `Due ${formatDate(action.due)}` : 'No due date',
            action.feedback.length ? `${action.feedback.length} feedback item${action.feedback.length === 1 ? '' : 's'}` : '',
            action.sessionTitle || action.projectName,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-2" data-testid="communicated">
          {action.communicatedOn
            ? `Communicated back ${formatDate(action.communicatedOn)}${action.channel ? ` by ${labelOf(ref.actionChannels, action.channel).toLowerCase()}` : ''}`
            : 'Not yet communicated back'}
        </p>

        {panel === '' ? (
          <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
            {action.status !== 'done' ? (
              <Button type="button" secondary small className="nhsuk-u-margin-bottom-0" onClick={() => open('done')}>
                Mark done<span className="nhsuk-u-visually-hidden">: {title}</span>
              </Button>
            ) : null}
            <Button type="button" secondary small className="nhsuk-u-margin-bottom-0" onClick={() => open('communicated')}>
              Record communicated back<span className="nhsuk-u-visually-hidden">: {title}</span>
            </Button>
          </div>
        ) : null}

        {panel === 'done' ? (
          <form noValidate onSubmit={(e) => void save(e, { status: 'done', weDid })} data-testid="mark-done-form">
            <FormErrorSummary error={error} knownFields={[`${idp}-weDid`]} autoFocus={false} />
            <TextAreaField name={`${idp}-weDid`} label="What did you do? (we did)" value={weDid} onChange={setWeDid} error={errs.weDid} />
            <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
              <Button type="submit" small disabled={saving} className="nhsuk-u-margin-bottom-0">
                Save as done
              </Button>
              <button type="button" className="nhsuk-link app-link-button" onClick={() => setPanel('')}>
                Cancel
              </button>
            </div>
          </form>
        ) : null}

        {panel === 'communicated' ? (
          <form
            noValidate
            onSubmit={(e) => void save(e, { communicatedOn: on, channel, published })}
            data-testid="communicated-form"
          >
            <FormErrorSummary error={error} autoFocus={false} />
            <TextField name={`${idp}-communicatedOn`} label="Date communicated back" type="date" width={10} value={on} onChange={setOn} error={errs.communicatedOn} />
            <SelectField
              name={`${idp}-channel`}
              label="How was it communicated back?"
              items={ref.actionChannels}
              value={channel}
              onChange={setChannel}
              blankLabel="Choose how"
              error={errs.channel}
            />
            <SingleCheckbox
              name={`${idp}-published`}
              legend="Published"
              label="Published in a “you said, we did” update"
              checked={published}
              onChange={setPublished}
            />
            <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
              <Button type="submit" small disabled={saving} className="nhsuk-u-margin-bottom-0">
                Save
              </Button>
              <button type="button" className="nhsuk-link app-link-button" onClick={() => setPanel('')}>
                Cancel
              </button>
            </div>
          </form>
        ) : null}
      </div>
    </li>
  );
}
