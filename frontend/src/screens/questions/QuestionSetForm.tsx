// The question set builder: the set's name, "what your answers will help us decide",
// its 1–15 questions (added, removed and moved with buttons) and, beside it (below it
// on a narrow screen), a live preview of the paper form.
import { useEffect, useRef, useState } from 'react';
import { Button } from 'nhsuk-react-components';
import type { QuestionSet } from '../../lib/questions';
import { MAX_QUESTIONS } from '../../lib/questions';
import type { BackendError } from '../../lib/types';
import { fieldErrorMap } from '../../lib/errors';
import { useSubmit } from '../../lib/useSubmit';
import { FormButtons } from '../../components/FormButtons';
import { FormErrorSummary } from '../../components/FormErrorSummary';
import { TextAreaField, TextField } from '../../components/fields';
import { QuestionEditor } from './QuestionEditor';
import { BuilderPreview } from './BuilderPreview';
import { editsChoices } from '../../questions/model';
import { addQuestion, editQuestionOf, setOf, type EditQuestion } from './builderState';
import './builder.scss';

interface Props {
  initial: QuestionSet;
  onSubmit: (set: QuestionSet) => Promise<unknown>;
  cancelTo: string;
  submitLabel: string;
  /** A note above the save button (e.g. that saving makes a new version). */
  saveNote?: string;
}

/** Problems the builder finds before asking Go: bounds that are not numbers. */
function checkNumbers(list: EditQuestion[]): BackendError | null {
  const fields: { field: string; message: string }[] = [];
  list.forEach((e, i) => {
    if (e.q.type !== 'number') return;
    for (const [k, v, what] of [
      ['min', e.minText, 'smallest'],
      ['max', e.maxText, 'largest'],
    ] as const) {
      if (v.trim() !== '' && !Number.isFinite(Number(v.trim()))) {
        fields.push({ field: `questions.${i}.${k}`, message: `Question ${i + 1}: enter the ${what} number as digits, like 10` });
      }
    }
  });
  return fields.length ? { code: 'invalid', message: 'Check the question set', fields } : null;
}

/** The Go field paths this form shows a field for (others are listed without a link). */
function knownFields(list: EditQuestion[]): string[] {
  const out = ['name', 'purpose', 'questions'];
  list.forEach((e, i) => {
    const f = `questions.${i}.`;
    out.push(...['id', 'type', 'text', 'help', 'required', 'faces'].map((k) => f + k));
    if (editsChoices(e.q.type)) out.push(`${f}choices`, ...e.choices.flatMap((_, j) => [`${f}choices.${j}.label`, `${f}choices.${j}.code`]));
    if (e.q.type === 'single' || e.q.type === 'multiple') out.push(`${f}other`);
    if (e.q.type !== 'text' && e.q.type !== 'number') out.push(`${f}preferNot`);
    if (e.q.type === 'ranking') out.push(`${f}pick`);
    if (e.q.type === 'number') out.push(`${f}min`, `${f}max`);
    if (i > 0) out.push(`${f}showIf`);
  });
  return out;
}

export function QuestionSetForm({ initial, onSubmit, cancelTo, submitLabel, saveNote }: Props) {
  const [name, setName] = useState(initial.name);
  const [purpose, setPurpose] = useState(initial.purpose);
  const [list, setList] = useState<EditQuestion[]>(() => (initial.questions ?? []).map((q) => editQuestionOf(q)));
  const { saving, error, submit } = useSubmit();
  const errs = fieldErrorMap(error);
  const pendingFocus = useRef<string | null>(null);
  const [, setTick] = useState(0);
  const focusNext = (id: string) => {
    pendingFocus.current = id;
    setTick((t) => t + 1);
  };
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    pendingFocus.current = null;
    document.getElementById(id)?.focus();
  });

  const set = setOf(initial, name, purpose, list);
  const save = submit(() => onSubmit(set), () => checkNumbers(list));

  const update = (i: number) => (e: EditQuestion) => setList((old) => old.map((x, k) => (k === i ? e : x)));
  const move = (i: number) => (d: -1 | 1) => {
    setList((old) => {
      const next = [...old];
      [next[i], next[i + d]] = [next[i + d], next[i]];
      return next;
    });
    const to = i + d;
    const edge = to === 0 || to === list.length - 1;
    focusNext(`questions.${to}.${edge ? (d === -1 ? 'down' : 'up') : d === -1 ? 'up' : 'down'}`);
  };
  const remove = (i: number) => () => {
    setList((old) => old.filter((_, k) => k !== i));
    focusNext(list.length === 1 ? 'add-question' : `questions.${Math.min(i, list.length - 2)}.heading`);
  };
  const add = () => {
    setList((old) => addQuestion(old));
    focusNext(`questions.${list.length}.text`);
  };

  return (
    <div className="nhsuk-grid-row question-builder">
      <div className="nhsuk-grid-column-one-half">
        <form noValidate onSubmit={save} aria-label="Question set">
          <FormErrorSummary error={error} knownFields={knownFields(list)} />
          <TextField name="name" label="Name of the question set" hint="For your team; the public see it as the form's title" value={name} onChange={setName} error={errs.name} />
          <TextAreaField
            name="purpose"
            label="What your answers will help us decide"
            hint="Shown to the public at the start of the form, for example: “Your answers will help us choose which clinic times to offer next year.”"
            value={purpose}
            onChange={setPurpose}
            error={errs.purpose}
          />
          <h2 className="nhsuk-heading-m" id="questions" tabIndex={-1}>
            Questions
          </h2>
          {errs.questions ? (
            <p className="nhsuk-error-message">
              <span className="nhsuk-u-visually-hidden">Error:</span> {errs.questions}
            </p>
          ) : null}
          <p className="nhsuk-body-s">
            From 1 to {MAX_QUESTIONS} questions. They are numbered in this order on the paper form, the kiosk and quick capture.
          </p>
          {list.map((e, i) => (
            <QuestionEditor
              key={e.uid}
              index={i}
              count={list.length}
              e={e}
              earlier={set.questions.slice(0, i)}
              errs={errs}
              onChange={update(i)}
              onMove={move(i)}
              onRemove={remove(i)}
              focusNext={focusNext}
            />
          ))}
          {list.length < MAX_QUESTIONS ? (
            <Button type="button" secondary id="add-question" onClick={add}>
              Add a question
            </Button>
          ) : (
            <p id="add-question" tabIndex={-1}>
              A set has at most {MAX_QUESTIONS} questions.
            </p>
          )}
          {saveNote ? <p className="nhsuk-body-s">{saveNote}</p> : null}
          <FormButtons label={submitLabel} saving={saving} cancelTo={cancelTo} />
        </form>
      </div>
      <div className="nhsuk-grid-column-one-half">
        <BuilderPreview set={set} />
      </div>
    </div>
  );
}
