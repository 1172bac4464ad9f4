// The Reports screen's reach against a benchmark population (issue 16): a select of
// the imported benchmarks and, for the one chosen, Go's report.ReachComparison as a
// table — the people reached per category (suppressed as the reach is), their share,
// the benchmark's share and the difference in percentage points.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { SelectField } from '../../components/fields';
import { ScrollTable } from '../../components/ScrollTable';
import { TableHead } from '../../components/TableHead';
import { getReachComparison, listBenchmarkPopulations } from '../../lib/backend';
import { num, plural } from '../../lib/format';
import type { ReportFilter } from '../../lib/types';
import { useDataChanged } from '../../lib/events';
import { useFilterLoad } from '../../lib/useFilterLoad';
import { useLoad } from '../../lib/useLoad';

const noComparison = () => Promise.resolve(null);

export function ReachComparisonPanel({ filter }: { filter: ReportFilter }) {
  const list = useLoad(() => listBenchmarkPopulations(), []);
  useDataChanged(() => list.reload(), ['benchmark_population']);
  const [id, setId] = useState('');
  const benchmarks = list.data?.benchmarks ?? [];
  const chosen = benchmarks.some((b) => b.id === id) ? id : '';
  const args = useMemo(() => ({ filter, id: chosen }), [filter, chosen]);
  const { data: c, error } = useFilterLoad((a: { filter: ReportFilter; id: string }) => (a.id ? getReachComparison(a.filter, a.id) : noComparison()), args);
  return (
    <div data-testid="reach-comparison">
      <h3 className="nhsuk-heading-s">Compared with a benchmark population</h3>
      {benchmarks.length === 0 ? (
        <p className="nhsuk-body-s" data-testid="reach-comparison-none">
          No benchmark populations yet. A lead can import one, such as the boroughs’ Census 2021 figures, on the{' '}
          <Link to="/benchmarks" className="nhsuk-link">
            benchmark populations
          </Link>{' '}
          page.
        </p>
      ) : (
        <>
          <SelectField
            name="benchmark"
            label="Compare with a benchmark population"
            items={benchmarks.map((b) => ({ code: b.id, label: `${b.name} (${b.year})` }))}
            blankLabel="None"
            value={chosen}
            onChange={setId}
          />
          <p className="nhsuk-body-s">
            <Link to="/benchmarks" className="nhsuk-link">
              Benchmark populations
            </Link>
          </p>
        </>
      )}
      {error && chosen ? (
        <p className="nhsuk-error-message" role="alert">
          {error.message}
        </p>
      ) : null}
      {c && chosen ? (
        <>
          <p className="nhsuk-body-s" data-testid="reach-comparison-definition">
            {c.available && c.sharesWithheld
              ? `Shares are not shown: with the numbers shown in the reach above, they would let a suppressed number be worked out. The counts are as the reach shows them; the benchmark’s shares are of its ${num(c.benchmarkTotal)} people.`
              : c.available
              ? `Shares of the ${plural(c.compared, 'person', 'people')} reached whose ${c.dimensionLabel.toLowerCase()} is one of the benchmark’s categories; ${plural(c.outside, 'person', 'people')} (not stated, prefer not to say or another answer) are left out. The benchmark’s shares are of its ${num(c.benchmarkTotal)} people. The difference is in percentage points: “+3.2 points” means 3.2 more people in every 100 reached than in the benchmark.`
              : `This period’s reach has no figures for ${c.dimensionLabel.toLowerCase()} (the 19 ethnic categories come from attendance tallies and attendee profiles only), so only the benchmark is shown.`}
          </p>
          <ScrollTable data-testid="reach-comparison-table">
            <caption className="nhsuk-table__caption">
              {c.dimensionLabel}: people reached compared with {c.benchmarkName} ({c.year})
            </caption>
            <TableHead
              columns={[
                { label: c.dimensionLabel },
                { label: 'People reached', numeric: true },
                { label: 'Share reached', numeric: true },
                { label: 'Benchmark share', numeric: true },
                { label: 'Difference', numeric: true },
              ]}
            />
            <tbody className="nhsuk-table__body">
              {c.rows.map((r) => (
                <tr className="nhsuk-table__row" key={r.code} data-testid="comparison-row">
                  <th scope="row" className="nhsuk-table__header">
                    {r.label}
                  </th>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.count.text}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.percentText}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.benchmarkText}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.differenceText}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <p className="nhsuk-body-s">
            Small numbers are suppressed as in the reach above: “&lt;5” is 1 to 4 people, “*” is a number withheld so that a
            small one cannot be worked out, and “–” is a share or difference not shown.
          </p>
        </>
      ) : null}
    </div>
  );
}
