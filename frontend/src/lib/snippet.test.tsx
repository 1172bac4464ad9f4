import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { sanitiseSnippet } from './snippet';
import { Snippet } from '../screens/SearchScreen';

describe('sanitiseSnippet', () => {
  it('keeps <mark> and the entities Go made', () => {
    expect(sanitiseSnippet('the &lt;b&gt; <mark>wait</mark> was long')).toBe('the &lt;b&gt; <mark>wait</mark> was long');
  });

  it('escapes any other tag, even if Go had not', () => {
    expect(sanitiseSnippet('<script>alert(1)</script> <mark>x</mark>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>');
    expect(sanitiseSnippet('<mark onclick="x()">a</mark>')).toBe('&lt;mark onclick=&quot;x()&quot;&gt;a');
    expect(sanitiseSnippet('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('balances marks', () => {
    expect(sanitiseSnippet('</mark>a<mark>b')).toBe('a<mark>b</mark>');
  });
});

describe('Snippet', () => {
  it('renders highlights, and a script in the text as text', () => {
    const { container } = render(
      <Snippet html={'They said &lt;script&gt;alert(1)&lt;/script&gt; and <script>window.hacked=1</script> the <mark>parking</mark> is bad'} />,
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelectorAll('mark')).toHaveLength(1);
    expect(container.querySelector('mark')?.textContent).toBe('parking');
    expect(container.textContent).toContain('<script>alert(1)</script>');
    expect(container.textContent).toContain('<script>window.hacked=1</script>');
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
  });
});
