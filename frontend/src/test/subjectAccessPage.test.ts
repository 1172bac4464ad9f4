// The subject access page (app/subjectaccess, written by "Everything about this
// person", `involve subject-access` and `involve-server subject-access`) is a whole
// HTML document read outside Involve: axe runs on it as a document (language, title,
// one h1, landmarks, tables with headers). app/subjectaccess's TestGoldenPage keeps
// testdata/example.html the page the Go code writes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';

const page = readFileSync(resolve(__dirname, '../../../app/subjectaccess/testdata/example.html'), 'utf8');

describe('subject access page', () => {
  it('is axe clean as a whole document, with every rule but colour contrast (no layout in jsdom)', async () => {
    document.open();
    document.write(page);
    document.close();
    expect(document.documentElement.lang).toBe('en-GB');
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    for (const t of document.querySelectorAll('table')) {
      expect(t.querySelector('caption')).not.toBeNull();
      expect(t.querySelectorAll('th[scope]').length).toBeGreaterThan(0);
    }
    expect(document.querySelectorAll('script, link, img, iframe, [src], [href]')).toHaveLength(0);
    const result = await axe.run(document, {
      rules: { 'color-contrast': { enabled: false } },
      resultTypes: ['violations'],
    });
    expect(result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000); // axe over a whole document is slow on a busy machine
});
