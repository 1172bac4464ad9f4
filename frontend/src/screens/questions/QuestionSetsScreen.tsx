// Question sets (#/question-sets): the team's sets (the newest version of each), with
// their languages; make one from scratch or from a starter template.
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Tag } from 'nhsuk-react-components';
import { ButtonLink } from '../../components/ButtonLink';
import { LoadProblem, Loading, PageHeading } from '../../components/PageHeading';
import { ScrollTable } from '../../components/ScrollTable';
import { TableHead } from '../../components/TableHead';
import { SingleCheckbox } from '../../components/fields';
import { createQuestionSet, listQuestionSets, starterQuestionSets } from '../../lib/backend';
import { toBackendError } from '../../lib/errors';
import { useDataChanged } from '../../lib/events';
import { useFlash } from '../../lib/flash';
import { useLoad } from '../../lib/useLoad';
import type { LanguageInfo, QuestionSet } from '../../lib/questions';
import type { BackendError } from '../../lib/types';

export function LanguageTags({ languages }: { languages: LanguageInfo[] }) {
  if (!languages?.length) return <>English only</>;
  return (
    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
      {languages.map((l) => (
        <li key={l.code}>
          <span lang={l.code} dir={l.rtl ? 'rtl' : 'ltr'}>
            {l.name || l.code}
          </span>{' '}
          <Tag modifier={l.reviewed ? 'green' : 'grey'}>{l.reviewed ? 'reviewed' : 'not reviewed'}</Tag>
        </li>
      ))}
    </ul>
  );
}

/** "Start from a template": the starters Go ships, each copied into a new set. */
function Starters({ onError }: { onError: (e: BackendError) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const starters = useLoad<QuestionSet[] | undefined>(() => (open ? starterQuestionSets() : Promise.resolve(undefined)), [open]);
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const heading = useRef<HTMLHeadingElement>(null);
  // The button that opened the list goes away: focus moves to the list's heading.
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);
  const copy = async (s: QuestionSet) => {
    setBusy(true);
    try {
      const made = await createQuestionSet({ ...s, id: '', familyId: '', version: 1, archived: false });
      showMessage(`“${made.name}” was made from the template. Change it to suit your session.`);
      navigate(`/question-sets/${made.id}`);
    } catch (e) {
      onError(toBackendError(e));
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <Button type="button" secondary onClick={() => setOpen(true)}>
        Start from a template
      </Button>
    );
  }
  return (
    <section aria-labelledby="starters-heading" className="nhsuk-u-margin-bottom-5">
      <h2 className="nhsuk-heading-m" id="starters-heading" tabIndex={-1} ref={heading}>
        Start from a template
      </h2>
      {starters.error ? <p className="nhsuk-error-message">{starters.error.message}</p> : null}
      {!starters.data ? (
        starters.error ? null : <Loading />
      ) : (
        <ul className="nhsuk-list">
          {starters.data.map((s) => (
            <li key={s.starter || s.name} className="nhsuk-u-margin-bottom-4">
              <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">{s.name}</h3>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
                {s.purpose} ({s.questions.length} {s.questions.length === 1 ? 'question' : 'questions'})
              </p>
              <Button type="button" secondary small disabled={busy} onClick={() => void copy(s)}>
                Use this template<span className="nhsuk-u-visually-hidden">: {s.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function QuestionSetsScreen() {
  const [archived, setArchived] = useState(false);
  const sets = useLoad(() => listQuestionSets(archived), [archived]);
  const [problem, setProblem] = useState<BackendError | null>(null);
  useDataChanged(() => sets.reload(), ['question_set', 'translation', 'response']);
  if (sets.error && !sets.data) return <LoadProblem title="Question sets" message={sets.error.message} />;
  const list = sets.data ?? [];
  return (
    <>
      <PageHeading>Question sets</PageHeading>
      <p>
        A session can ask its own questions: on the kiosk, typed in from paper with quick capture, or both. Choose the sets a session asks on
        the session’s form.
      </p>
      {problem ? (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">There is a problem</h2>
          <div className="nhsuk-error-summary__body">
            <p>{problem.message}</p>
          </div>
        </div>
      ) : null}
      <div className="nhsuk-button-group">
        <ButtonLink to="/question-sets/new">Create a question set</ButtonLink>
      </div>
      <Starters onError={setProblem} />
      <SingleCheckbox name="showArchived" legend="Which sets" label="Show archived sets too" checked={archived} onChange={setArchived} />
      {!sets.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <p>No question sets yet.</p>
      ) : (
        <ScrollTable data-testid="question-set-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">
            {list.length} {list.length === 1 ? 'question set' : 'question sets'}
          </caption>
          <TableHead
            columns={[
              { label: 'Name' },
              { label: 'Version', numeric: true },
              { label: 'Questions', numeric: true },
              { label: 'Responses', numeric: true },
              { label: 'Languages' },
            ]}
          />
          <tbody className="nhsuk-table__body">
            {list.map((s) => (
              <tr key={s.familyId} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  <Link to={`/question-sets/${s.id}`}>{s.name || 'Untitled set'}</Link>
                  {s.archived ? (
                    <>
                      {' '}
                      <Tag modifier="grey">archived</Tag>
                    </>
                  ) : null}
                </td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{s.version}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{s.questions}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{s.responses}</td>
                <td className="nhsuk-table__cell">
                  <LanguageTags languages={s.languages} />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <h2 className="nhsuk-heading-m">The kiosk’s own words</h2>
      <p>
        <Link to="/kiosk-words">Translate the kiosk’s words</Link> (its buttons, privacy notice and thank-you) into more languages.
      </p>
    </>
  );
}
