// Search snippets come from Go with matches wrapped in <mark>…</mark> and everything else
// HTML-escaped. Before they reach dangerouslySetInnerHTML this keeps only bare <mark> and
// </mark> tags and escapes every other angle bracket, so nothing else can become markup
// even if the text was not escaped.

const MARK = /<(\/?)mark>/gi;

export function sanitiseSnippet(html: string): string {
  let out = '';
  let last = 0;
  let open = 0;
  for (const m of html.matchAll(MARK)) {
    out += escapeBrackets(html.slice(last, m.index));
    if (m[1] === '/') {
      if (open > 0) {
        out += '</mark>';
        open -= 1;
      }
    } else {
      out += '<mark>';
      open += 1;
    }
    last = (m.index ?? 0) + m[0].length;
  }
  out += escapeBrackets(html.slice(last));
  while (open-- > 0) out += '</mark>';
  return out;
}

function escapeBrackets(s: string): string {
  // "&" is left alone: the text is already escaped, and an entity cannot make a tag.
  return s.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
