// #/requests: the register of information-rights requests (issue 13), on a lead's laptop
// only (lib/roles.ts). Overdue requests first, then those due soon, the other open ones,
// then those done or refused; "Add a request", and "Save as CSV…" for the information
// governance lead.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Tag } from 'nhsuk-react-components';
import { ButtonLink } from '../../components/ButtonLink';
import { LoadProblem, LoadingPage, PageHeading } from '../../components/PageHeading';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { exportPrivacyRegister, getPrivacyRegister, toBackendError } from '../../lib/backend';
import { formatDate } from '../../lib/dates';
import { useDataChanged } from '../../lib/events';
import { useFlash } from '../../lib/flash';
import { useLoad } from '../../lib/useLoad';
import type { BackendError, PrivacyRegister, PrivacyRequestView, RefItem } from '../../lib/types';
import { ScrollTable } from '../../components/ScrollTable';

export const REGISTER_TITLE = 'Register of requests';

const label = (items: RefItem[], code: string) => items.find((i) => i.code === code)?.label ?? code;

/** Who asked, as the register shows it: the partner's name, or the words the lead wrote. */
export function whoAsked(r: PrivacyRequestView): string {
  if (r.contributorId) return r.contributorName || 'A Lived Experience Partner not on this laptop';
  return r.requester;
}

function StatusTag({ r, reg }: { r: PrivacyRequestView; reg: PrivacyRegister }) {
  if (r.overdue) return <Tag modifier="red">Overdue</Tag>;
  if (r.dueSoon) return <Tag modifier="orange">Due soon</Tag>;
  const colour = r.status === 'done' ? 'green' : r.status === 'refused' ? 'grey' : 'blue';
  return <Tag modifier={colour}>{label(reg.statuses, r.status)}</Tag>;
}

function Group({ id, title, list, reg }: { id: string; title: string; list: PrivacyRequestView[]; reg: PrivacyRegister }) {
  if (list.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-heading`} data-testid={`requests-${id}`}>
      <h2 className="nhsuk-heading-m" id={`${id}-heading`}>
        {title} ({list.length})
      </h2>
      <ScrollTable>
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{title}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">Request</th>
            <th className="nhsuk-table__header" scope="col">Who asked</th>
            <th className="nhsuk-table__header" scope="col">Received</th>
            <th className="nhsuk-table__header" scope="col">{id === 'closed' ? 'Done' : 'Due by'}</th>
            <th className="nhsuk-table__header" scope="col">Status</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {list.map((r) => (
            <tr className="nhsuk-table__row" key={r.id} data-testid="request-row" data-request-id={r.id}>
              <td className="nhsuk-table__cell">
                <Link to={`/requests/${r.id}/edit`}>
                  {label(reg.types, r.requestType)}{' '}
                  <span className="nhsuk-u-visually-hidden">request received {formatDate(r.receivedOn)}</span>
                </Link>
              </td>
              <td className="nhsuk-table__cell">{whoAsked(r)}</td>
              <td className="nhsuk-table__cell">{formatDate(r.receivedOn)}</td>
              <td className="nhsuk-table__cell">
                {id === 'closed' ? formatDate(r.doneOn) : formatDate(r.dueBy)}
                {id !== 'closed' && r.extendedMonths > 0 ? (
                  <span className="nhsuk-body-s nhsuk-u-secondary-text-colour"> (extended)</span>
                ) : null}
              </td>
              <td className="nhsuk-table__cell">
                <StatusTag r={r} reg={reg} />
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

export function RequestsScreen() {
  const reg = useLoad<PrivacyRegister>(() => getPrivacyRegister(), []);
  useDataChanged(() => reg.reload(), ['privacy_request', 'contributor']);
  const { showMessage } = useFlash();
  const [saving, setSaving] = useState(false);
  const [exportError, setExportError] = useState<BackendError | null>(null);

  if (reg.error && !reg.data) return <LoadProblem title={REGISTER_TITLE} message={reg.error.message} />;
  if (!reg.data) return <LoadingPage title={REGISTER_TITLE} />;
  const r = reg.data;
  const overdue = r.requests.filter((x) => x.overdue);
  const soon = r.requests.filter((x) => !x.overdue && x.dueSoon);
  const open = r.requests.filter((x) => !x.overdue && !x.dueSoon && x.status === 'open');
  const closed = r.requests.filter((x) => x.status !== 'open');

  const saveCSV = async () => {
    setSaving(true);
    setExportError(null);
    try {
      const res = await exportPrivacyRegister();
      if (!res.cancelled) showMessage(`The register was saved to ${res.path}.`);
    } catch (e) {
      setExportError(toBackendError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <FormErrorSummary error={exportError} title="The register could not be saved" />
      <PageHeading caption="Information rights">{REGISTER_TITLE}</PageHeading>
      <p>
        Requests people make about their data: access, erasure, withdrawal of consent, rectification and objection.
        Each must be answered within one calendar month of the day it was received. Record what was done, never the
        erased content itself.
      </p>
      <div>
        <ButtonLink to="/requests/new">Add a request</ButtonLink>{' '}
        <Button secondary type="button" onClick={saveCSV} disabled={saving || r.requests.length === 0}>
          {saving ? 'Saving…' : 'Save as CSV…'}
        </Button>
      </div>
      {r.requests.length === 0 ? (
        <p data-testid="requests-empty">There are no requests in the register.</p>
      ) : (
        <>
          <Group id="overdue" title="Overdue" list={overdue} reg={r} />
          <Group id="due-soon" title="Due soon" list={soon} reg={r} />
          <Group id="open" title="Open" list={open} reg={r} />
          <Group id="closed" title="Done or refused" list={closed} reg={r} />
        </>
      )}
    </>
  );
}
