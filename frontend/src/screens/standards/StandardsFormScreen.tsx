// #/standards/new and #/standards/:id: "Assess against the standards". A lead rates each
// of the six UK Standards (its name and statement shown) red, amber, green or not rated,
// with evidence, links (one a line) and next steps; Go's problems are listed in the error
// summary, each linked to its field ("ratings.2.rating"). Anyone else reads the
// assessment, with a sentence saying that only the lead rates.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { BackLink, Button } from 'nhsuk-react-components';
import { DateField } from '../../components/DateField';
import { RadiosField, SelectField, TextAreaField } from '../../components/fields';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { LoadProblem, Loading, PageHeading } from '../../components/PageHeading';
import { useRole } from '../../components/Roles';
import {
  createStandardsAssessment,
  getStandardsAssessment,
  listProjects,
  listStandardsAssessments,
  updateStandardsAssessment,
} from '../../lib/backend';
import { formatDate, todayISO } from '../../lib/dates';
import { fieldErrorMap } from '../../lib/errors';
import { useFlash } from '../../lib/flash';
import {
  canAssessStandards,
  linesOf,
  ONLY_LEAD_STANDARDS,
  recordLinkPath,
  SCOPE_TEAM,
  type StandardRating,
  type StandardRow,
  type StandardsAssessment,
} from '../../lib/standards';
import type { RefItem } from '../../lib/types';
import { useLoad } from '../../lib/useLoad';
import { useSubmit } from '../../lib/useSubmit';
import { RatingTag } from './StandardsScreen';

const TITLE = 'Assess against the standards';

/** A rating as the form edits it: the links as the textarea's text. */
interface RatingForm {
  standard: string;
  rating: string;
  evidence: string;
  links: string;
  nextSteps: string;
}

const formOf = (rows: StandardRow[], a: StandardsAssessment | undefined): RatingForm[] =>
  rows.map((row) => {
    const r = a?.ratings.find((x) => x.standard === row.code);
    return {
      standard: row.code,
      rating: r?.rating ?? '',
      evidence: r?.evidence ?? '',
      links: (r?.links ?? []).join('\n'),
      nextSteps: r?.nextSteps ?? '',
    };
  });

const ratingsOf = (form: RatingForm[]): StandardRating[] =>
  form.map((f) => ({ standard: f.standard, rating: f.rating, evidence: f.evidence, links: linesOf(f.links), nextSteps: f.nextSteps }));

export function StandardsFormScreen() {
  const { id = '' } = useParams();
  const isNew = id === '';
  const overview = useLoad(() => listStandardsAssessments(SCOPE_TEAM), []);
  const loaded = useLoad(() => (isNew ? Promise.resolve(undefined) : getStandardsAssessment(id)), [id]);
  const projects = useLoad(() => listProjects(), []);
  const { role, known } = useRole();
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const { saving, error, submit } = useSubmit();
  const [assessedOn, setAssessedOn] = useState(todayISO());
  const [scope, setScope] = useState(SCOPE_TEAM);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [form, setForm] = useState<RatingForm[]>([]);
  const rows = overview.data?.overTime.standards;
  const a = loaded.data;
  useEffect(() => {
    if (!rows) return;
    setForm(formOf(rows, a));
    if (a) {
      setAssessedOn(a.assessedOn);
      setScope(a.scope);
      setFrom(a.from);
      setTo(a.to);
    }
  }, [rows, a]);

  const problem = overview.error ?? loaded.error;
  if (problem && (!overview.data || (!isNew && !loaded.data))) return <LoadProblem title={TITLE} message={problem.message} />;
  if (!rows || (!isNew && !a) || !known || form.length !== rows.length) return <Loading />;
  const back = (
    <BackLink asElement={Link} to="/standards">
      Back to the UK Standards self-assessment
    </BackLink>
  );
  if (!canAssessStandards(role)) {
    return (
      <>
        {back}
        <PageHeading caption="UK Standards self-assessment">
          {a ? `Assessment of ${formatDate(a.assessedOn)}` : TITLE}
        </PageHeading>
        <p data-testid="standards-read-only">{ONLY_LEAD_STANDARDS}</p>
        {a ? <AssessmentView a={a} rows={rows} /> : null}
      </>
    );
  }

  const errs = fieldErrorMap(error);
  const known_ = ['assessedOn', 'scope', 'from', 'to', 'ratings'].concat(
    rows.flatMap((_, i) => ['standard', 'rating', 'evidence', 'links', 'nextSteps'].map((f) => `ratings.${i}.${f}`)),
  );
  const scopes: RefItem[] = [
    { code: SCOPE_TEAM, label: 'The whole team' },
    ...(projects.data ?? []).map((p) => ({ code: p.id, label: p.name })),
  ];
  if (a && projects.data && !scopes.some((s) => s.code === a.scope)) scopes.push({ code: a.scope, label: 'A deleted project' });
  const ratings = overview.data?.ratings ?? [];
  const set = (i: number, key: keyof RatingForm) => (v: string) =>
    setForm((old) => old.map((f, j) => (j === i ? { ...f, [key]: v } : f)));
  const save = submit(async () => {
    const edited = { assessedOn, scope, from, to, ratings: ratingsOf(form) };
    const saved = a ? await updateStandardsAssessment(a.id, a, edited) : await createStandardsAssessment(edited);
    showMessage(`Assessment of ${formatDate(saved.assessedOn)} saved. Every laptop of your team gets it at its next sync.`);
    navigate('/standards');
  });
  return (
    <>
      {back}
      <PageHeading caption="UK Standards self-assessment">{a ? `Assessment of ${formatDate(a.assessedOn)}` : TITLE}</PageHeading>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <FormErrorSummary error={error} knownFields={known_} />
          <form noValidate onSubmit={save} data-testid="standards-form">
            <DateField name="assessedOn" label="Date of the assessment" value={assessedOn} error={errs.assessedOn} onChange={setAssessedOn} />
            <SelectField name="scope" label="What it covers" items={scopes} value={scope} onChange={setScope} error={errs.scope} />
            <DateField name="from" label="Period it looks back on: from (optional)" value={from} error={errs.from} onChange={setFrom} />
            <DateField name="to" label="Period it looks back on: to (optional)" value={to} error={errs.to} onChange={setTo} />
            {errs.ratings ? <p className="nhsuk-error-message">{errs.ratings}</p> : null}
            {rows.map((row, i) => {
              const f = form[i];
              const p = `ratings.${i}.`;
              return (
                <section key={row.code} aria-labelledby={`standard-${row.code}`} data-testid={`standard-${row.code}`}>
                  <h2 className="nhsuk-heading-m" id={`standard-${row.code}`}>
                    {row.code}. {row.name}
                  </h2>
                  <p className="nhsuk-body">{row.statement}</p>
                  <RadiosField
                    name={`${p}rating`}
                    legend={`Rating for ${row.name}`}
                    items={ratings}
                    value={f.rating}
                    onChange={set(i, 'rating')}
                    error={errs[`${p}rating`] ?? errs[`${p}standard`]}
                    small
                  />
                  <TextAreaField name={`${p}evidence`} label={`Evidence for ${row.name}`} value={f.evidence} onChange={set(i, 'evidence')} error={errs[`${p}evidence`]} />
                  <TextAreaField
                    name={`${p}links`}
                    label={`Links to evidence for ${row.name} (optional)`}
                    hint="One a line, up to 10: a web address starting with https://, or a record such as action: followed by its id"
                    value={f.links}
                    onChange={set(i, 'links')}
                    error={errs[`${p}links`]}
                  />
                  <TextAreaField name={`${p}nextSteps`} label={`Next steps for ${row.name}`} value={f.nextSteps} onChange={set(i, 'nextSteps')} error={errs[`${p}nextSteps`]} />
                </section>
              );
            })}
            <Button type="submit" disabled={saving}>
              Save assessment
            </Button>
          </form>
        </div>
      </div>
    </>
  );
}

/** An assessment to read: each standard's rating (a tag with its word), evidence, links and next steps. */
function AssessmentView({ a, rows }: { a: StandardsAssessment; rows: StandardRow[] }) {
  return (
    <dl className="nhsuk-summary-list" data-testid="standards-view">
      {rows.map((row) => {
        const r = a.ratings.find((x) => x.standard === row.code);
        return (
          <div className="nhsuk-summary-list__row" key={row.code}>
            <dt className="nhsuk-summary-list__key">
              {row.code}. {row.name}
            </dt>
            <dd className="nhsuk-summary-list__value">
              <RatingTag rating={r?.rating ?? 'not_rated'} />
              {r?.evidence ? <p className="nhsuk-body-s nhsuk-u-margin-top-2 app-pre-wrap">Evidence: {r.evidence}</p> : null}
              {r && r.links.length > 0 ? (
                <ul className="nhsuk-list nhsuk-body-s app-break-all">
                  {r.links.map((l) => (
                    <li key={l}>
                      <EvidenceLink link={l} />
                    </li>
                  ))}
                </ul>
              ) : null}
              {r?.nextSteps ? <p className="nhsuk-body-s app-pre-wrap">Next steps: {r.nextSteps}</p> : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function EvidenceLink({ link }: { link: string }) {
  const path = recordLinkPath(link);
  if (path) return <Link to={path}>{link.startsWith('session:') ? 'A session' : 'An action'} ({link})</Link>;
  if (/^https?:\/\//i.test(link)) {
    return (
      <a href={link} target="_blank" rel="noreferrer noopener">
        {link} (opens in your browser)
      </a>
    );
  }
  return <span>{link}</span>;
}
