import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ComponentPropsWithoutRef } from 'react';
import { StreamingMarkdown, type MarkdownComponents, type StreamingMarkdownProps } from '../src/ui';
import { katexMath, shikiHighlighter } from './mock/shiki';
import { LONG_MARKDOWN, SCENARIOS, TEXT_SCENARIO_IDS, type ScenarioId } from './mock/scenarios';
import { useTimedText } from './mock/use-timed-text';

type Args = StreamingMarkdownProps & {
  /** Streaming story: which reply to stream. */
  scenario?: ScenarioId;
  /** Streaming story: tokens appended per second. */
  tokensPerSecond?: number;
};

const meta: Meta<Args> = {
  title: 'Components/StreamingMarkdown',
  component: StreamingMarkdown,
  args: { content: SCENARIOS.short.text, streaming: false },
  argTypes: {
    content: { control: 'text' },
    highlighter: { control: false },
    components: { control: false },
    math: { control: false },
  },
};
export default meta;
type Story = StoryObj<Args>;

function StreamingDemo({ scenario = 'long-markdown', tokensPerSecond = 80, ...props }: Args) {
  const { content, streaming, restart } = useTimedText(SCENARIOS[scenario].text, tokensPerSecond, { startDelay: 300 });
  const total = SCENARIOS[scenario].text.length;
  return (
    <div style={{ maxWidth: 'var(--ask-max-width)', margin: '0 auto' }}>
      <p style={{ display: 'flex', gap: '1rem', alignItems: 'center', color: 'var(--ask-muted)', fontSize: '0.875rem' }}>
        <button type="button" className="ask-button" onClick={restart}>
          Restart
        </button>
        <span aria-live="off">
          {content.length.toLocaleString('en')} / {total.toLocaleString('en')} characters · {streaming ? 'streaming' : 'done'}
        </span>
      </p>
      <StreamingMarkdown {...props} content={content} streaming={streaming} />
    </div>
  );
}

/** Streams a scenario's reply into the component with a timer. Change the scenario and speed in Controls. */
export const Streaming: Story = {
  tags: ['live'],
  args: { scenario: 'long-markdown', tokensPerSecond: 80, highlighter: shikiHighlighter, math: katexMath },
  argTypes: {
    scenario: { control: 'select', options: TEXT_SCENARIO_IDS },
    tokensPerSecond: { name: 'tokens / s', control: { type: 'range', min: 1, max: 1000, step: 1 } },
    content: { control: false, table: { disable: true } },
    streaming: { control: false, table: { disable: true } },
  },
  render: (args) => <StreamingDemo {...args} />,
};

/** The whole ~10k character reply: headings, lists, task lists, a table, a blockquote, code in two languages. */
export const LongReply: Story = {
  args: { content: LONG_MARKDOWN },
};

const UNFINISHED = {
  'unclosed bold': 'The key point is that **streaming is not an optimisati',
  'open code fence': 'Install it first:\n\n```bash\nnpm install ai-stream-kit\nnpx ai-stream-kit ini',
  'table, header only': 'Here is the comparison:\n\n| Plan | Price | Limit |\n|---|---|---|\n',
  'link without URL': 'Read the [protocol documentation](https://example.com/docs/proto',
  'half a list': 'Steps:\n\n1. Freeze the schema\n2. Set up dual wri',
  'inline code': 'Call `stream.send(',
};

/** What the last block looks like mid-stream: the unfinished end is repaired so it never flashes raw syntax. */
export const UnfinishedSyntax: Story = {
  args: { content: 'open code fence', streaming: true },
  argTypes: {
    content: { control: 'select', options: Object.keys(UNFINISHED), mapping: UNFINISHED },
  },
};

export const CodeWithHighlighter: Story = {
  args: { content: SCENARIOS['code-heavy'].text, highlighter: shikiHighlighter },
};

export const Tables: Story = {
  args: { content: SCENARIOS.table.text },
};

function CalloutQuote(props: ComponentPropsWithoutRef<'blockquote'>) {
  return <blockquote {...props} style={{ borderLeft: '4px solid var(--ask-link)', background: 'var(--ask-surface)', padding: '0.5rem 1rem' }} />;
}
function ExternalLink(props: ComponentPropsWithoutRef<'a'>) {
  return <a {...props} target="_blank" rel="noreferrer noopener" />;
}
// Stable object (module level): a new literal every render would defeat the block memoisation.
const customComponents: MarkdownComponents = { blockquote: CalloutQuote, a: ExternalLink };

/** Element overrides through `components` (here: blockquote and links). */
export const CustomComponents: Story = {
  args: {
    content: '> **Note:** overrides receive the same props as the element they replace.\n\nSee [the docs](https://example.com) for the list of elements.',
    components: customComponents,
  },
};

/** Model output is untrusted: raw HTML shows as text, and javascript: / data: URLs are dropped. */
export const UntrustedContent: Story = {
  args: {
    content: [
      'Raw HTML stays text: <script>alert("xss")</script> <img src=x onerror=alert(1)>',
      '',
      '[A javascript: link](javascript:alert(1)) and [a data: link](data:text/html,<b>hi</b>) lose their URLs; [https](https://example.com) and [mailto](mailto:hi@example.com) keep them.',
      '',
      '![an image with a javascript: source](javascript:alert(1))',
    ].join('\n'),
  },
};

const MATH = [
  'Inline math reads like text: the roots of $ax^2 + bx + c = 0$ are \\(x = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}\\), and prices like $5 or $10 stay text.',
  '',
  '$$',
  '\\int_{-\\infty}^{\\infty} e^{-x^2}\\,dx = \\sqrt{\\pi}',
  '$$',
  '',
  '\\[',
  '\\begin{aligned} e^{i\\pi} + 1 &= 0 \\\\ \\sum_{k=1}^{n} k &= \\frac{n(n+1)}{2} \\end{aligned}',
  '\\]',
  '',
  'TeX KaTeX rejects keeps its source: $\\frac{1}{$ stays as written.',
].join('\n');

/** Math with KaTeX (`ai-stream-kit/ui/katex`, loaded with the first formula): `$…$`, `\\(…\\)`, `$$…$$`, `\\[…\\]`. */
export const Math: Story = {
  tags: ['live'],
  args: { content: MATH, math: katexMath },
};

/** While a formula is still being written its source shows; it renders once it closes (no error box mid-token). */
export const MathStreaming: Story = {
  tags: ['live'],
  args: { math: katexMath, scenario: 'short', tokensPerSecond: 40 },
  render: (args) => <MathStream {...args} />,
};

function MathStream({ tokensPerSecond = 40, ...props }: Args) {
  const { content, streaming } = useTimedText(MATH, tokensPerSecond, { startDelay: 300 });
  return <StreamingMarkdown {...props} content={content} streaming={streaming} />;
}
