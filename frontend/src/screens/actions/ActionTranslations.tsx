// The "Translations" part of an action's page: the languages its "you said" and "we
// did" are translated into (each opens the side-by-side editor), and "Add a language".
// A "you said, we did" can then be made in that language (#/you-said-we-did).
import { Link } from 'react-router';
import { Tag } from 'nhsuk-react-components';
import { listActionTranslations } from '../../lib/backend';
import { languageRTL } from '../../lib/questions';
import { useLoad } from '../../lib/useLoad';
import { AddLanguage } from '../questions/AddLanguage';

export const actionTranslateBase = (actionId: string) => `/actions/${actionId}/translate`;

export function ActionTranslations({ actionId }: { actionId: string }) {
  const trs = useLoad(() => listActionTranslations(actionId), [actionId]);
  const base = actionTranslateBase(actionId);
  const list = trs.data ?? [];
  return (
    <section aria-labelledby="action-translations-heading" data-testid="action-translations">
      <h2 className="nhsuk-heading-m" id="action-translations-heading">
        Translations
      </h2>
      <p>
        Translate what people said and what you did, to give it back in their language. A “you said, we did” made in
        that language uses these words; its headings stay in English.
      </p>
      {trs.error ? <p className="nhsuk-error-message">{trs.error.message}</p> : null}
      {trs.data ? (
        list.length ? (
          <ul className="nhsuk-list" data-testid="action-languages">
            {list.map((t) => (
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
        )
      ) : null}
      <AddLanguage base={base} have={list.map((t) => t.language)} exclude={['en', 'en-x-easyread']} />
    </section>
  );
}
