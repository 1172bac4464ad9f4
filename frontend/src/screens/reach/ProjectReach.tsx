// A project's reach (its sessions' tallies and attendee profiles), small numbers
// suppressed: people reached, boroughs covered, % from ethnic minority groups, % from
// Core20 areas, and each question's counts in a table.
import { Details, SummaryList } from 'nhsuk-react-components';
import { getProjectReach } from '../../lib/backend';
import { useDataChanged } from '../../lib/events';
import { useLoad } from '../../lib/useLoad';
import { TableHead } from '../../components/TableHead';
import { ScrollTable } from '../../components/ScrollTable';

export function ProjectReach({ projectId }: { projectId: string }) {
  const reach = useLoad(() => getProjectReach(projectId), [projectId]);
  useDataChanged(() => reach.reload(), ['session', 'tally', 'attendee', '']);
  const r = reach.data;
  return (
    <section aria-labelledby="project-reach-heading" data-testid="project-reach">
      <h2 className="nhsuk-heading-m" id="project-reach-heading">
        Reach
      </h2>
      {reach.error ? <p className="nhsuk-error-message">{reach.error.message}</p> : null}
      {r ? (
        <>
          <SummaryList>
            <SummaryList.Row>
              <SummaryList.Key>People reached</SummaryList.Key>
              <SummaryList.Value>
                {r.peopleReached.text} <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">in {r.sessions} {r.sessions === 1 ? 'session' : 'sessions'}</span>
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Boroughs covered</SummaryList.Key>
              <SummaryList.Value>{r.boroughsCovered.length ? r.boroughsCovered.map((b) => b.label).join(', ') : 'None recorded'}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>From ethnic minority groups</SummaryList.Key>
              <SummaryList.Value>
                {r.ethnicMinority.text}
                <span className="nhsuk-body-s nhsuk-u-secondary-text-colour"> of those who gave an ethnic group (everyone but White British)</span>
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>From Core20 areas</SummaryList.Key>
              <SummaryList.Value>
                {r.core20.text}
                <span className="nhsuk-body-s nhsuk-u-secondary-text-colour"> of those whose IMD decile is known (deciles 1 and 2)</span>
              </SummaryList.Value>
            </SummaryList.Row>
          </SummaryList>
          {r.sessionsCounted > 0 ? (
            <Details>
              <Details.Summary>Reach by question</Details.Summary>
              <Details.Text>
                {r.dimensions.map((d) => (
                  <ScrollTable key={d.code} data-testid={`reach-table-${d.code}`}>
                    <caption className="nhsuk-table__caption nhsuk-table__caption--s">{d.label}</caption>
                    <TableHead
                      columns={[
                        { label: 'Answer' },
                        { label: 'People', numeric: true },
                        { label: 'Share', numeric: true },
                      ]}
                    />
                    <tbody className="nhsuk-table__body">
                      {d.categories
                        .filter((c) => c.count.value !== 0)
                        .map((c) => (
                          <tr className="nhsuk-table__row" key={c.code || '__none'}>
                            <td className="nhsuk-table__cell">{c.label}</td>
                            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.count.text}</td>
                            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.percent.text}</td>
                          </tr>
                        ))}
                    </tbody>
                  </ScrollTable>
                ))}
                <p className="nhsuk-body-s">{r.suppressionRule}</p>
              </Details.Text>
            </Details>
          ) : (
            <p className="nhsuk-body-s">No tallies or attendee profiles recorded for this project's sessions yet.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
