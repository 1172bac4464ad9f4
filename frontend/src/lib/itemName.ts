// Accessible names (WCAG 2.4.6): a "Delete" button or a session link among many says
// which item it acts on, in visually hidden text. itemName shortens a record's text
// to a name a screen reader can read out: its first line, at most n characters.

export function itemName(text: string, n = 60): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim().replace(/\s+/g, ' ');
  return line.length > n ? `${line.slice(0, n - 1).trimEnd()}…` : line;
}
