// #/settings/retention/:kind: a lead sets how long one kind of record is kept — a
// period, the date it counts from, and whether to erase automatically when due (recorded
// now, acted on by a later version).
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { BackLink, Button } from 'nhsuk-react-components';
import { RadiosField, SingleCheckbox, TextField } from '../../components/fields';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { LoadProblem, Loading, PageHeading } from '../../components/PageHeading';
import { useRole } from '../../components/Roles';
import { getRetentionSchedule, setRetentionRule } from '../../lib/backend';
import { fieldErrorMap } from '../../lib/errors';
import { useFlash } from '../../lib/flash';
import { useLoad } from '../../lib/useLoad';
import { useSubmit } from '../../lib/useSubmit';
import type { RefItem } from '../../lib/types';
import { canSetRetention, ERASURE_LATER, ONLY_LEAD_RETENTION } from './retention';

const FIELDS = ['period', 'unit', 'anchor', 'autoErase'] as const;
const UNITS: RefItem[] = [
  { code: 'days', label: 'Days' },
  { code: 'months', label: 'Months' },
  { code: 'years', label: 'Years' },
];

export function RetentionEditScreen() {
  const { kind = '' } = useParams();
  const sched = useLoad(() => getRetentionSchedule(), []);
  const { role, known } = useRole();
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const { saving, error, submit } = useSubmit();
  const [period, setPeriod] = useState('');
  const [unit, setUnit] = useState('');
  const [anchor, setAnchor] = useState('');
  const [autoErase, setAutoErase] = useState(false);
  const entry = sched.data?.find((e) => e.recordKind === kind);
  useEffect(() => {
    if (!entry) return;
    setPeriod(String(entry.period));
    setUnit(entry.unit);
    setAnchor(entry.anchor);
    setAutoErase(entry.autoErase);
  }, [entry]);

  if (sched.error && !sched.data) return <LoadProblem title="How long we keep records" message={sched.error.message} />;
  if (!sched.data || !known) return <Loading />;
  if (!entry) return <LoadProblem title="How long we keep records" message="That kind of record is not in the schedule." />;
  const back = (
    <BackLink asElement={Link} to="/settings/retention">
      Back to how long we keep records
    </BackLink>
  );
  if (!canSetRetention(role)) {
    return (
      <>
        {back}
        <PageHeading caption="How long we keep records">{entry.label}</PageHeading>
        <p className="nhsuk-body">Kept for {entry.text}.</p>
        <p className="nhsuk-body">{ONLY_LEAD_RETENTION}</p>
      </>
    );
  }
  const errs = fieldErrorMap(error);
  const n = Number(period);
  const save = submit(
    async () => {
      await setRetentionRule({ recordKind: kind, period: n, unit, anchor, autoErase });
      showMessage(`${entry.label}: saved. Every laptop of your team gets it at its next sync.`);
      navigate('/settings/retention');
    },
    () =>
      period.trim() === '' || !Number.isInteger(n)
        ? {
            code: 'invalid',
            message: 'There is a problem with the period',
            fields: [{ field: 'period', message: 'Enter the period as a whole number, like 6' }],
          }
        : null,
  );
  return (
    <>
      {back}
      <PageHeading caption="How long we keep records">{entry.label}</PageHeading>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <p className="nhsuk-body">
            The default is {entry.defaultText}. Source: {entry.source}.
          </p>
          <FormErrorSummary error={error} knownFields={FIELDS} />
          <form noValidate onSubmit={save} data-testid="retention-form">
            <TextField name="period" label="Keep for" hint="A whole number, like 6" width={3} inputMode="numeric" value={period} onChange={setPeriod} error={errs.period} />
            <RadiosField name="unit" legend="Unit" items={UNITS} value={unit} onChange={setUnit} error={errs.unit} inline small />
            <RadiosField name="anchor" legend="Counted from" items={entry.anchors} value={anchor} onChange={setAnchor} error={errs.anchor} />
            <SingleCheckbox
              name="autoErase"
              legend="When records are due"
              label="Erase automatically when due"
              hint={ERASURE_LATER + ' Your choice is recorded now, so that the later version can act on it.'}
              checked={autoErase}
              onChange={setAutoErase}
              error={errs.autoErase}
            />
            <Button type="submit" disabled={saving}>
              Save
            </Button>
          </form>
        </div>
      </div>
    </>
  );
}
