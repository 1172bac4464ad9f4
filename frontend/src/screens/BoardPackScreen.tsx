// #/board-pack: make the board pack (issue 16): for a period, a project or the whole
// team, a PDF or an editable Word document that leads with outcomes, from the same
// figures as the Reports screen and the workbook. The period is a preset (last or this
// financial year, last quarter) or dates chosen here; Go checks the form, makes the
// pack, asks where to save it and writes it whole.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'nhsuk-react-components';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { OpenFileButtons } from '../components/OpenFileButtons';
import { PageHeading } from '../components/PageHeading';
import { DateField } from '../components/DateField';
import { RadiosField, SelectField } from '../components/fields';
import { listProjects, makeBoardPack } from '../lib/backend';
import { formatDate, todayISO } from '../lib/dates';
import { fieldErrorMap } from '../lib/errors';
import { useLoad } from '../lib/useLoad';
import { useSubmit } from '../lib/useSubmit';
import type { BoardPackFormat, BoardPackResult, RefItem, ReportFilter } from '../lib/types';
import './reports/reports.scss';

/** A period the form offers: its dates (YYYY-MM-DD) and how the form words it. */
export interface PeriodChoice extends RefItem {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** The last day of month m (1–12) of year y. */
const lastDay = (y: number, m: number) => new Date(y, m, 0).getDate();

/**
 * The preset periods for today (YYYY-MM-DD): the financial year runs from 1 April to
 * 31 March, so on 6 December 2026 the last financial year is 1 April 2025 to 31 March
 * 2026, this one 1 April 2026 to 31 March 2027, and the last quarter (a quarter of the
 * financial year: April–June, July–September, October–December, January–March) is
 * 1 July to 30 September 2026.
 */
export function boardPackPeriods(today: string): PeriodChoice[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const fy = m >= 4 ? y : y - 1; // the year this financial year starts in
  const q = Math.floor((m - 1) / 3); // this calendar quarter, 0–3
  const qy = q === 0 ? y - 1 : y;
  const qStart = q === 0 ? 10 : (q - 1) * 3 + 1; // first month of the last quarter
  const choice = (code: string, label: string, from: string, to: string): PeriodChoice => ({
    code,
    label,
    hint: `${formatDate(from)} to ${formatDate(to)}`,
    from,
    to,
  });
  return [
    choice('last_fy', 'Last financial year', ymd(fy - 1, 4, 1), ymd(fy, 3, 31)),
    choice('this_fy', 'This financial year', ymd(fy, 4, 1), ymd(fy + 1, 3, 31)),
    choice('last_quarter', 'Last quarter', ymd(qy, qStart, 1), ymd(qy, qStart + 2, lastDay(qy, qStart + 2))),
  ];
}

/** What the pack is made as. */
export const BOARD_PACK_FORMATS: RefItem[] = [
  { code: 'pdf', label: 'PDF', hint: 'To print or to send as it is' },
  { code: 'docx', label: 'Word (.docx)', hint: 'To edit before it goes to the board' },
];

const CUSTOM = 'custom';
const FORM_FIELDS = ['period', 'from', 'to', 'projectId', 'format'] as const;

export function BoardPackScreen() {
  const projects = useLoad(listProjects, []);
  const projectItems: RefItem[] = (projects.data ?? [])
    .filter((p) => !p.deletedAt)
    .map((p) => ({ code: p.id, label: p.name || 'Untitled project' }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const periods = useMemo(() => boardPackPeriods(todayISO()), []);
  const periodItems: RefItem[] = [
    ...periods,
    { code: CUSTOM, label: 'Choose the dates', hint: 'From and to a date you choose, or all dates' },
  ];
  const [period, setPeriod] = useState('last_fy');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [projectId, setProjectId] = useState('');
  const [format, setFormat] = useState<BoardPackFormat>('pdf');

  const { saving, error, setError, submit } = useSubmit();
  const [done, setDone] = useState<BoardPackResult | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const fe = fieldErrorMap(error);

  useEffect(() => {
    if (done && doneRef.current) {
      doneRef.current.focus();
      if (typeof doneRef.current.scrollIntoView === 'function') doneRef.current.scrollIntoView({ block: 'nearest' });
    }
  }, [done]);

  const chosen = periods.find((p) => p.code === period);
  const filter: ReportFilter = {
    from: chosen ? chosen.from : from,
    to: chosen ? chosen.to : to,
    projectId,
    borough: '',
    sessionType: '',
    teamId: '',
  };

  const onSubmit = submit(async () => {
    const result = await makeBoardPack(filter, format);
    if (result.cancelled) return; // the Save dialog was closed: nothing was written
    setError(null);
    setDone(result);
  });

  return (
    <>
      <PageHeading>Make a board pack</PageHeading>
      <p>
        A report for a board or a funder that leads with what changed: outcome stories, “you said, we did”, who you
        reached, Lived Experience Partners’ contribution and the UK Standards self-assessment. It uses the same figures
        as the Reports screen and the workbook; quotes only from people who agreed, small numbers hidden, partners by
        pseudonym.
      </p>

      <FormErrorSummary error={error} title="The board pack could not be made" knownFields={FORM_FIELDS} />

      {done ? (
        <div ref={doneRef} tabIndex={-1} className="nhsuk-panel app-export-done" data-testid="bp-done">
          <h2 className="nhsuk-panel__title nhsuk-panel__title--m">Board pack saved</h2>
          <div className="nhsuk-panel__body">
            <p data-testid="bp-what">
              {done.scope}, {done.period}
            </p>
            <p>
              Saved as{' '}
              <span className="app-path" data-testid="bp-path">
                {done.path}
              </span>
            </p>
          </div>
        </div>
      ) : null}
      {done ? (
        <OpenFileButtons key={done.path} openPath={done.path} showPath={done.path} openLabel="Open" what="file" data-testid="bp-open" />
      ) : null}

      <form noValidate onSubmit={(e) => void onSubmit(e)} data-testid="bp-form">
        <RadiosField name="period" legend="Period" items={periodItems} value={period} error={fe.period} onChange={setPeriod} />
        {period === CUSTOM ? (
          <div className="app-inline-form app-report-dates" data-testid="bp-dates">
            <DateField name="from" label="From" hint="Leave empty for all dates" value={from} error={fe.from} onChange={setFrom} />
            <DateField name="to" label="To" hint="Leave empty for all dates" value={to} error={fe.to} onChange={setTo} />
          </div>
        ) : null}
        <SelectField
          name="projectId"
          label="Project"
          hint="One project, or every project of the team"
          items={projectItems}
          blankLabel="The whole team"
          value={projectId}
          error={fe.projectId}
          onChange={setProjectId}
        />
        <RadiosField
          name="format"
          legend="Make it as"
          items={BOARD_PACK_FORMATS}
          value={format}
          error={fe.format}
          onChange={(v) => setFormat(v as BoardPackFormat)}
        />
        <Button type="submit" aria-disabled={saving || undefined}>
          {saving ? 'Making the board pack…' : 'Make board pack'}
        </Button>
      </form>
    </>
  );
}
