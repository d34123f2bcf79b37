import type { Meta, StoryObj } from '@storybook/react-vite';
import { costOf, repairStreamingMarkdown, safeUrl, StreamingMarkdown } from '../src/ui';
import { SCENARIOS } from './mock/scenarios';

// Non-component exports of ai-stream-kit/ui, shown with their output.

const SAMPLE = SCENARIOS['code-heavy'].text;

interface Args {
  /** Cut the sample after this many characters. */
  cut: number;
}

const cell = { padding: '0.25rem 0.75rem', borderBottom: '1px solid var(--ask-border)', textAlign: 'left' as const, verticalAlign: 'top' as const };
const pre = { margin: 0, whiteSpace: 'pre-wrap' as const, fontFamily: 'var(--ask-font-mono)', fontSize: '0.8125rem', background: 'var(--ask-surface)', padding: '0.5rem', borderRadius: 'var(--ask-radius-sm)' };

function RepairDemo({ cut }: Args) {
  const text = SAMPLE.slice(0, cut);
  const tail = (s: string) => s.slice(-160);
  return (
    <div style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))' }}>
      <section>
        <h2 style={{ fontSize: '0.875rem' }}>Received (end)</h2>
        <pre style={pre}>{tail(text)}</pre>
      </section>
      <section>
        <h2 style={{ fontSize: '0.875rem' }}>repairStreamingMarkdown (end)</h2>
        <pre style={pre}>{tail(repairStreamingMarkdown(text))}</pre>
      </section>
      <section style={{ gridColumn: '1 / -1' }}>
        <h2 style={{ fontSize: '0.875rem' }}>Rendered while streaming</h2>
        <StreamingMarkdown content={text} streaming />
      </section>
    </div>
  );
}

const meta: Meta<Args> = {
  title: 'Utilities/Markdown helpers',
  args: { cut: 420 },
  argTypes: { cut: { control: { type: 'range', min: 0, max: SAMPLE.length, step: 1 } } },
};
export default meta;
type Story = StoryObj<Args>;

/** Move the slider: the unfinished end of the text is closed (fences, emphasis, links) before lexing. */
export const RepairStreamingMarkdown: Story = {
  render: (args) => <RepairDemo {...args} />,
};

const URLS = [
  'https://example.com/docs',
  'http://example.com',
  'mailto:hi@example.com',
  '/relative/path',
  '#anchor',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  ' java\tscript:alert(1)',
];

/** Which URLs survive in links and images. */
export const SafeUrl: Story = {
  argTypes: { cut: { table: { disable: true } } },
  render: () => (
    <table style={{ borderCollapse: 'collapse', fontFamily: 'var(--ask-font-mono)', fontSize: '0.875rem' }}>
      <thead>
        <tr>
          <th style={cell}>input</th>
          <th style={cell}>safeUrl(input)</th>
        </tr>
      </thead>
      <tbody>
        {URLS.map((url) => (
          <tr key={url}>
            <td style={cell}>{JSON.stringify(url)}</td>
            <td style={cell}>{JSON.stringify(safeUrl(url)) ?? 'undefined'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  ),
};

const USAGES = [
  { usage: { promptTokens: 1000, completionTokens: 500 }, price: 0.002 },
  { usage: { promptTokens: 1000, completionTokens: 500 }, price: { prompt: 0.003, completion: 0.015 } },
  { usage: { totalTokens: 20000 }, price: 0.0005 },
];

/** `costOf(usage, pricePer1k)`, which UsageMeter uses. */
export const CostOf: Story = {
  argTypes: { cut: { table: { disable: true } } },
  render: () => (
    <table style={{ borderCollapse: 'collapse', fontFamily: 'var(--ask-font-mono)', fontSize: '0.875rem' }}>
      <thead>
        <tr>
          <th style={cell}>usage</th>
          <th style={cell}>pricePer1k</th>
          <th style={cell}>costOf</th>
        </tr>
      </thead>
      <tbody>
        {USAGES.map(({ usage, price }, i) => (
          <tr key={i}>
            <td style={cell}>{JSON.stringify(usage)}</td>
            <td style={cell}>{JSON.stringify(price)}</td>
            <td style={cell}>{costOf(usage, price).toFixed(6)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  ),
};
