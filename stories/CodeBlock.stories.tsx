import type { Meta, StoryObj } from '@storybook/react-vite';
import { CodeBlock, type CodeBlockProps } from '../src/ui';
import { failingHighlighter, lazyToyHighlighter, toyHighlighter } from './mock/highlighter';
import { shikiHighlighter } from './mock/shiki';
import { useTimedText } from './mock/use-timed-text';

const TS = `import { useChatStream } from 'ai-stream-kit/react';

export function Chat() {
  const { messages, input, handleInputChange, handleSubmit } = useChatStream({ endpoint: '/api/chat' });
  return (
    <form onSubmit={handleSubmit}>
      {messages.map((m) => <p key={m.id}>{m.content}</p>)}
      <input value={input} onChange={handleInputChange} />
    </form>
  );
}`;

const PY = `import asyncio

async def stream_tokens(text: str, delay: float = 0.05):
    # Yield one word at a time, like a model would.
    for word in text.split():
        await asyncio.sleep(delay)
        yield word + " "`;

const highlighters = { shiki: shikiHighlighter, none: undefined, 'toy (sync)': toyHighlighter, 'toy (lazy, 400 ms)': lazyToyHighlighter(400), failing: failingHighlighter };
/** Args hold the option's name; Storybook maps it to the function (see argTypes.highlighter.mapping). */
const highlighterArg = (name: keyof typeof highlighters) => name as unknown as CodeBlockProps['highlighter'];

const meta: Meta<CodeBlockProps> = {
  title: 'Components/CodeBlock',
  component: CodeBlock,
  // Shiki (`ai-stream-kit/ui/shiki`), as an app opts in; pick another highlighter in Controls.
  args: { code: TS, language: 'tsx', streaming: false, highlighter: highlighterArg('shiki') },
  argTypes: {
    code: { control: 'text' },
    highlighter: { control: 'select', options: Object.keys(highlighters), mapping: highlighters },
  },
};
export default meta;
type Story = StoryObj<CodeBlockProps>;

export const TypeScript: Story = {};

export const Python: Story = {
  args: { code: PY, language: 'python' },
};

/** A highlighter of your own, loaded lazily (`createLazyHighlighter`); the code shows plain until it arrives. */
export const WithHighlighter: Story = {
  tags: ['live'],
  args: { highlighter: highlighterArg('toy (lazy, 400 ms)') },
};

/** A highlighter that throws leaves the code plain and readable. */
export const FailingHighlighter: Story = {
  args: { highlighter: highlighterArg('failing') },
};

export const NoLanguage: Story = {
  args: { code: 'plain text\n  keeps its   spacing', language: undefined, highlighter: highlighterArg('none') },
};

/** Long lines scroll inside the block (it is focusable, so keyboard users can scroll too). */
export const LongLines: Story = {
  args: {
    language: 'json',
    code: JSON.stringify({ model: 'mock-large', messages: [{ role: 'user', content: 'A very long line '.repeat(20) }], stream: true }),
  },
};

function LiveCode(props: CodeBlockProps & { tokensPerSecond?: number }) {
  const { content, streaming } = useTimedText(props.code, props.tokensPerSecond ?? 30);
  return <CodeBlock {...props} code={content} streaming={streaming} />;
}

/**
 * The code arrives token by token. With Shiki each complete line is highlighted once, the
 * line being written stays plain, and nothing flashes back to plain text.
 */
export const Streaming: Story = {
  tags: ['live'],
  args: { highlighter: highlighterArg('shiki') },
  render: (args) => <LiveCode {...args} />,
};
