// #/you-said-we-did: make a "you said, we did" to give back to the public (issue 16).
// The done actions of a period and project that may be published are listed exactly as
// the public will read them, each ticked (the team chose to share done actions); the
// form says what to make (a web page, formatted or plain email text, or an A4 poster or
// leaflet as a PDF), where and when it is published. Go checks the form, asks where to save, writes the file and records the
// publication: the actions become published and communicated back.
import { useFilterLoad } from '../lib/useFilterLoad';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Checkboxes, InsetText } from 'nhsuk-react-components';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { OpenFileButtons } from '../components/OpenFileButtons';
import { PageHeading } from '../components/PageHeading';
import { DateField } from '../components/DateField';
import { RadiosField, SelectField, TextField } from '../components/fields';
import { listProjects, previewYouSaidWeDid, publishYouSaidWeDid } from '../lib/backend';
import { todayISO } from '../lib/dates';
import { fieldErrorMap } from '../lib/errors';
import { plural } from '../lib/format';
import { useRefData } from '../lib/refdata';
import { useLoad } from '../lib/useLoad';
import { useSubmit } from '../lib/useSubmit';
import type {
  PublicationFormat,
  PublishLanguage,
  PublishResult,
  RefItem,
  ReportFilter,
  YouSaidItem,
  YouSaidWeDidPreview,
} from '../lib/types';
import './reports/reports.scss';
import './ysd.scss';

/** What can be made (involve.Publication formats). */
export const FORMATS: RefItem[] = [
  { code: 'web_page', label: 'Web page', hint: 'One page to put on a website' },
  { code: 'email_html', label: 'Formatted email or newsletter', hint: 'To paste into an email or a newsletter' },
  { code: 'email_text', label: 'Plain text email' },
  {
    code: 'poster',
    label: 'Poster or leaflet (PDF)',
    hint: 'An A4 page in large print to print or hand out. Text in Arabic, Urdu, Bengali and other scripts that join or reorder letters cannot be shown in it: use the web page for those',
  },
];

const FILTER_FIELDS = ['from', 'to', 'projectId'] as const;
const FORM_FIELDS = ['actionIds', 'language', 'format', 'channel', 'publishedOn', 'note', 'contact', ...FILTER_FIELDS] as const;

/** The languages the chosen actions can be published in (at least one of them has a
 * translation of all it shows), as the Language select's items after English. */
export function languageChoices(languages: PublishLanguage[], chosen: string[]): RefItem[] {
  return languages
    .filter((l) => l.actionIds.some((id) => chosen.includes(id)))
    .map((l) => ({ code: l.code, label: l.name && l.name !== l.code ? `${l.name} (${l.code})` : l.code }));
}

/** What the Language select's hint says once a language is chosen. */
export function languageNote(l: PublishLanguage, chosen: string[]): string {
  const n = l.actionIds.filter((id) => chosen.includes(id)).length;
  const name = l.name || l.code;
  const rest = chosen.length - n;
  const text =
    rest === 0
      ? `${n === 1 ? 'The chosen action' : `All ${n} chosen actions`} will be in ${name}`
      : `${n} of the ${chosen.length} chosen actions will be in ${name}; ${rest === 1 ? 'the other stays' : `the other ${rest} stay`} in English (no translation), marked as English`;
  return `${text}. The headings and opening words stay in English.`;
}

/** The theme's label as the page writes it after "about" (publish.lowerFirst): the first
 * letter lower case, unless the word is an abbreviation ("NHS"). */
export function lowerFirst(s: string): string {
  if (s.length < 2 || s[0] < 'A' || s[0] > 'Z' || (s[1] >= 'A' && s[1] <= 'Z')) return s;
  return s[0].toLowerCase() + s.slice(1);
}

/** The sentence for the done actions left out (withheld > 0). */
export function withheldText(n: number): string {
  const what = n === 1 ? '1 done action is' : `${n} done actions are`;
  return (
    `${what} left out: what people said can\u2019t be shown (no quote consent, or it can\u2019t be checked) and ` +
    `${n === 1 ? 'it has' : 'they have'} no theme. Give ${n === 1 ? 'it' : 'them'} a theme or reword what people said.`
  );
}

/** An edit or a sync of these reloads the preview. */
const PREVIEW_KINDS = ['action', 'feedback', 'theme', 'publication'];

/** Beside an action whose text the poster replaces by a sentence (a script it cannot shape). */
export const POSTER_CANNOT_SHOW =
  'The poster cannot show some of this text (a script whose letters join or are reordered): it prints a sentence pointing to the web page instead.';

function ItemText({ item, poster, englishIn }: { item: YouSaidItem; poster: boolean; englishIn?: string }) {
  return (
    <>
      <span className="app-ysd-said" data-testid="ysd-said">
        {item.youSaid ? (
          <>
            <strong>You said</strong> <span className="app-pre-wrap">{item.youSaid}</span>
          </>
        ) : (
          <strong>You told us about {lowerFirst(item.about)}</strong>
        )}
      </span>{' '}
      <span className="app-ysd-did" data-testid="ysd-did">
        <strong>We did</strong> <span className="app-pre-wrap">{item.weDid}</span>
      </span>
      {englishIn ? (
        <span className="app-ysd-poster-note" data-testid="ysd-english-note">
          {' '}
          <strong className="nhsuk-tag nhsuk-tag--grey">English</strong> No {englishIn} translation: stays in English.
        </span>
      ) : null}
      {poster && item.posterCannotShow ? (
        <span className="app-ysd-poster-note" data-testid="ysd-poster-note">
          {' '}
          <strong className="nhsuk-tag nhsuk-tag--orange">Poster</strong> {POSTER_CANNOT_SHOW}
        </span>
      ) : null}
    </>
  );
}


export function YouSaidWeDidScreen() {
  const ref = useRefData();
  const projects = useLoad(listProjects, []);
  const projectItems: RefItem[] = (projects.data ?? [])
    .filter((p) => !p.deletedAt)
    .map((p) => ({ code: p.id, label: p.name || 'Untitled project' }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [projectId, setProjectId] = useState('');
  const filter = useMemo<ReportFilter>(
    () => ({ from, to, projectId, borough: '', sessionType: '', teamId: '' }),
    [from, to, projectId],
  );
  const { data: preview, error: previewError, loading } = useFilterLoad(previewYouSaidWeDid, filter, PREVIEW_KINDS);

  // Every action is ticked unless unticked here (a new one appears ticked).
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [format, setFormat] = useState<PublicationFormat | ''>('');
  const [channel, setChannel] = useState('');
  const [publishedOn, setPublishedOn] = useState(() => todayISO());
  const [note, setNote] = useState('');
  const [contact, setContact] = useState<string | null>(null); // null: not edited, the remembered line
  const [language, setLanguage] = useState(''); // '': English
  const contactShown = contact ?? preview?.contact ?? '';

  const { saving, error, setError, submit } = useSubmit();
  const [done, setDone] = useState<PublishResult | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done && doneRef.current) {
      doneRef.current.focus();
      if (typeof doneRef.current.scrollIntoView === 'function') doneRef.current.scrollIntoView({ block: 'nearest' });
    }
  }, [done]);

  const items = preview?.items ?? [];
  const chosen = items.filter((it) => !unticked.has(it.actionId)).map((it) => it.actionId);
  const languages = languageChoices(preview?.languages ?? [], chosen);
  // a language none of the chosen actions is translated into any more: English
  const languageShown = languages.some((l) => l.code === language) ? language : '';
  const languageInfo = (preview?.languages ?? []).find((l) => l.code === languageShown);
  const fe = { ...fieldErrorMap(previewError), ...fieldErrorMap(error) };

  const toggle = (id: string, on: boolean) =>
    setUnticked((s) => {
      const next = new Set(s);
      if (on) next.delete(id);
      else next.add(id);
      return next;
    });

  const onSubmit = submit(async () => {
    const result = await publishYouSaidWeDid({
      filter,
      actionIds: chosen,
      format,
      channel,
      publishedOn,
      note,
      contact: contactShown,
      language: languageShown,
    });
    if (result.cancelled) return; // the Save dialog was closed: nothing changes
    setError(null);
    setDone(result);
  });


  return (
    <>
      <PageHeading>Make a “you said, we did”</PageHeading>
      <p>
        Tell people what changed because of what they said: choose the done actions to share, then make a web page, email
        text or a poster. The actions are then marked as told back.
      </p>

      <FormErrorSummary error={previewError} title="There is a problem with the filters" knownFields={FILTER_FIELDS} />
      <FormErrorSummary error={error} title="The “you said, we did” could not be made" knownFields={FORM_FIELDS} />

      {done ? (
        <div ref={doneRef} tabIndex={-1} className="nhsuk-panel app-export-done" data-testid="ysd-done">
          <h2 className="nhsuk-panel__title nhsuk-panel__title--m">
            Published: {plural(done.actions, 'action', 'actions')} marked as told back
          </h2>
          <div className="nhsuk-panel__body">
            <p>
              Saved as{' '}
              <span className="app-path" data-testid="ysd-path">
                {done.path}
              </span>
            </p>
          </div>
        </div>
      ) : null}
      {done ? (
        <OpenFileButtons
          key={done.publicationId}
          openPath={done.path}
          showPath={done.path}
          openLabel="Open"
          what="file"
          data-testid="ysd-open"
        />
      ) : null}

      <section aria-labelledby="ysd-filters-heading" className="app-report-filters" data-testid="ysd-filters">
        <h2 id="ysd-filters-heading" className="nhsuk-heading-m">
          Which actions
        </h2>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <SelectField
              name="projectId"
              label="Project"
              items={projectItems}
              blankLabel="All projects"
              value={projectId}
              error={fe.projectId}
              onChange={setProjectId}
            />
          </div>
        </div>
        <div className="app-inline-form app-report-dates">
          <DateField name="from" label="From" hint="Leave empty for all dates" live value={from} error={fe.from} onChange={setFrom} />
          <DateField name="to" label="To" hint="Leave empty for all dates" live value={to} error={fe.to} onChange={setTo} />
        </div>
      </section>

      <p className="app-status" role="status" data-testid="ysd-status">
        {loading
          ? 'Finding the done actions…'
          : preview
            ? `${plural(items.length, 'done action', 'done actions')} can be published${preview.period ? ` (${preview.period})` : ''}.`
            : ''}
      </p>

      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        {preview && items.length > 0 ? (
          <Checkboxes
            id="actionIds-group"
            name="actionIds"
            legend="What the public will read"
            legendProps={{ size: 'm' }}
            hint="Untick any action you do not want to share."
            error={fe.actionIds}
            data-testid="ysd-items"
          >
            {items.map((it, i) => (
              <Checkboxes.Item
                key={it.actionId}
                id={i === 0 ? 'actionIds' : `actionIds-${i + 1}`}
                value={it.actionId}
                checked={!unticked.has(it.actionId)}
                onChange={(e) => toggle(it.actionId, e.currentTarget.checked)}
                data-testid="ysd-item"
              >
                <ItemText
                  item={
                    languageInfo?.actionIds.includes(it.actionId)
                      ? { ...it, posterCannotShow: languageInfo.posterCannotShow.includes(it.actionId) }
                      : it
                  }
                  poster={format === 'poster'}
                  englishIn={
                    languageInfo && !languageInfo.actionIds.includes(it.actionId) ? languageInfo.name || languageInfo.code : undefined
                  }
                />
              </Checkboxes.Item>
            ))}
          </Checkboxes>
        ) : null}
        {preview && items.length === 0 ? (
          <p data-testid="ysd-none" id="actionIds" tabIndex={-1}>
            No done actions can be published for this period and project. Mark actions as done on the “You said, we did”
            board, with what you did.
          </p>
        ) : null}
        {preview && preview.withheld > 0 ? (
          <InsetText data-testid="ysd-withheld">
            <p>{withheldText(preview.withheld)}</p>
          </InsetText>
        ) : null}

        <h2 className="nhsuk-heading-m">Make it</h2>
        <SelectField
          name="language"
          label="Language"
          hint={
            languageInfo
              ? languageNote(languageInfo, chosen)
              : languages.length
                ? 'English, or a language the chosen actions are translated into. Translate an action on its page.'
                : 'English. To give it back in another language, translate the actions on their pages first.'
          }
          items={languages}
          blankLabel="English"
          value={languageShown}
          error={fe.language}
          onChange={setLanguage}
        />
        <RadiosField
          name="format"
          legend="What to make"
          items={FORMATS}
          value={format}
          error={fe.format}
          onChange={(v) => setFormat(v as PublicationFormat)}
        />
        <SelectField
          name="channel"
          label="Where it will be published"
          items={ref.actionChannels}
          blankLabel=""
          value={channel}
          error={fe.channel}
          onChange={setChannel}
        />
        <DateField name="publishedOn" label="Date published" value={publishedOn} error={fe.publishedOn} onChange={setPublishedOn} />
        <TextField
          name="note"
          label="Note (optional)"
          hint="Which newsletter or notice board, for example Autumn newsletter. Kept with the record, not published"
          value={note}
          error={fe.note}
          onChange={setNote}
        />
        <TextField
          name="contact"
          label="Contact line"
          hint="Printed at the end, so that people can get in touch. For example, an email address"
          value={contactShown}
          error={fe.contact}
          onChange={setContact}
        />
        <Button type="submit" aria-disabled={saving || undefined}>
          {saving ? 'Making…' : 'Make and save'}
        </Button>
      </form>
    </>
  );
}
