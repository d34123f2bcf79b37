import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo } from 'react';
import { IncrementalLexer, MarkdownBlock, defaultLabels, type MarkdownBlockProps, type RenderContext } from '../src/ui';
import { SCENARIOS } from './mock/scenarios';

type Args = Pick<MarkdownBlockProps, 'streaming'> & { markdown: string };

const ctx: RenderContext = { components: {}, highlighter: undefined, labels: defaultLabels };

/** The building block of StreamingMarkdown: one top-level marked token, rendered as React elements. */
function Blocks({ markdown, streaming }: Args) {
  const { finished, open } = useMemo(() => new IncrementalLexer().update(markdown, !!streaming), [markdown, streaming]);
  const blocks = [...finished.map((block) => ({ block, open: false })), ...open.map((block) => ({ block, open: true }))];
  return (
    <div style={{ maxWidth: 'var(--ask-max-width)', margin: '0 auto', display: 'grid', gap: '0.75rem' }}>
      {blocks.map(({ block, open: isOpen }) => (
        <section key={block.offset} style={{ border: '1px dashed var(--ask-border)', borderRadius: 'var(--ask-radius-sm)', padding: '0.5rem 0.75rem' }}>
          <p style={{ margin: '0 0 0.25rem', fontSize: '0.75rem', color: 'var(--ask-muted)', fontFamily: 'var(--ask-font-mono)' }}>
            {block.token.type} @ {block.offset} · {isOpen ? 'open' : 'finished'}
          </p>
          <div className="ask-markdown">
            <MarkdownBlock token={block.token} ctx={ctx} streaming={isOpen && !!streaming} />
          </div>
        </section>
      ))}
    </div>
  );
}

const meta: Meta<Args> = {
  title: 'Components/MarkdownBlock',
  // Args are the markdown to lex, not MarkdownBlock's own props (a token and a render context).
  args: { markdown: SCENARIOS.table.text, streaming: false },
  argTypes: { markdown: { control: 'text' } },
  render: (args) => <Blocks {...args} />,
};
export default meta;
type Story = StoryObj<Args>;

/** Each top-level block in a dashed box, labelled with its token type and offset (the lexer's output). */
export const LexedBlocks: Story = {};

/** With `streaming`, the last blocks are "open": re-lexed on every update and repaired at the end. */
export const OpenBlocks: Story = {
  args: { markdown: 'A paragraph.\n\n- one\n- two\n\n```ts\nconst unfinished = {', streaming: true },
};
