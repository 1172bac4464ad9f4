// A question set: #/question-sets/new (the builder, empty) and #/question-sets/:id (one
// version: the builder for the newest, read-only for older ones; its languages, its
// versions, its paper form, archive).
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { BackLink, Button, InsetText, Tag } from 'nhsuk-react-components';
import { LoadProblem, LoadingPage, PageHeading } from '../../components/PageHeading';
import { ScrollTable } from '../../components/ScrollTable';
import { TableHead } from '../../components/TableHead';
import { createQuestionSet, getQuestionSet, saveQuestionSet, setQuestionSetArchived } from '../../lib/backend';
import { formatDate } from '../../lib/dates';
import { toBackendError } from '../../lib/errors';
import { useFlash } from '../../lib/flash';
import { useLoad } from '../../lib/useLoad';
import type { QuestionSet, QuestionSetView } from '../../lib/questions';
import { languageRTL } from '../../lib/questions';
import { newQuestionSet } from '../../questions/model';
import { PaperForm } from '../../questions/PaperForm';
import { QuestionSetForm } from './QuestionSetForm';
import { AddLanguage } from './AddLanguage';

export const newVersionMessage = (version: number) =>
  `This set already had answers, so your changes were saved as version ${version}. Answers to earlier versions stay with the questions they answered.`;

function Languages({ view }: { view: QuestionSetView }) {
  const base = `/question-sets/${view.set.id}/translate`;
  const trs = view.translations ?? [];
  return (
    <section aria-labelledby="languages-heading">
      <h2 className="nhsuk-heading-m" id="languages-heading">
        Languages
      </h2>
      <p>English is the set’s own language. Translate the set question by question, side by side with the English.</p>
      {trs.length ? (
        <ul className="nhsuk-list" data-testid="set-languages">
          {trs.map((t) => (
            <li key={t.language}>
              <Link to={`${base}/${encodeURIComponent(t.language)}`}>
                <span lang={t.language} dir={languageRTL(t.language) ? 'rtl' : 'ltr'}>
                  {t.languageName || t.language}
                </span>
                <span className="nhsuk-u-visually-hidden"> ({t.language}): edit the translation</span>
              </Link>{' '}
              <Tag modifier={t.reviewed ? 'green' : 'grey'}>{t.reviewed ? 'reviewed' : 'not reviewed'}</Tag>
            </li>
          ))}
        </ul>
      ) : (
        <p>No translations yet.</p>
      )}
      <AddLanguage base={base} have={trs.map((t) => t.language)} exclude={['en']} />
    </section>
  );
}

function Versions({ view }: { view: QuestionSetView }) {
  if ((view.versions ?? []).length < 2) return null;
  return (
    <ScrollTable data-testid="set-versions">
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">Versions</caption>
      <TableHead columns={[{ label: 'Version' }, { label: 'Made' }, { label: 'Responses', numeric: true }]} />
      <tbody className="nhsuk-table__body">
        {view.versions.map((v) => (
          <tr key={v.id} className="nhsuk-table__row">
            <td className="nhsuk-table__cell">
              {v.id === view.set.id ? (
                <>Version {v.version} (this one)</>
              ) : (
                <Link to={`/question-sets/${v.id}`}>Version {v.version}</Link>
              )}
            </td>
            <td className="nhsuk-table__cell">{formatDate(v.createdAt)}</td>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{v.responses}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function Archive({ view, onDone }: { view: QuestionSetView; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const { showMessage } = useFlash();
  const archived = view.set.archived;
  const run = async () => {
    setBusy(true);
    try {
      await setQuestionSetArchived(view.set.id, !archived);
      showMessage(archived ? 'The set is back: sessions can ask it again.' : 'The set is archived. Its answers stay.');
      setError('');
      onDone();
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="archive-heading">
      <h2 className="nhsuk-heading-m" id="archive-heading">
        {archived ? 'Archived' : 'Archive'}
      </h2>
      <p>
        {archived
          ? 'This set is archived: sessions cannot choose it. Its answers stay in reports.'
          : 'Archive the set when sessions no longer ask it. Its answers stay in reports, and you can bring it back.'}
      </p>
      {error ? <p className="nhsuk-error-message">{error}</p> : null}
      <Button type="button" secondary disabled={busy} onClick={() => void run()}>
        {archived ? 'Bring this set back' : 'Archive this set'}
      </Button>
    </section>
  );
}

function NewSet() {
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const save = async (set: QuestionSet) => {
    const made = await createQuestionSet(set);
    showMessage('Question set added.');
    navigate(`/question-sets/${made.id}`);
  };
  return (
    <>
      <BackLink asElement={Link} to="/question-sets">
        Back
      </BackLink>
      <PageHeading>Create a question set</PageHeading>
      <QuestionSetForm initial={newQuestionSet()} onSubmit={save} cancelTo="/question-sets" submitLabel="Save question set" />
    </>
  );
}

function EditSet({ id }: { id: string }) {
  const view = useLoad(() => getQuestionSet(id), [id]);
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  if (view.error) return <LoadProblem title="Question set" message={view.error.message} />;
  if (view.loading && !view.data) return <LoadingPage title="Question set" />;
  const v = view.data!;
  const s = v.set;
  const newest = [...(v.versions ?? [])].sort((a, b) => b.version - a.version)[0];
  const save = async (edited: QuestionSet) => {
    const saved = await saveQuestionSet(s.id, s, edited);
    if (saved.newVersion) showMessage(newVersionMessage(saved.set.version));
    else showMessage('Question set saved.');
    if (saved.set.id !== s.id) navigate(`/question-sets/${saved.set.id}`);
    else view.reload();
  };
  return (
    <>
      <BackLink asElement={Link} to="/question-sets">
        Back
      </BackLink>
      <PageHeading caption={`Question set, version ${s.version}`}>{s.name || 'Untitled set'}</PageHeading>
      {s.archived ? <Tag modifier="grey">archived</Tag> : null}
      {v.newest ? (
        <>
          {v.answered ? (
            <InsetText>
              <p>This version has answers. If you change its questions, your changes are saved as a new version.</p>
            </InsetText>
          ) : null}
          <QuestionSetForm key={`${s.id}-${s.rev}`} initial={s} onSubmit={save} cancelTo="/question-sets" submitLabel="Save question set" />
        </>
      ) : (
        <>
          <InsetText>
            <p>
              This is an older version, kept with the answers given to it. It cannot be changed.{' '}
              {newest && newest.id !== s.id ? <Link to={`/question-sets/${newest.id}`}>Go to the newest version (version {newest.version})</Link> : null}
            </p>
          </InsetText>
          <PaperForm set={s} />
        </>
      )}
      <h2 className="nhsuk-heading-m">Paper form</h2>
      <p>
        <Link to={`/question-sets/${s.id}/paper`}>Print the paper form</Link> in English or a translated language, in standard or large print.
      </p>
      {v.newest ? <Languages view={v} /> : null}
      <Versions view={v} />
      {v.newest ? <Archive view={v} onDone={view.reload} /> : null}
    </>
  );
}

export function QuestionSetScreen() {
  const { id } = useParams();
  return id ? <EditSet id={id} /> : <NewSet />;
}
