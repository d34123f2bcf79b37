import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import type { ComponentProps } from 'react';
import { Message, StreamingMarkdown } from '../../src/ui';

const md = (content: string, streaming = false) => render(<StreamingMarkdown content={content} streaming={streaming} />).container;

describe('StreamingMarkdown: GFM', () => {
  it('renders headings of every depth and setext headings', () => {
    const el = md('# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six\n\nSetext\n======\n\nSub\n---');
    expect([...el.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => `${h.tagName}:${h.textContent}`)).toEqual([
      'H1:One', 'H2:Two', 'H3:Three', 'H4:Four', 'H5:Five', 'H6:Six', 'H1:Setext', 'H2:Sub',
    ]);
  });

  it('renders emphasis, strong, strikethrough and inline code', () => {
    const el = md('*em* _em2_ **strong** __strong2__ ~~gone~~ `a < b`');
    expect(el.querySelectorAll('em')).toHaveLength(2);
    expect(el.querySelectorAll('strong')).toHaveLength(2);
    expect(el.querySelector('del')?.textContent).toBe('gone');
    expect(el.querySelector('code')?.textContent).toBe('a < b');
  });

  it('renders bullet, ordered (with start) and nested lists', () => {
    const el = md('- a\n- b\n  - nested\n\n3. three\n4. four');
    expect(el.querySelectorAll('ul > li')).toHaveLength(3);
    expect(el.querySelector('ul ul > li')?.textContent).toBe('nested');
    const ol = el.querySelector('ol')!;
    expect(ol.getAttribute('start')).toBe('3');
    expect(ol.querySelectorAll('li')).toHaveLength(2);
  });

  it('renders task lists with disabled, labelled checkboxes', () => {
    const el = md('- [x] done\n- [ ] todo');
    const boxes = el.querySelectorAll<HTMLInputElement>('input[type=checkbox]');
    expect(boxes).toHaveLength(2);
    expect(boxes[0]!.checked).toBe(true);
    expect(boxes[1]!.checked).toBe(false);
    expect(boxes[0]!.disabled).toBe(true);
    expect(boxes[0]!.getAttribute('aria-label')).toBe('Done');
    expect(el.querySelectorAll('li')[1]!.textContent).toBe('todo');
  });

  it('renders tables with header, body and alignment', () => {
    const el = md('| Name | Age | City |\n|:--|--:|:-:|\n| Ada | 36 | London |\n| Alan | 41 | Wilmslow |');
    expect([...el.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Name', 'Age', 'City']);
    expect(el.querySelectorAll('tbody tr')).toHaveLength(2);
    const cells = el.querySelectorAll<HTMLElement>('tbody tr:first-child td');
    expect([...cells].map((td) => td.style.textAlign)).toEqual(['left', 'right', 'center']);
  });

  it('renders blockquotes, rules, line breaks and images', () => {
    const el = render(<StreamingMarkdown images="allow" content={'> quoted *text*\n\n---\n\nline one  \nline two\n\n![alt text](https://example.com/a.png "Title")'} />).container;
    expect(el.querySelector('blockquote em')?.textContent).toBe('text');
    expect(el.querySelector('hr')).not.toBeNull();
    expect(el.querySelector('br')).not.toBeNull();
    const img = el.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('https://example.com/a.png');
    expect(img.getAttribute('alt')).toBe('alt text');
    expect(img.getAttribute('title')).toBe('Title');
  });

  it('renders fenced code as a CodeBlock with its language, and indented code', () => {
    const el = md('```python\nprint("hi")\n```\n\n    indented\n');
    const blocks = el.querySelectorAll('.ask-code');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]!.querySelector('.ask-code-language')?.textContent).toBe('python');
    expect(blocks[0]!.querySelector('code')?.textContent).toBe('print("hi")');
    expect(blocks[0]!.querySelector('code')?.className).toBe('language-python');
    expect(blocks[1]!.querySelector('code')?.textContent).toBe('indented');
  });

  it('renders links with target=_blank and rel=noopener noreferrer, and GFM autolinks', () => {
    const el = md('[site](https://example.com "Example") www.example.org https://example.net <mailto:me@example.com> me@example.com');
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com', 'http://www.example.org', 'https://example.net', 'mailto:me@example.com', 'mailto:me@example.com',
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(links[0]!.getAttribute('title')).toBe('Example');
  });

  it('resolves reference links and decodes character references in text', () => {
    const el = md('See [the docs][d].\n\n[d]: https://example.com/docs\n\nFish &amp; chips &copy; &#169; &#x41; &unknown;');
    expect(el.querySelector('a')?.getAttribute('href')).toBe('https://example.com/docs');
    expect(el.textContent).toContain('Fish & chips © © A &unknown;');
  });

  it('sets dir="auto" on the root and on text blocks', () => {
    const el = md('# שלום\n\nمرحبا\n\n- item');
    expect(el.querySelector('.ask-markdown')?.getAttribute('dir')).toBe('auto');
    for (const tag of ['h1', 'p', 'li']) expect(el.querySelector(tag)?.getAttribute('dir')).toBe('auto');
  });
});

describe('StreamingMarkdown: raw HTML is text', () => {
  it.each([
    ['<script>alert(1)</script>', 'script'],
    ['<img src=x onerror="alert(1)">', 'img'],
    ['Hello <b onclick="alert(1)">bold</b> world', 'b'],
    ['<div>\n*not markdown*\n</div>', 'div div'],
    ['<svg><script>alert(1)</script></svg>', 'svg'],
    ['<iframe src="javascript:alert(1)"></iframe>', 'iframe'],
  ])('%s', (source, selector) => {
    const el = md(source);
    expect(el.querySelector(`.ask-markdown ${selector}`)).toBeNull();
    expect(el.querySelector('[onerror],[onclick]')).toBeNull();
    // The markup shows as written.
    expect(el.textContent).toContain(source.split('\n')[0]!.slice(0, 8));
  });
});

describe('StreamingMarkdown: URL filtering', () => {
  const blocked = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java&#x09;script:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    '&#0000106;avascript:alert(1)',
    'javascript&colon;alert(1)',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'file:///etc/passwd',
    '\u0001javascript:alert(1)',
    'javas\u200bcript:alert(1)',
    '<javascript:alert(1)>',
  ];

  it.each(blocked)('link to %j renders as its text', (url) => {
    const el = md(`[click me](${url})`);
    expect(el.querySelector('a')).toBeNull();
    expect(el.textContent).toContain('click me');
  });

  it.each(blocked)('image from %j renders as its alt text', (url) => {
    const el = md(`![the alt](${url})`);
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toContain('the alt');
  });

  describe('images policy', () => {
    const img = (content: string, images?: ComponentProps<typeof StreamingMarkdown>['images']) =>
      render(<StreamingMarkdown content={content} images={images} />).container;

    it('by default loads only same-origin images; others become a link that loads nothing', () => {
      expect(location.origin).toBe('http://localhost:3000');
      const el = img('![ours](/a.png) ![rel](b/c.png) ![abs](http://localhost:3000/d.png) ![theirs](https://evil.example/leak?q=secret "T")');
      expect([...el.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual(['/a.png', 'b/c.png', 'http://localhost:3000/d.png']);
      const link = el.querySelector('a.ask-md-image-link')!;
      expect(link.getAttribute('href')).toBe('https://evil.example/leak?q=secret');
      expect(link.textContent).toBe('theirs');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    });

    it.each(['//evil.example/x.png', '/\\evil.example/x.png', 'HTTPS://evil.example/x.png', 'https:evil.example/x.png', ' //evil.example/x.png'])(
      '%j is another origin, not a relative path',
      (url) => {
        const el = img(`![alt](${url})`);
        expect(el.querySelector('img')).toBeNull();
        expect(el.textContent).toContain('alt');
      },
    );

    it("'allow' loads any http(s) image, 'block' none, a prefix list only matching URLs", () => {
      const content = '![a](https://img.example.com/ok.png) ![b](https://img.example.com.evil.example/x.png) ![c](/local.png) ![d](https://cdn.example.org/pics/x.png)';
      const srcs = (el: HTMLElement) => [...el.querySelectorAll('img')].map((i) => i.getAttribute('src'));
      expect(srcs(img(content, 'allow'))).toHaveLength(4);
      expect(srcs(img(content, 'block'))).toEqual([]);
      expect(img(content, 'block').querySelectorAll('a.ask-md-image-link')).toHaveLength(4);
      expect(srcs(img(content, ['https://img.example.com', 'https://cdn.example.org/pics/']))).toEqual([
        'https://img.example.com/ok.png',
        'https://cdn.example.org/pics/x.png',
      ]);
    });

    it('a refused image inside a link shows its alt text, not a nested link', () => {
      const el = img('[![badge](https://evil.example/b.svg)](https://example.com/project)');
      expect(el.querySelectorAll('a')).toHaveLength(1);
      expect(el.querySelector('a')!.textContent).toBe('badge');
    });

    it('reaches StreamingMarkdown through Message', () => {
      const message = { id: 'm', role: 'assistant' as const, content: '![x](https://img.example.com/x.png)', status: 'complete' as const, timestamp: 0 };
      const withPolicy = render(<Message message={message} images={['https://img.example.com/']} />).container;
      expect(withPolicy.querySelector('img')?.getAttribute('src')).toBe('https://img.example.com/x.png');
      expect(render(<Message message={message} />).container.querySelector('img')).toBeNull();
    });
  });

  it('blocks dangerous autolinks and reference definitions', () => {
    const el = md('<javascript:alert(1)> <vbscript:x> [ref][bad]\n\n[bad]: javascript:alert(1)');
    expect(el.querySelector('a')).toBeNull();
  });

  it.each(['https://example.com/a?b=c#d', 'http://example.com', 'mailto:someone@example.com', '/relative/path', './page', '../up', '#anchor', '?q=1', 'page.html'])(
    'keeps %j',
    (url) => {
      const el = md(`[ok](${url})`);
      expect(el.querySelector('a')?.getAttribute('href')).toBe(url);
    },
  );

  it('never lets a dangerous scheme reach an href or src attribute', () => {
    const el = md(blocked.map((url, i) => `[l${i}](${url}) ![i${i}](${url})`).join('\n\n'));
    for (const node of el.querySelectorAll('[href],[src]')) {
      const value = (node.getAttribute('href') ?? node.getAttribute('src'))!.replace(/[\s\p{Cc}]/gu, '').toLowerCase();
      expect(value).not.toMatch(/^(javascript|vbscript|data|file):/);
    }
  });
});

describe('StreamingMarkdown: unfinished markdown while streaming', () => {
  it('closes half-written bold, italic, strikethrough and inline code', () => {
    for (const [source, tag] of [['Some **bold te', 'strong'], ['Some *ital', 'em'], ['Some ~~str', 'del'], ['Some `co', 'code']] as const) {
      const el = md(source, true);
      expect(el.querySelector(tag), source).not.toBeNull();
      expect(el.textContent, source).not.toMatch(/[*~`]/);
    }
  });

  it('shows an open code fence as a code block, not backticks', () => {
    const el = md('Here:\n\n```js\nconst a = 1;\nconst b', true);
    expect(el.querySelector('.ask-code code')?.textContent).toBe('const a = 1;\nconst b');
    expect(el.textContent).not.toContain('```');
  });

  it('hides a fence that is still being typed', () => {
    expect(md('Here:\n\n``', true).textContent).not.toContain('`');
  });

  it('shows a half-written link as its text, without raw syntax', () => {
    for (const source of ['See [the docs](https://exa', 'See [the docs', 'See [the docs]']) {
      const el = md(source, true);
      expect(el.textContent, source).toContain('the docs');
      expect(el.textContent, source).not.toMatch(/[[\]()]/);
      expect(el.querySelector('a'), source).toBeNull();
    }
  });

  it('does not show a half-written image', () => {
    const el = md('Look: ![diag](https://example.com/d', true);
    expect(el.textContent).not.toMatch(/[![\]()]/);
    expect(el.querySelector('img')).toBeNull();
  });

  it('renders a table whose head is still arriving as a table', () => {
    for (const source of ['| Name | Age |', '| Name | Age |\n|--', '| Name | Age |\n|---|---|\n| Ada | 3']) {
      const el = md(source, true);
      expect(el.querySelector('table'), source).not.toBeNull();
      expect(el.textContent, source).not.toContain('|');
    }
  });

  it('renders the finished text exactly as markdown once streaming ends', () => {
    const view = render(<StreamingMarkdown content={'a **b'} streaming />);
    expect(view.container.querySelector('strong')).not.toBeNull();
    view.rerender(<StreamingMarkdown content={'a **b'} streaming={false} />);
    expect(view.container.querySelector('strong')).toBeNull();
    expect(view.container.textContent).toBe('a **b');
  });

  it('marks the root while streaming (for the caret)', () => {
    expect(md('text', true).querySelector('.ask-markdown')?.hasAttribute('data-streaming')).toBe(true);
    expect(md('text').querySelector('.ask-markdown')?.hasAttribute('data-streaming')).toBe(false);
  });
});

describe('StreamingMarkdown: a whole reply streamed token by token', () => {
  it.each([1, 9, 23])('never shows raw emphasis, fence, link or table syntax at any step (seed %i)', { timeout: 60_000 }, async (seed) => {
    const { sampleReply, trickyReply, tokenize } = await import('./fixtures');
    const view = render(<StreamingMarkdown content="" streaming />);
    let text = '';
    const leaks: string[] = [];
    for (const chunk of tokenize(trickyReply + sampleReply, seed)) {
      text += chunk;
      view.rerender(<StreamingMarkdown content={text} streaming />);
      const root = view.container.querySelector('.ask-markdown')!.cloneNode(true) as HTMLElement;
      for (const code of root.querySelectorAll('pre, code')) code.remove();
      const shown = root.textContent ?? '';
      for (const syntax of ['**', '__', '```', '](', '~~', '![']) if (shown.includes(syntax)) leaks.push(`${JSON.stringify(text.slice(-30))} shows ${syntax}`);
      for (const p of root.querySelectorAll('p')) if (p.textContent!.trimStart().startsWith('|')) leaks.push(`${JSON.stringify(text.slice(-30))} shows a table row`);
    }
    expect(leaks).toEqual([]);
  });
});

describe('StreamingMarkdown: component behaviour', () => {
  it('gives custom components filtered URLs only', () => {
    const seen: (string | undefined)[] = [];
    const components = {
      a: (props: { href?: string; children?: React.ReactNode }) => {
        seen.push(props.href);
        return <a href={props.href}>{props.children}</a>;
      },
    };
    render(<StreamingMarkdown content={'[a](https://ok.example) [b](javascript:alert(1))'} components={components} />);
    expect(seen).toEqual(['https://ok.example']);
  });

  it('streams the same way under StrictMode and starts over when the content is replaced', async () => {
    const { StrictMode } = await import('react');
    const { sampleReply, tokenize } = await import('./fixtures');
    const view = render(<StrictMode><StreamingMarkdown content="" streaming /></StrictMode>);
    let text = '';
    for (const chunk of tokenize(sampleReply, 4)) {
      text += chunk;
      view.rerender(<StrictMode><StreamingMarkdown content={text} streaming /></StrictMode>);
    }
    view.rerender(<StrictMode><StreamingMarkdown content={text} /></StrictMode>);
    const streamed = view.container.innerHTML;
    const fresh = render(<StreamingMarkdown content={sampleReply} />).container.innerHTML;
    expect(streamed).toBe(fresh);
    // A retry that restarts the reply replaces the text.
    view.rerender(<StrictMode><StreamingMarkdown content={'Another **answer**'} /></StrictMode>);
    expect(view.container.textContent).toBe('Another answer');
  });
});
