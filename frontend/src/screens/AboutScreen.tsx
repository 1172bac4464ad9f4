// About Involve (#/about, linked from Settings): version, where the data is, the licence,
// and the open-source components built into the app with their licences.
import { Link } from 'react-router';
import { SummaryList } from 'nhsuk-react-components';
import { LoadProblem, Loading, PageHeading } from '../components/PageHeading';
import { getAppInfo, getThirdPartyLicences } from '../lib/backend';
import { useLoad } from '../lib/useLoad';
import type { ThirdPartyComponent } from '../lib/types';
import { TableHead } from '../components/TableHead';
import { ScrollTable } from '../components/ScrollTable';

function ComponentTable({ caption, items, testId }: { caption: string; items: ThirdPartyComponent[]; testId: string }) {
  return (
    <ScrollTable data-testid={testId}>
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <TableHead columns={[{ label: 'Component' }, { label: 'Version' }, { label: 'Licence' }]} />
      <tbody className="nhsuk-table__body">
        {items.map((c) => (
          <tr className="nhsuk-table__row" key={`${c.name}@${c.version}`} data-testid="component">
            <td className="nhsuk-table__cell" style={{ overflowWrap: 'anywhere' }}>
              {c.name}
            </td>
            <td className="nhsuk-table__cell" style={{ overflowWrap: 'anywhere' }}>
              {c.version}
            </td>
            <td className="nhsuk-table__cell">{c.licence}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function AboutScreen() {
  const info = useLoad(() => getAppInfo(), []);
  const licences = useLoad(() => getThirdPartyLicences(), []);
  if (info.error && !info.data) return <LoadProblem title="About Involve" message={info.error.message} />;
  const d = info.data;
  return (
    <>
      <PageHeading>About Involve</PageHeading>
      <p className="nhsuk-body-l">
        Involve records patient and public involvement: sessions, notes and feedback, kept on this laptop and shared with
        your team’s server when you connect one.
      </p>
      {!d ? (
        <Loading />
      ) : (
        <SummaryList data-testid="about-details">
          <SummaryList.Row>
            <SummaryList.Key>Version</SummaryList.Key>
            <SummaryList.Value data-testid="about-version">{d.version}</SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Data folder</SummaryList.Key>
            <SummaryList.Value>
              <code data-testid="about-data-dir">{d.dataDir}</code>
            </SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Database file</SummaryList.Key>
            <SummaryList.Value>
              <code>{d.dbPath}</code>
            </SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Licence</SummaryList.Key>
            <SummaryList.Value data-testid="about-licence">
              MIT Licence. Copyright © 2026 Health Innovation Network South London and the Involve contributors. You may
              use, copy, change and share Involve freely; it comes with no warranty.
            </SummaryList.Value>
          </SummaryList.Row>
        </SummaryList>
      )}

      <h2 className="nhsuk-heading-m">Open-source components</h2>
      <p>Involve is built with these open-source components. Each is used under its own licence.</p>
      {licences.data ? (
        <>
          <ComponentTable caption="Go modules (the app and its database)" items={licences.data.go} testId="components-go" />
          <ComponentTable caption="JavaScript packages (the screens)" items={licences.data.npm} testId="components-npm" />
        </>
      ) : licences.error ? (
        <p data-testid="components-missing">
          The list of components is included in release builds of Involve (it is made when the app is built).
        </p>
      ) : (
        <Loading />
      )}
      <p>
        <Link to="/settings" className="nhsuk-link">
          Back to Settings
        </Link>
      </p>
    </>
  );
}
