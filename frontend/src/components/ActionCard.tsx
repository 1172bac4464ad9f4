// One action on the "you said, we did" board, with its quick actions.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, Tag } from 'nhsuk-react-components';
import { ActionStatusTag, OverdueTag } from './ActionTags';
import { SelectField, SingleCheckbox, TextAreaField, TextField } from './fields';
import { DateField } from './DateField';
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

/** The success message of a quick action, announced by the flash banner (role="status"). */
export function quickActionMessage(change: 'done' | 'communicated', title: string): string {
  return change === 'done' ? `Marked done: “${title}”.` : `Communicated back recorded: “${title}”.`;
}

/** One action on the board: what was said and done, owner, due, tags, and the quick
 * actions "Mark done" and "Record communicated back" (small inline forms). Focus is
 * never lost (WCAG 2.4.3): opening a quick action moves it to the form's first field,
 * Cancel back to the button that opened it, and a save to this card (the board then
 * moves it to the card where it lands; see ActionsScreen). */
export function ActionCard({
  action,
  onSaved,
  publishedAs,
}: {
  action: ActionView;
  onSaved?: (v: ActionView, change: 'done' | 'communicated') => void;
  /** Where it was last published: "Published on 6 December 2026 (Web page)". */
  publishedAs?: string;
}) {
  const ref = useRefData();
  const [panel, setPanel] = useState<Panel>('');
  // Where focus goes once the panel has changed: a field's id, "card", or the opener.
  const focusNext = useRef<string>('');
  const cardRef = useRef<HTMLLIElement>(null);
  const doneButton = useRef<HTMLButtonElement>(null);
  const communicatedButton = useRef<HTMLButtonElement>(null);
  const [weDid, setWeDid] = useState(action.weDid);
  const [on, setOn] = useState(action.communicatedOn || todayISO());
  const [channel, setChannel] = useState(action.channel);
  const [published, setPublished] = useState(action.published);
  const { saving, error, setError, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const title = action.youSaid.split('\n')[0] || 'Action';
  const idp = `a-${action.id}`;

  useEffect(() => {
    const next = focusNext.current;
    if (!next) return;
    focusNext.current = '';
    if (next === 'card') cardRef.current?.focus();
    else if (next === 'opener-done') (doneButton.current ?? communicatedButton.current)?.focus();
    else if (next === 'opener-communicated') communicatedButton.current?.focus();
    else document.getElementById(next)?.focus();
  }, [panel]);

  const open = (p: Panel) => {
    setError(null);
    setWeDid(action.weDid);
    setOn(action.communicatedOn || todayISO());
    setChannel(action.channel);
    setPublished(action.published);
    focusNext.current = p === 'done' ? `${idp}-weDid` : `${idp}-communicatedOn`;
    setPanel(p);
  };

  const cancel = () => {
    focusNext.current = `opener-${panel}`;
    setPanel('');
  };

  const save = (e: FormEvent, change: Partial<Action>) =>
    submit(async () => {
      setError(null);
      const loaded = actionOf(action);
      const saved = await updateAction(action.id, loaded, { ...loaded, ...change });
      const done = panel === 'done' ? 'done' : 'communicated';
      focusNext.current = 'card';
      setPanel('');
      onSaved?.(saved, done);
    })(e);

  return (
    <li
      ref={cardRef}
      tabIndex={-1}
      className="nhsuk-card nhsuk-u-margin-bottom-4"
      data-testid="action-card"
      data-action-id={action.id}
      data-status={action.status}
      data-rev={action.rev}
    >
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          <span className="nhsuk-u-visually-hidden">You said: </span>
          <Link to={`/actions/${action.id}/edit`}>{title}</Link>
        </h3>
        <p className="nhsuk-u-margin-bottom-2">
          {action.overdue ? <OverdueTag /> : null} <ActionStatusTag status={action.status} />
          {action.published ? (
            <Tag modifier="purple" className="nhsuk-u-margin-left-2" data-testid="published">
              {publishedAs || 'Published'}
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
              <Button ref={doneButton} type="button" secondary small className="nhsuk-u-margin-bottom-0" onClick={() => open('done')}>
                Mark done<span className="nhsuk-u-visually-hidden">: {title}</span>
              </Button>
            ) : null}
            <Button ref={communicatedButton} type="button" secondary small className="nhsuk-u-margin-bottom-0" onClick={() => open('communicated')}>
              Record communicated back<span className="nhsuk-u-visually-hidden">: {title}</span>
            </Button>
          </div>
        ) : null}

        {panel === 'done' ? (
          <form noValidate onSubmit={(e) => void save(e, { status: 'done', weDid })} data-testid="mark-done-form">
            <FormErrorSummary error={error} knownFields={[`${idp}-weDid`]} autoFocus={false} />
            <TextAreaField name={`${idp}-weDid`} label="What did you do? (we did)" value={weDid} onChange={setWeDid} error={errs.weDid} />
            <SaveOrCancel label="Save as done" saving={saving} onCancel={cancel} />
          </form>
        ) : null}

        {panel === 'communicated' ? (
          <form
            noValidate
            onSubmit={(e) => void save(e, { communicatedOn: on, channel, published })}
            data-testid="communicated-form"
          >
            <FormErrorSummary error={error} autoFocus={false} />
            <DateField name={`${idp}-communicatedOn`} label="Date communicated back" value={on} onChange={setOn} error={errs.communicatedOn} />
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
            <SaveOrCancel label="Save" saving={saving} onCancel={cancel} />
          </form>
        ) : null}
      </div>
    </li>
  );
}
