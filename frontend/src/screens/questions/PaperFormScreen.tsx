// #/question-sets/:id/paper?lang=xx&large=1: the print preview of a set's paper form,
// with the language and large print chosen; "Print" opens the system's print dialog
// (the web engine shapes every script, Arabic, Urdu and Bengali included).
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { BackLink, Button } from 'nhsuk-react-components';
import { LoadProblem, LoadingPage, PageHeading } from '../../components/PageHeading';
import { SelectField, SingleCheckbox } from '../../components/fields';
import { getQuestionSet, getStallName } from '../../lib/backend';
import { useLoad } from '../../lib/useLoad';
import { PaperForm } from '../../questions/PaperForm';

/** While the paper form's screen is open, printing shows only the form (paper.scss). */
function usePrintingPaperForm() {
  useEffect(() => {
    const html = document.documentElement;
    html.classList.add('printing-paper-form');
    return () => html.classList.remove('printing-paper-form');
  }, []);
}

export function PaperFormScreen() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const view = useLoad(() => getQuestionSet(id), [id]);
  const team = useLoad(() => getStallName().catch(() => ''), []);
  usePrintingPaperForm();
  const lang = params.get('lang') || 'en';
  const large = params.get('large') === '1';
  const title = 'Paper form';
  if (view.error) return <LoadProblem title={title} message={view.error.message} />;
  if (!view.data) return <LoadingPage title={title} />;
  const set = view.data.set;
  const translations = view.data.translations ?? [];
  const tr = translations.find((t) => t.language === lang);
  const choose = (next: { lang?: string; large?: boolean }) => {
    const p = new URLSearchParams();
    const l = next.lang ?? lang;
    if (l !== 'en') p.set('lang', l);
    if (next.large ?? large) p.set('large', '1');
    setParams(p, { replace: true });
  };
  return (
    <>
      <div className="no-print">
        <BackLink asElement={Link} to={`/question-sets/${set.id}`}>
          Back
        </BackLink>
        <PageHeading caption={`${set.name}, version ${set.version}`}>{title}</PageHeading>
        <p>
          Print the form on A4 paper. Its questions are numbered in the order quick capture asks them, so a stack of forms is typed in quickly.
        </p>
        <SelectField
          name="paperLanguage"
          label="Language"
          items={[{ code: 'en', label: 'English' }, ...translations.map((t) => ({ code: t.language, label: `${t.languageName || t.language} (${t.language})` }))]}
          value={tr ? lang : 'en'}
          onChange={(l) => choose({ lang: l })}
        />
        {tr && !tr.reviewed ? (
          <p className="nhsuk-body-s">This translation has not been reviewed by someone who reads the language.</p>
        ) : null}
        <SingleCheckbox name="largePrint" legend="Size of the print" label="Large print" checked={large} onChange={(v) => choose({ large: v })} />
        <Button type="button" onClick={() => window.print()}>
          Print
        </Button>
      </div>
      <PaperForm set={set} translation={tr} large={large} teamName={team.data || undefined} />
    </>
  );
}
