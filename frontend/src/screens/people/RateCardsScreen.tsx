// #/people/rates: dated rates for paying Lived Experience Partners. Rates are data,
// never constants: a new rate starts on a date, and the one before it ends the day
// before (two rates of the same unit may not overlap).
import { useState } from 'react';
import { Link } from 'react-router';
import { BackLink, Button } from 'nhsuk-react-components';
import { RadiosField, TextField } from '../../components/fields';
import { DateField } from '../../components/DateField';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { LoadProblem, Loading, PageHeading } from '../../components/PageHeading';
import { createRateCard, deleteRateCard, listRateCards } from '../../lib/backend';
import { formatDate } from '../../lib/dates';
import { fieldErrorMap, toBackendError } from '../../lib/errors';
import { useDataChanged } from '../../lib/events';
import { useFlash } from '../../lib/flash';
import { labelOf } from '../../lib/refdata';
import { useLoad } from '../../lib/useLoad';
import { useSubmit } from '../../lib/useSubmit';
import type { BackendError, PeopleReference, RateCardInput } from '../../lib/types';
import { parsePounds, pounds } from '../../lib/format';
import { usePeopleRef } from './usePeopleRef';
import { TableHead } from '../../components/TableHead';
import { ScrollTable } from '../../components/ScrollTable';

export const RATE_FIELDS = ['unit', 'amountPence', 'source', 'effectiveFrom', 'effectiveTo'] as const;

function AddRateForm({ pref, onSaved }: { pref: PeopleReference; onSaved: () => void }) {
  const empty: RateCardInput = { unit: 'hour', amountPence: 0, source: '', effectiveFrom: '', effectiveTo: '' };
  const [v, setV] = useState<RateCardInput>(empty);
  const [amount, setAmount] = useState('');
  const { saving, error, setError, submit } = useSubmit();
  const { showMessage } = useFlash();
  const errs = fieldErrorMap(error);
  const set = <K extends keyof RateCardInput>(k: K) => (value: RateCardInput[K]) => setV((o) => ({ ...o, [k]: value }));
  const pence = parsePounds(amount);
  const save = submit(
    async () => {
      await createRateCard({ ...v, amountPence: pence ?? 0 }); // never null here: the check stops the save
      showMessage('Rate added.');
      setV(empty);
      setAmount('');
      setError(null);
      onSaved();
    },
    () =>
      pence === null
        ? { code: 'invalid', message: 'There is a problem with the rate', fields: [{ field: 'amountPence', message: 'Enter the amount in pounds and pence, like 25.00' }] }
        : null,
  );
  return (
    <form noValidate onSubmit={save} data-testid="rate-form">
      <h2 className="nhsuk-heading-m">Add a rate</h2>
      <FormErrorSummary error={error} knownFields={RATE_FIELDS} />
      <RadiosField name="unit" legend="Rate per" items={pref.rateUnits} value={v.unit} onChange={set('unit')} error={errs.unit} small />
      <TextField name="amountPence" label="Amount, in pounds" hint="Like 25.00" width={5} value={amount} onChange={setAmount} error={errs.amountPence} />
      <TextField name="source" label="Source" hint="The policy or guidance the rate comes from" value={v.source} onChange={set('source')} error={errs.source} />
      <DateField name="effectiveFrom" label="Starts on" value={v.effectiveFrom} onChange={set('effectiveFrom')} error={errs.effectiveFrom} />
      <DateField
        name="effectiveTo"
        label="Ends on (optional)"
        hint="Leave empty if it has no end date yet"
        value={v.effectiveTo}
        onChange={set('effectiveTo')}
        error={errs.effectiveTo}
      />
      <Button type="submit" disabled={saving}>
        Add rate
      </Button>
    </form>
  );
}

export function RateCardsScreen() {
  const pref = usePeopleRef();
  const cards = useLoad(() => listRateCards(), []);
  const [problem, setProblem] = useState<BackendError | null>(null);
  const { showMessage } = useFlash();
  useDataChanged(() => cards.reload(), ['rate_card']);
  if (cards.error && !cards.data) return <LoadProblem title="Rate cards" message={cards.error.message} />;
  const remove = async (id: string, name: string) => {
    try {
      await deleteRateCard(id);
      // The row and its button go: the banner says so and takes focus (WCAG 2.4.3).
      setProblem(null);
      showMessage(`Rate deleted: ${name}.`, true, { focus: true });
      cards.reload();
    } catch (e) {
      setProblem(toBackendError(e));
    }
  };
  return (
    <>
      <BackLink asElement={Link} to="/people">
        Back to Lived Experience Partners
      </BackLink>
      <PageHeading>Rate cards</PageHeading>
      <p className="nhsuk-body">
        The fee for each piece of time is worked out from the rate in force on the day the work was done. Time already
        logged keeps the fee it was saved with.
      </p>
      <FormErrorSummary error={problem} />
      {!cards.data || !pref ? (
        <Loading />
      ) : cards.data.length === 0 ? (
        <p className="nhsuk-body" data-testid="no-rates">
          No rates yet. Add one below before logging time.
        </p>
      ) : (
        <ScrollTable data-testid="rate-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">Rates</caption>
          <TableHead
            columns={[
              { label: 'Per' },
              { label: 'Amount', numeric: true },
              { label: 'From' },
              { label: 'To' },
              { label: 'Source' },
              { label: 'Actions', hidden: true },
            ]}
          />
          <tbody className="nhsuk-table__body">
            {cards.data.map((c) => (
              <tr className="nhsuk-table__row" key={c.id} data-testid="rate-row">
                <td className="nhsuk-table__cell">{labelOf(pref.rateUnits, c.unit)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{pounds(c.amountPence)}</td>
                <td className="nhsuk-table__cell">{formatDate(c.effectiveFrom)}</td>
                <td className="nhsuk-table__cell">{c.effectiveTo ? formatDate(c.effectiveTo) : 'No end date'}</td>
                <td className="nhsuk-table__cell">{c.source}</td>
                <td className="nhsuk-table__cell">
                  <button type="button" className="nhsuk-link app-link-button" onClick={() => remove(c.id, `the ${labelOf(pref.rateUnits, c.unit).toLowerCase()} rate from ${formatDate(c.effectiveFrom)}`)}>
                    Delete <span className="nhsuk-u-visually-hidden">the {labelOf(pref.rateUnits, c.unit).toLowerCase()} rate from {formatDate(c.effectiveFrom)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {pref ? <AddRateForm pref={pref} onSaved={cards.reload} /> : null}
    </>
  );
}
