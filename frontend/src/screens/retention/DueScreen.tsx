// #/retention/due: the records past their retention period (a lead's screen, issue 13),
// oldest due first, each named by pseudonym or title (never its content). "Keep until…"
// records a date and a reason (sealed: it may name a person); the record leaves the list
// until then. A partner or a feedback item due has "Erase now", which opens the erasure's
// confirmation page; erasing other kinds of record comes in a later version.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { BackLink, Button, InsetText } from 'nhsuk-react-components';
import { TextAreaField, TextField } from '../../components/fields';
import { DateField } from '../../components/DateField';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { LoadProblem, Loading, PageHeading } from '../../components/PageHeading';
import { TableHead } from '../../components/TableHead';
import { ScrollTable } from '../../components/ScrollTable';
import { useRole } from '../../components/Roles';
import { keepUntil, listDueForReview } from '../../lib/backend';
import { formatDate } from '../../lib/dates';
import { fieldErrorMap } from '../../lib/errors';
import { useDataChanged } from '../../lib/events';
import { useFlash } from '../../lib/flash';
import { useFocusAfter } from '../../lib/focus';
import { useLoad } from '../../lib/useLoad';
import { useSubmit } from '../../lib/useSubmit';
import type { DueItem } from '../../lib/types';
import { canErase } from '../../lib/roles';
import { canSetRetention, DUE_ERASE_NOTE, ONLY_LEAD_RETENTION } from './retention';

const TITLE = 'Due for review';

function KeepForm({ item, onDone, onCancel }: { item: DueItem; onDone: () => void; onCancel: () => void }) {
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const { saving, error, submit } = useSubmit();
  const { showMessage } = useFlash();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const errs = fieldErrorMap(error);
  const save = submit(async () => {
    await keepUntil({ recordEntity: item.entity, recordId: item.recordId, recordKind: item.recordKind, until, reason });
    // The row leaves the list: focus goes to the banner that says so (WCAG 2.4.3).
    showMessage(`${item.title} is kept until ${formatDate(until)}.`, true, { focus: true });
    onDone();
  });
  return (
    <form noValidate onSubmit={save} data-testid="keep-form" aria-labelledby="keep-heading">
      <h2 className="nhsuk-heading-m" id="keep-heading" ref={heading} tabIndex={-1}>
        Keep {item.title}
      </h2>
      <FormErrorSummary error={error} knownFields={['until', 'reason']} />
      <DateField name="until" label="Keep until" hint="It leaves this list until this date" value={until} onChange={setUntil} error={errs.until} />
      <TextAreaField
        name="reason"
        label="Because"
        hint="Why it must be kept longer, like an open complaint or an audit. Kept sealed, like partners’ details."
        value={reason}
        onChange={setReason}
        error={errs.reason}
      />
      <div className="nhsuk-button-group">
        <Button type="submit" disabled={saving}>
          Keep until this date
        </Button>
        <Button type="button" secondary onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

const keepId = (d: DueItem) => `keep-${d.entity}-${d.recordId}`;

/** The erasure's confirmation page for a due partner or feedback item ("" for other records). */
export function eraseTo(d: DueItem): string {
  if (d.entity === 'contributor') return `/people/${d.recordId}/erase?from=due`;
  if (d.entity === 'feedback') return `/feedback/${d.recordId}/erase`;
  return '';
}

export function DueScreen() {
  const { role, known } = useRole();
  const lead = canSetRetention(role);
  const due = useLoad(() => (lead ? listDueForReview() : Promise.resolve(null)), [lead]);
  const [keeping, setKeeping] = useState<DueItem | null>(null);
  const focusAfter = useFocusAfter(); // Cancel: back to the row's "Keep until…"
  useDataChanged(() => due.reload(), ['retention_rule', 'retention_hold', 'contributor', 'feedback']);
  if (!known) return <Loading />;
  const back = (
    <BackLink asElement={Link} to="/settings/retention">
      Back to how long we keep records
    </BackLink>
  );
  if (!lead) {
    return (
      <>
        {back}
        <PageHeading>{TITLE}</PageHeading>
        <p className="nhsuk-body" data-testid="due-not-lead">
          {ONLY_LEAD_RETENTION}
        </p>
      </>
    );
  }
  if (due.error && !due.data) return <LoadProblem title={TITLE} message={due.error.message} />;
  const list = due.data;
  return (
    <>
      {back}
      <PageHeading>{TITLE}</PageHeading>
      <InsetText>
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>{DUE_ERASE_NOTE}</p>
      </InsetText>
      {!list ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p className="nhsuk-body" data-testid="nothing-due">
          Nothing is due for review on {formatDate(list.asOf)}.
        </p>
      ) : (
        <ScrollTable data-testid="due-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">
            {list.items.length === 1 ? '1 record' : `${list.items.length} records`} due on {formatDate(list.asOf)}
          </caption>
          <TableHead columns={[{ label: 'Record' }, { label: 'Due since' }, { label: 'Why' }, { label: 'Actions', hidden: true }]} />
          <tbody className="nhsuk-table__body">
            {list.items.map((d) => (
              <tr className="nhsuk-table__row" key={`${d.entity}/${d.recordId}`} data-testid="due-row">
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-u-display-block">{d.title}</span>
                  <span className="nhsuk-u-font-size-16">{d.kindLabel}</span>
                </td>
                <td className="nhsuk-table__cell">{formatDate(d.dueOn)}</td>
                <td className="nhsuk-table__cell">
                  Kept for {d.why}
                  {d.keptUntil ? <span className="nhsuk-u-display-block">Was kept until {formatDate(d.keptUntil)}</span> : null}
                </td>
                <td className="nhsuk-table__cell">
                  <Button id={keepId(d)} type="button" secondary className="nhsuk-u-margin-bottom-0" onClick={() => setKeeping(d)}>
                    Keep until…<span className="nhsuk-u-visually-hidden"> {d.title}</span>
                  </Button>
                  {eraseTo(d) && canErase(role) ? (
                    <Link className="nhsuk-link nhsuk-u-display-block nhsuk-u-margin-top-2" to={eraseTo(d)} data-testid="erase-now">
                      Erase now<span className="nhsuk-u-visually-hidden"> {d.title}</span>
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {keeping ? (
        <KeepForm
          key={`${keeping.entity}/${keeping.recordId}`}
          item={keeping}
          onCancel={() => {
            focusAfter(keepId(keeping));
            setKeeping(null);
          }}
          onDone={() => {
            setKeeping(null);
            due.reload();
          }}
        />
      ) : null}
    </>
  );
}
