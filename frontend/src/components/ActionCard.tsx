// One action on the "you said, we did" board, with its quick actions.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, Tag } from 'nhsuk-react-components';
import { ActionStatusTag, OverdueTag } from './ActionTags';
import { SelectField, SingleCheckbox, TextAreaField, TextField } from './fields';
import { FormErrorSummary } from './FormErrorSummary';
import { actionOf } from '../lib/action';
import { updateAction } from '../lib/backend';
import { formatDate, todayISO } from '../lib/dates';
import { fieldErrorMap } from '../lib/errors';
import { labelOf, useRefData } from '../lib/refdata';
import { useSubmit } from '../lib/useSubmit';
import type { Action, ActionView } from '../lib/types';

/** The buttons of a quick action's small form: save it, or close it unsaved. */
function SaveOrCancel({ label, saving, onCancel }: { label: string; saving: boolean; onCancel: () => void }) {
  return (
    <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
      <Button type="submit" small disabled={saving} className="nhsuk-u-margin-bottom-0">
        {label}
      </Button>
      <button type="button" className="nhsuk-link app-link-button" onClick={onCancel}>
        Cancel
      </button>
    </div>
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
            <SaveOrCancel label="Save as done" saving={saving} onCancel={() => setPanel('')} />
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
            <SaveOrCancel label="Save" saving={saving} onCancel={() => setPanel('')} />
          </form>
        ) : null}
      </div>
    </li>
  );
}
