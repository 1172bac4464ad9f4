// The builder's state: each question with a key React keeps across moves (uid), whether
// each choice's code still follows its words, and a number question's bounds as typed.
import type { Choice, Question, QuestionSet } from '../../lib/questions';
import { QuestionType } from '../../lib/questions';
import { editsChoices, keyFrom, newQuestion, nextQuestionId, startingChoices } from '../../questions/model';

export interface EditChoice extends Choice {
  /** The code is made from the label (a new choice whose code was not edited). */
  auto: boolean;
}
export interface EditQuestion {
  uid: string;
  q: Question;
  choices: EditChoice[];
  minText: string;
  maxText: string;
}

let uidSeq = 0;
const uid = () => `q${++uidSeq}`;

export function editQuestionOf(q: Question, fresh = false): EditQuestion {
  return {
    uid: uid(),
    q,
    choices: (q.choices ?? []).map((c) => ({ ...c, auto: fresh || c.code === '' })),
    minText: q.min === null || q.min === undefined ? '' : String(q.min),
    maxText: q.max === null || q.max === undefined ? '' : String(q.max),
  };
}

export function addQuestion(list: EditQuestion[]): EditQuestion[] {
  const id = nextQuestionId(list.map((e) => e.q.id));
  return [...list, editQuestionOf(newQuestion(id), true)];
}

/** Codes follow labels while auto: a lower-case key, unique within the question. */
export function withCodes(choices: EditChoice[]): EditChoice[] {
  const taken: string[] = [];
  const fixed = choices.filter((c) => !c.auto).map((c) => c.code);
  return choices.map((c) => {
    if (!c.auto) {
      taken.push(c.code);
      return c;
    }
    const code = c.label.trim() ? keyFrom(c.label, [...taken, ...fixed]) : '';
    taken.push(code);
    return { ...c, code };
  });
}

/** A question whose type changed: the choices the new type starts with when it needs others. */
export function changeType(e: EditQuestion, type: string): EditQuestion {
  const q: Question = {
    ...e.q,
    type,
    other: type === QuestionType.single || type === QuestionType.multiple ? e.q.other : false,
    faces: type === QuestionType.scale ? e.q.faces : false,
    pick: type === QuestionType.ranking ? Math.max(1, e.q.pick || 1) : 0,
  };
  let choices = e.choices;
  const had = editsChoices(e.q.type) && e.choices.some((c) => c.label.trim());
  if (type === QuestionType.yesNo || type === QuestionType.text || type === QuestionType.number) {
    choices = startingChoices(type).map((c) => ({ ...c, auto: false }));
  } else if (type === QuestionType.scale && !(e.q.type === QuestionType.scale)) {
    choices = startingChoices(type).map((c) => ({ ...c, auto: true }));
  } else if (!had) {
    choices = startingChoices(type).map((c) => ({ ...c, auto: true }));
  }
  return { ...e, q, choices };
}

/** The set the builder shows: its questions as edited (bounds parsed; NaN stays for the check). */
export function setOf(base: QuestionSet, name: string, purpose: string, list: EditQuestion[]): QuestionSet {
  return {
    ...base,
    name,
    purpose,
    questions: list.map((e) => {
      const num = (s: string) => (s.trim() === '' ? null : Number(s.trim()));
      const isNum = e.q.type === QuestionType.number;
      return {
        ...e.q,
        choices: e.choices.map(({ code, label }) => ({ code, label })),
        faces: e.q.type === QuestionType.scale && e.choices.length === 5 ? e.q.faces : false,
        min: isNum ? num(e.minText) : null,
        max: isNum ? num(e.maxText) : null,
      };
    }),
  };
}
