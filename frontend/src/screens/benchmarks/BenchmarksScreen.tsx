// #/benchmarks: the populations a lead imports to compare reach with (issue 16), such
// as the boroughs' Census 2021 figures. The list is every laptop's; importing and
// deleting are a lead's. The CSV file is read here, as text, and sent to Go with the
// form: nothing is uploaded anywhere. A refused file lists each problem with its line.
import { useState, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import { BackLink, Button } from 'nhsuk-react-components';
import { SelectField, TextField } from '../../components/fields';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { LoadProblem, Loading, PageHeading } from '../../components/PageHeading';
import { ScrollTable } from '../../components/ScrollTable';
import { TableHead } from '../../components/TableHead';
import { useRole } from '../../components/Roles';
import { deleteBenchmarkPopulation, importBenchmarkPopulation, listBenchmarkPopulations } from '../../lib/backend';
import type { BenchmarkDimension, BenchmarkPopulation } from '../../lib/benchmarks';
import { fieldErrorMap, toBackendError } from '../../lib/errors';
import { useDataChanged } from '../../lib/events';
import { useFlash } from '../../lib/flash';
import { num } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { useSubmit } from '../../lib/useSubmit';

const FIELDS = ['name', 'source', 'year', 'dimension', 'file'] as const;
const MAX_FILE = 1 << 20;
export const ONLY_LEAD_BENCHMARKS = 'Only a lead’s laptop can import or delete benchmark populations. Every laptop can compare with them.';

const total = (b: BenchmarkPopulation) => b.shares.reduce((n, s) => n + s.count, 0);

export function BenchmarksScreen() {
  const list = useLoad(() => listBenchmarkPopulations(), []);
  const { role, known } = useRole();
  useDataChanged(() => list.reload(), ['benchmark_population']);
  const { showMessage } = useFlash();
  const [deleteError, setDeleteError] = useState('');
  const title = 'Benchmark populations';
  if (list.error && !list.data) return <LoadProblem title={title} message={list.error.message} />;
  const lead = role === 'lead';
  const dims = list.data?.dimensions ?? [];
  const dimLabel = (code: string) => dims.find((d) => d.code === code)?.label ?? code;
  const remove = async (b: BenchmarkPopulation) => {
    setDeleteError('');
    try {
      await deleteBenchmarkPopulation(b.id);
      showMessage(`${b.name}: deleted.`);
      list.reload();
    } catch (err) {
      setDeleteError(toBackendError(err).message);
    }
  };
  return (
    <>
      <BackLink asElement={Link} to="/reports">
        Back to reports
      </BackLink>
      <PageHeading>{title}</PageHeading>
      <p className="nhsuk-body">
        A benchmark population is who lives in an area, counted by borough, ethnic group or age band — for example the
        boroughs’ Census 2021 figures. The Reports screen compares the people you reached with it, in its reach section.
      </p>
      {known && !lead ? (
        <p className="nhsuk-body" data-testid="benchmarks-read-only">
          {ONLY_LEAD_BENCHMARKS}
        </p>
      ) : null}
      {deleteError ? (
        <p className="nhsuk-error-message" role="alert">
          {deleteError}
        </p>
      ) : null}
      {!list.data ? (
        <Loading />
      ) : list.data.benchmarks.length === 0 ? (
        <p className="nhsuk-body" data-testid="benchmarks-none">
          No benchmark populations yet.{lead ? ' Import one below.' : ''}
        </p>
      ) : (
        <ScrollTable data-testid="benchmarks-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">Imported benchmark populations</caption>
          <TableHead
            columns={[
              { label: 'Name' },
              { label: 'What it counts' },
              { label: 'Year', numeric: true },
              { label: 'People', numeric: true },
              lead && { label: 'Actions', hidden: true },
            ]}
          />
          <tbody className="nhsuk-table__body">
            {list.data.benchmarks.map((b) => (
              <tr className="nhsuk-table__row" key={b.id} data-testid="benchmark-row">
                <td className="nhsuk-table__cell">
                  {b.name}
                  {b.source ? <span className="nhsuk-hint nhsuk-u-font-size-16 nhsuk-u-margin-bottom-0">Source: {b.source}</span> : null}
                </td>
                <td className="nhsuk-table__cell">{dimLabel(b.dimension)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{b.year}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{num(total(b))}</td>
                {lead ? (
                  <td className="nhsuk-table__cell">
                    <button type="button" className="app-link-button nhsuk-link" onClick={() => void remove(b)}>
                      Delete<span className="nhsuk-u-visually-hidden"> {b.name}</span>
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {lead && list.data ? <ImportForm dims={dims} onImported={() => list.reload()} /> : null}
    </>
  );
}

function ImportForm({ dims, onImported }: { dims: BenchmarkDimension[]; onImported: () => void }) {
  const { showMessage } = useFlash();
  const { saving, error, setError, submit } = useSubmit();
  const [name, setName] = useState('');
  const [source, setSource] = useState('');
  const [year, setYear] = useState('2021');
  const [dimension, setDimension] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const errs = fieldErrorMap(error);
  const fileErrors = (error?.fields ?? []).filter((f) => f.field === 'file').map((f) => f.message);
  const dim = dims.find((d) => d.code === dimension);
  const onFile = (e: ChangeEvent<HTMLInputElement>) => setFile(e.currentTarget.files?.[0] ?? null);
  const save = submit(
    async () => {
      const csvText = file ? await file.text() : '';
      const b = await importBenchmarkPopulation({ name, source, year: Number(year), dimension, csvText });
      showMessage(`${b.name}: imported, ${num(b.shares.length)} categories. Every laptop of your team gets it at its next sync.`);
      setName('');
      setSource('');
      setFile(null);
      setError(null);
      onImported();
    },
    () => {
      const fields = [];
      if (!/^\d{4}$/.test(year.trim())) fields.push({ field: 'year', message: 'Enter the year as 4 digits, like 2021' });
      if (!file) fields.push({ field: 'file', message: 'Choose the CSV file with the figures' });
      else if (file.size > MAX_FILE) fields.push({ field: 'file', message: 'The file is larger than 1 MB: choose the right file' });
      return fields.length ? { code: 'invalid', message: 'There is a problem with the benchmark population', fields } : null;
    },
  );
  return (
    <section aria-labelledby="benchmark-import-heading">
      <h2 id="benchmark-import-heading" className="nhsuk-heading-m">
        Import a benchmark population
      </h2>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <FormErrorSummary error={error} knownFields={FIELDS} />
          <form noValidate onSubmit={save} data-testid="benchmark-form">
            <TextField name="name" label="Name" hint="For example, Census 2021, south-east London boroughs" value={name} onChange={setName} error={errs.name} />
            <TextField name="source" label="Source (optional)" hint="Where the figures come from, for example ONS Census 2021, table TS021" value={source} onChange={setSource} error={errs.source} />
            <TextField name="year" label="Year the figures describe" width={4} inputMode="numeric" value={year} onChange={setYear} error={errs.year} />
            <SelectField name="dimension" label="What the figures count" items={dims} blankLabel="Choose one" value={dimension} onChange={setDimension} error={errs.dimension} />
            <div className={`nhsuk-form-group${fileErrors.length ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label nhsuk-label--s" htmlFor="file">
                CSV file
              </label>
              <div className="nhsuk-hint" id="file-hint">
                A header line category,count, then one line per category: its name or code and the number of people. The
                file stays on this laptop.
              </div>
              {fileErrors.length ? (
                <div className="nhsuk-error-message" id="file-error" data-testid="file-errors">
                  <span className="nhsuk-u-visually-hidden">Error:</span>
                  <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                    {fileErrors.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <input
                className={`nhsuk-input${fileErrors.length ? ' nhsuk-input--error' : ''}`}
                type="file"
                id="file"
                name="file"
                accept=".csv,text/csv"
                aria-describedby={fileErrors.length ? 'file-hint file-error' : 'file-hint'}
                onChange={onFile}
              />
            </div>
            <details className="nhsuk-details" data-testid="csv-format">
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">The file’s format{dim ? ` for ${dim.label.toLowerCase()}` : ''}</span>
              </summary>
              <div className="nhsuk-details__text">
                <p>
                  Save it from your spreadsheet as CSV. The first line is <code>category,count</code>. Each other line is a
                  category — its label or its code, in any case — and a whole number of people, like{' '}
                  <code>Lambeth,317498</code> or <code>"Lambeth","317,498"</code>. Counts, not percentages: Involve works the
                  shares out. Each category once; at most 500 lines and 1 MB.
                </p>
                {dim ? (
                  <ul className="nhsuk-list nhsuk-list--bullet" data-testid="csv-categories">
                    {dim.categories.map((c) => (
                      <li key={c.code}>
                        {c.label} <span className="nhsuk-u-secondary-text-colour">(code {c.code})</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>Choose what the figures count to see the categories the file may name.</p>
                )}
              </div>
            </details>
            <Button type="submit" disabled={saving}>
              Import
            </Button>
          </form>
        </div>
      </div>
    </section>
  );
}
