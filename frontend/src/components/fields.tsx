// Form parts over NHS.UK components, driven by reference data. Every input's id is the
// JSON name of the field it edits (the first item of a radio/checkbox group gets that id),
// so an error from Go ({field: "date"}) links to `#date` in the error summary.
import type { ReactNode } from 'react';
import { Checkboxes, Radios, Select, TextInput, Textarea } from 'nhsuk-react-components';
import type { RefItem } from '../lib/types';

export const itemId = (name: string, index: number) => (index === 0 ? name : `${name}-${index + 1}`);

/** What a group of radios or checkboxes shares: its name, legend (size s unless given), hint and error. */
interface GroupBaseProps {
  name: string;
  legend: string;
  error?: string;
  hint?: string;
  legendSize?: 's' | 'm';
}

/** The attributes a radio or checkbox group sets first; the fieldset's id is `<name>-group`. */
const groupBase = (p: GroupBaseProps) => ({
  name: p.name,
  id: `${p.name}-group`,
  legend: p.legend,
  legendProps: { size: p.legendSize ?? ('s' as const) },
  hint: p.hint,
  error: p.error,
});

interface RadiosFieldProps extends GroupBaseProps {
  items: RefItem[];
  value: string;
  onChange: (code: string) => void;
  inline?: boolean;
  small?: boolean;
  /** An extra last option (after an "or" divider) for "no answer", value "". */
  noneLabel?: string;
}

export function RadiosField(p: RadiosFieldProps) {
  const items = p.noneLabel ? [...p.items, { code: '', label: p.noneLabel }] : p.items;
  return (
    <Radios
      {...groupBase(p)}
      inline={p.inline}
      small={p.small}
    >
      {items.map((item, i) => [
        p.noneLabel && i === items.length - 1 && items.length > 1 ? <Radios.Divider key="divider">or</Radios.Divider> : null,
        <Radios.Item
          key={item.code || '__none'}
          id={itemId(p.name, i)}
          value={item.code}
          checked={p.value === item.code}
          onChange={() => p.onChange(item.code)}
          hint={item.hint}
        >
          {item.label}
        </Radios.Item>,
      ])}
    </Radios>
  );
}

interface CheckboxesFieldProps extends GroupBaseProps {
  items: RefItem[];
  values: string[];
  onChange: (codes: string[]) => void;
  small?: boolean;
  /** Extra content after each label (e.g. a keyboard shortcut). */
  renderAfter?: (item: RefItem, index: number) => ReactNode;
  itemProps?: (item: RefItem, index: number) => Record<string, string | undefined>;
}

export function toggle(values: string[], code: string): string[] {
  return values.includes(code) ? values.filter((v) => v !== code) : [...values, code];
}

export function CheckboxesField(p: CheckboxesFieldProps) {
  return (
    <Checkboxes {...groupBase(p)} small={p.small}>
      {p.items.map((item, i) => (
        <Checkboxes.Item
          key={item.code}
          id={itemId(p.name, i)}
          value={item.code}
          checked={p.values.includes(item.code)}
          onChange={() => p.onChange(toggle(p.values, item.code))}
          hint={item.hint}
          {...(p.itemProps ? p.itemProps(item, i) : {})}
        >
          {item.label}
          {p.renderAfter ? p.renderAfter(item, i) : null}
        </Checkboxes.Item>
      ))}
    </Checkboxes>
  );
}

interface SingleCheckboxProps extends Omit<GroupBaseProps, 'legendSize'> {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}

/** One yes/no checkbox in its own fieldset (so an error can sit beside it). */
export function SingleCheckbox(p: SingleCheckboxProps) {
  return (
    <Checkboxes {...groupBase(p)} small>
      <Checkboxes.Item id={p.name} value="yes" checked={p.checked} onChange={(e) => p.onChange(e.currentTarget.checked)}>
        {p.label}
      </Checkboxes.Item>
    </Checkboxes>
  );
}

/** What a text box, a text area and a select share: their name (also their id), label, hint, error and value. */
interface FieldBaseProps {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
}

/** The attributes a text box, a text area and a select share, before their own. */
const fieldBase = (p: FieldBaseProps) => ({
  id: p.name,
  name: p.name,
  label: p.label,
  labelProps: { size: 's' as const },
  hint: p.hint,
  error: p.error,
});

interface SelectFieldProps extends FieldBaseProps {
  items: RefItem[];
  /** Label of the blank first option ("" value); omit for no blank option. */
  blankLabel?: string;
  /** Group options by RefItem.group (e.g. boroughs by ICS). */
  groupLabels?: Record<string, string>;
}

export function SelectField(p: SelectFieldProps) {
  const options = (items: RefItem[]) =>
    items.map((i) => (
      <option key={i.code} value={i.code}>
        {i.label}
      </option>
    ));
  let body: ReactNode;
  if (p.groupLabels) {
    const groups: string[] = [];
    for (const i of p.items) if (!groups.includes(i.group ?? '')) groups.push(i.group ?? '');
    body = groups.map((g) => {
      const list = p.items.filter((i) => (i.group ?? '') === g);
      const label = p.groupLabels?.[g];
      return label ? (
        <optgroup key={g} label={label}>
          {options(list)}
        </optgroup>
      ) : (
        options(list)
      );
    });
  } else {
    body = options(p.items);
  }
  const known = p.value === '' || p.items.some((i) => i.code === p.value);
  return (
    <Select {...fieldBase(p)} value={p.value} onChange={(e) => p.onChange(e.currentTarget.value)}>
      {p.blankLabel !== undefined || !known ? <option value="">{p.blankLabel ?? ''}</option> : null}
      {!known && p.value ? <option value={p.value}>{p.value}</option> : null}
      {body}
    </Select>
  );
}

interface TextFieldProps extends FieldBaseProps {
  /** No 'date': dates use DateField (the NHS.UK date input). */
  type?: 'text' | 'time' | 'number';
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  inputMode?: 'numeric' | 'text';
  autoComplete?: string;
}

export function TextField(p: TextFieldProps) {
  return (
    <TextInput
      {...fieldBase(p)}
      type={p.type ?? 'text'}
      width={p.width}
      inputMode={p.inputMode}
      autoComplete={p.autoComplete ?? 'off'}
      spellCheck={p.type === 'text' || p.type === undefined ? true : undefined}
      value={p.value}
      onChange={(e) => p.onChange(e.currentTarget.value)}
    />
  );
}

interface TextAreaFieldProps extends FieldBaseProps {
  rows?: number;
}

export function TextAreaField(p: TextAreaFieldProps) {
  return <Textarea {...fieldBase(p)} rows={p.rows ?? 3} value={p.value} onChange={(e) => p.onChange(e.currentTarget.value)} />;
}
