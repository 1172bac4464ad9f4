// The kiosk's own words (buttons, privacy notice, thank-you) in more languages, as
// data that syncs: #/kiosk-words (the languages) and #/kiosk-words/:lang (the
// side-by-side editor, keys and English from the kiosk's en.json). English and Spanish
// ship in the app and are not edited here.
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { BackLink, Tag } from 'nhsuk-react-components';
import { LoadProblem, Loading, LoadingPage, PageHeading } from '../../components/PageHeading';
import { listKioskWords, saveTranslation } from '../../lib/backend';
import { useDataChanged } from '../../lib/events';
import { useFlash } from '../../lib/flash';
import { useLoad } from '../../lib/useLoad';
import { KIOSK_WORDS, languageRTL, type Translation } from '../../lib/questions';
import { LANGUAGE_SUGGESTIONS, newTranslation } from '../../questions/model';
import { TranslationEditor, type TextRow } from '../../questions/TranslationEditor';
import en from '../../kiosk/locales/en.json';
import { AddLanguage } from './AddLanguage';

/** Languages that ship in the app (kiosk/locales). */
export const SHIPPED = ['en', 'es'];
/** Keys the app fills in itself (the direction follows the language). */
const AUTOMATIC = ['language.dir'];

export function kioskRows(): TextRow[] {
  return Object.entries(en as Record<string, string>)
    .filter(([k]) => !AUTOMATIC.includes(k))
    .map(([key, english]) => ({ key, about: key, english, long: english.length > 80 }));
}

const shipped = (
  <p>English and Spanish ship in the app and are not edited here. Add any other language below: the kiosk offers it as soon as it is saved, with no new version of the app.</p>
);

export function KioskWordsListScreen() {
  const words = useLoad(() => listKioskWords(), []);
  useDataChanged(() => words.reload(), ['translation']);
  if (words.error && !words.data) return <LoadProblem title="The kiosk’s words" message={words.error.message} />;
  const list = words.data ?? [];
  return (
    <>
      <BackLink asElement={Link} to="/question-sets">
        Back
      </BackLink>
      <PageHeading>The kiosk’s words</PageHeading>
      {shipped}
      {!words.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <p>No other languages yet.</p>
      ) : (
        <ul className="nhsuk-list" data-testid="kiosk-languages">
          {list.map((t) => (
            <li key={t.language}>
              <Link to={`/kiosk-words/${encodeURIComponent(t.language)}`}>
                <span lang={t.language} dir={languageRTL(t.language) ? 'rtl' : 'ltr'}>
                  {t.languageName || t.language}
                </span>
                <span className="nhsuk-u-visually-hidden"> ({t.language}): edit</span>
              </Link>{' '}
              <Tag modifier={t.reviewed ? 'green' : 'grey'}>{t.reviewed ? 'reviewed' : 'not reviewed'}</Tag>
            </li>
          ))}
        </ul>
      )}
      <AddLanguage base="/kiosk-words" have={list.map((t) => t.language)} exclude={SHIPPED} />
    </>
  );
}

export function KioskWordsScreen() {
  const { lang = '' } = useParams();
  const [params] = useSearchParams();
  const words = useLoad(() => listKioskWords(), []);
  const navigate = useNavigate();
  const { showMessage } = useFlash();
  const back = '/kiosk-words';
  const title = 'Translate the kiosk’s words';
  const backLink = (
    <BackLink asElement={Link} to={back}>
      Back
    </BackLink>
  );
  if (SHIPPED.includes(lang.toLowerCase())) {
    return (
      <>
        {backLink}
        <PageHeading>{title}</PageHeading>
        {shipped}
      </>
    );
  }
  if (words.error) return <LoadProblem title={title} message={words.error.message} />;
  if (!words.data) return <LoadingPage title={title} />;
  const existing = words.data.find((t) => t.language === lang);
  const name = existing?.languageName || params.get('name') || LANGUAGE_SUGGESTIONS.find((s) => s.code === lang)?.name || '';
  const initial = existing ?? newTranslation(KIOSK_WORDS, lang, name);
  const save = async (t: Translation) => {
    const texts: Record<string, string> = { ...t.texts, 'language.dir': languageRTL(lang) ? 'rtl' : 'ltr' };
    if (!texts['language.name'] && t.languageName) texts['language.name'] = t.languageName;
    await saveTranslation({ ...t, of: KIOSK_WORDS, language: lang, texts });
    showMessage(`The kiosk’s words in ${t.languageName || lang} are saved.`);
    navigate(back);
  };
  return (
    <>
      {backLink}
      <PageHeading caption="The kiosk’s words">
        Translate into <span lang={lang}>{name || lang}</span>
      </PageHeading>
      <TranslationEditor
        key={`${lang}-${existing?.rev ?? 0}`}
        rows={kioskRows()}
        initial={initial}
        onSubmit={save}
        cancel={
          <Link className="nhsuk-link" to={back}>
            Cancel
          </Link>
        }
      />
    </>
  );
}
