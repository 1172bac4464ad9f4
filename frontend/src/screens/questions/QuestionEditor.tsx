// One question in the builder: its type, words, choices (added, removed and moved with
// buttons; codes made from the words, editable under "Advanced"), the options its type
// has, and "show this question only if…". Every field's id is the Go field path
// ("questions.2.choices.0.label") so an error from Go links to it.
import { Button, Details } from 'nhsuk-react-components';
import type { Question } from '../../lib/questions';
import { QuestionType } from '../../lib/questions';
import { CheckboxesField, SelectField, SingleCheckbox, TextAreaField, TextField } from '../../components/fields';
import { FACE_POINTS, MAX_CHOICES, MAX_SCALE_POINTS, QUESTION_TYPES, canDriveShowIf, editsChoices, hasChoices } from '../../questions/model';
import { changeType, withCodes, type EditChoice, type EditQuestion } from './builderState';

interface Props {
  index: number;
  count: number;
  e: EditQuestion;
  earlier: Question[];
  errs: Record<string, string>;
  onChange: (e: EditQuestion) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  /** Focus the element with this id after the next render. */
  focusNext: (id: string) => void;
}

export function QuestionEditor({ index: i, count, e, earlier, errs, onChange, onMove, onRemove, focusNext }: Props) {
  const q = e.q;
  const f = `questions.${i}.`;
  const n = i + 1;
  const setQ = (patch: Partial<Question>) => onChange({ ...e, q: { ...q, ...patch } });
  const setChoices = (choices: EditChoice[]) => onChange({ ...e, choices: withCodes(choices) });
  // Words heard by screen readers only, after a visible word (the space stays outside).
  const hidden = (s: string) => (
    <>
      {s.startsWith(' ') || s.startsWith(':') ? (s.startsWith(' ') ? ' ' : '') : null}
      <span className="nhsuk-u-visually-hidden">{s.trimStart()}</span>
    </>
  );
  const maxChoices = q.type === QuestionType.scale ? MAX_SCALE_POINTS : MAX_CHOICES;

  const moveChoice = (j: number, d: -1 | 1) => {
    const list = [...e.choices];
    [list[j], list[j + d]] = [list[j + d], list[j]];
    setChoices(list);
    const edge = (d === -1 && j + d === 0) || (d === 1 && j + d === list.length - 1);
    focusNext(`${f}choices.${j + d}.${edge ? (d === -1 ? 'down' : 'up') : d === -1 ? 'up' : 'down'}`);
  };
  const removeChoice = (j: number) => {
    setChoices(e.choices.filter((_, k) => k !== j));
    focusNext(j < e.choices.length - 1 ? `${f}choices.${j}.label` : e.choices.length > 1 ? `${f}choices.${j - 1}.label` : `${f}add-choice`);
  };
  const addChoice = () => {
    setChoices([...e.choices, { code: '', label: '', auto: true }]);
    focusNext(`${f}choices.${e.choices.length}.label`);
  };

  const driver = earlier.find((x) => x.id === q.showIf?.question);
  const driverChoices = driver ? [...driver.choices, ...(driver.other ? [{ code: 'other', label: 'Other' }] : [])] : [];
  const codeErrors = e.choices.some((_, j) => errs[`${f}choices.${j}.code`]) || !!errs[`${f}id`];

  return (
    <section className="question-editor" aria-labelledby={`${f}heading`} data-testid="question-editor">
      <h3 className="nhsuk-heading-s" id={`${f}heading`} tabIndex={-1}>
        Question {n}
        {q.text ? <span className="nhsuk-u-visually-hidden">: {q.text}</span> : null}
      </h3>
      <SelectField
        name={`${f}type`}
        label="Type of question"
        items={QUESTION_TYPES}
        value={q.type}
        onChange={(type) => onChange(changeType(e, type))}
        error={errs[`${f}type`]}
      />
      <TextAreaField name={`${f}text`} label="Question" rows={2} value={q.text} onChange={(text) => setQ({ text })} error={errs[`${f}text`]} />
      <TextAreaField
        name={`${f}help`}
        label="Help text (optional)"
        hint="Shown under the question"
        rows={2}
        value={q.help}
        onChange={(help) => setQ({ help })}
        error={errs[`${f}help`]}
      />
      <SingleCheckbox
        name={`${f}required`}
        legend="Answer needed"
        label="People must answer this question"
        checked={q.required}
        onChange={(required) => setQ({ required })}
        error={errs[`${f}required`]}
      />

      {q.type === QuestionType.yesNo ? <p className="nhsuk-body-s">The answers are: Yes, No, Not sure.</p> : null}
      {editsChoices(q.type) ? (
        <fieldset className={`nhsuk-fieldset nhsuk-form-group${errs[`${f}choices`] ? ' nhsuk-form-group--error' : ''}`}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            <span id={`${f}choices`} tabIndex={-1}>
              {q.type === QuestionType.scale ? 'Points of the scale, lowest first' : 'Choices'}
            </span>
          </legend>
          {errs[`${f}choices`] ? (
            <span className="nhsuk-error-message">
              <span className="nhsuk-u-visually-hidden">Error:</span> {errs[`${f}choices`]}
            </span>
          ) : null}
          <ol className="nhsuk-list question-editor__choices">
            {e.choices.map((c, j) => (
              <li key={j} className="question-editor__choice">
                <TextField
                  name={`${f}choices.${j}.label`}
                  label={`${q.type === QuestionType.scale ? 'Point' : 'Choice'} ${j + 1}`}
                  value={c.label}
                  onChange={(label) => setChoices(e.choices.map((x, k) => (k === j ? { ...x, label } : x)))}
                  error={errs[`${f}choices.${j}.label`]}
                />
                <div className="nhsuk-button-group question-editor__buttons">
                  <Button type="button" secondary small id={`${f}choices.${j}.up`} disabled={j === 0} onClick={() => moveChoice(j, -1)}>
                    Move up{hidden(` choice ${j + 1}`)}
                  </Button>
                  <Button
                    type="button"
                    secondary
                    small
                    id={`${f}choices.${j}.down`}
                    disabled={j === e.choices.length - 1}
                    onClick={() => moveChoice(j, 1)}
                  >
                    Move down{hidden(` choice ${j + 1}`)}
                  </Button>
                  <Button type="button" secondary small id={`${f}choices.${j}.remove`} onClick={() => removeChoice(j)}>
                    Remove{hidden(` choice ${j + 1}`)}
                  </Button>
                </div>
              </li>
            ))}
          </ol>
          {e.choices.length < maxChoices ? (
            <Button type="button" secondary small id={`${f}add-choice`} onClick={addChoice}>
              Add a {q.type === QuestionType.scale ? 'point' : 'choice'}
              {hidden(` to question ${n}`)}
            </Button>
          ) : null}
        </fieldset>
      ) : null}

      {q.type === QuestionType.single || q.type === QuestionType.multiple ? (
        <SingleCheckbox
          name={`${f}other`}
          legend="Other answers"
          label="Offer “Other, please say”"
          checked={q.other}
          onChange={(other) => setQ({ other })}
          error={errs[`${f}other`]}
        />
      ) : null}
      {q.type === QuestionType.scale && e.choices.length === FACE_POINTS ? (
        <SingleCheckbox
          name={`${f}faces`}
          legend="Faces"
          label="Show faces beside the points"
          hint="Only on a scale of 5 points"
          checked={q.faces}
          onChange={(faces) => setQ({ faces })}
          error={errs[`${f}faces`]}
        />
      ) : errs[`${f}faces`] ? (
        <p className="nhsuk-error-message" id={`${f}faces`} tabIndex={-1}>
          {errs[`${f}faces`]}
        </p>
      ) : null}
      {q.type === QuestionType.ranking ? (
        <SelectField
          name={`${f}pick`}
          label="How many to pick"
          items={Array.from({ length: Math.max(1, e.choices.length) }, (_, k) => ({ code: String(k + 1), label: String(k + 1) }))}
          value={String(q.pick || 1)}
          onChange={(v) => setQ({ pick: Number(v) })}
          error={errs[`${f}pick`]}
        />
      ) : null}
      {q.type === QuestionType.number ? (
        <>
          <TextField
            name={`${f}min`}
            label="Smallest number allowed (optional)"
            inputMode="numeric"
            width={5}
            value={e.minText}
            onChange={(minText) => onChange({ ...e, minText })}
            error={errs[`${f}min`]}
          />
          <TextField
            name={`${f}max`}
            label="Largest number allowed (optional)"
            inputMode="numeric"
            width={5}
            value={e.maxText}
            onChange={(maxText) => onChange({ ...e, maxText })}
            error={errs[`${f}max`]}
          />
        </>
      ) : null}
      {q.type !== QuestionType.text && q.type !== QuestionType.number ? (
        <SingleCheckbox
          name={`${f}preferNot`}
          legend="Prefer not to say"
          label="Offer “Prefer not to say”"
          checked={q.preferNot}
          onChange={(preferNot) => setQ({ preferNot })}
          error={errs[`${f}preferNot`]}
        />
      ) : null}

      {i > 0 ? (
        <>
          <SelectField
            name={`${f}showIf`}
            label="When to ask it"
            hint="Only an earlier choice, yes / no or scale question that is always asked can decide"
            items={earlier.filter(canDriveShowIf).map((x) => ({
              code: x.id,
              label: `Only if the answer to question ${earlier.indexOf(x) + 1} is …`,
            }))}
            blankLabel="Always"
            value={q.showIf?.question ?? ''}
            onChange={(id) => setQ({ showIf: id ? { question: id, answers: [] } : null })}
            error={errs[`${f}showIf`]}
          />
          {driver && q.showIf ? (
            <CheckboxesField
              name={`${f}showIf.answers`}
              legend={`Show this question only if the answer to question ${earlier.indexOf(driver) + 1} is`}
              items={driverChoices.map((c) => ({ code: c.code, label: c.label || c.code }))}
              values={q.showIf.answers}
              onChange={(answers) => setQ({ showIf: { question: driver.id, answers } })}
              small
            />
          ) : null}
        </>
      ) : null}

      <Details open={codeErrors || undefined}>
        <Details.Summary>Advanced{hidden(`: keys of question ${n}`)}</Details.Summary>
        <Details.Text>
          <TextField
            name={`${f}id`}
            label="Question key"
            hint="Lower-case letters, digits and _. The column name in the spreadsheet of answers; keep it when you edit."
            width={20}
            value={q.id}
            onChange={(id) => setQ({ id })}
            error={errs[`${f}id`]}
          />
          {hasChoices(q.type) && editsChoices(q.type)
            ? e.choices.map((c, j) => (
                <TextField
                  key={j}
                  name={`${f}choices.${j}.code`}
                  label={`Key of choice ${j + 1}${c.label ? ` (${c.label})` : ''}`}
                  width={20}
                  value={c.code}
                  onChange={(code) => setChoices(e.choices.map((x, k) => (k === j ? { ...x, code, auto: false } : x)))}
                  error={errs[`${f}choices.${j}.code`]}
                />
              ))
            : null}
        </Details.Text>
      </Details>

      <div className="nhsuk-button-group">
        <Button type="button" secondary small id={`${f}up`} disabled={i === 0} onClick={() => onMove(-1)}>
          Move up{hidden(` question ${n}`)}
        </Button>
        <Button type="button" secondary small id={`${f}down`} disabled={i === count - 1} onClick={() => onMove(1)}>
          Move down{hidden(` question ${n}`)}
        </Button>
        <Button type="button" warning small id={`${f}remove`} disabled={count === 1} onClick={onRemove}>
          Remove question {n}
        </Button>
      </div>
    </section>
  );
}
