// Tool-call, source and reasoning views come from chunks of their own: MessageParts imports each
// the first time a reply has such a part, and shows a placeholder in its place until it is in.
// MathFormula likewise, with the first formula of an app that passes a math renderer.
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { MessagePart, ToolCallPart } from '../../src/core/message-parts';
import { mathSyntax } from '../../src/ui/markdown/math-syntax';
import type { MathRenderer } from '../../src/ui/MathFormula';
import { MessageParts } from '../../src/ui/MessageParts';

// Records when each view's module is imported (the factory runs on its first import).
const loaded = vi.hoisted(() => ({ tool: false, sources: false, reasoning: false }));
vi.mock('../../src/ui/ToolCallView', async (importOriginal) => ((loaded.tool = true), importOriginal()));
vi.mock('../../src/ui/SourceList', async (importOriginal) => ((loaded.sources = true), importOriginal()));
vi.mock('../../src/ui/ReasoningView', async (importOriginal) => ((loaded.reasoning = true), importOriginal()));
const mathLoaded = vi.hoisted(() => ({ formula: false }));
vi.mock('../../src/ui/MathFormula', async (importOriginal) => ((mathLoaded.formula = true), importOriginal()));

const approval: ToolCallPart = { type: 'tool-call', id: 'call_1', name: 'delete_note', argsText: '{"id":7}', args: { id: 7 }, state: 'approval-requested' };

describe('MessageParts loads the tool-call, source and reasoning views only for replies that have them', () => {
  it('text, data, steps and custom tool renderers import none; each part type imports its own view', async () => {
    const custom = { pick_date: () => <p>date picker</p> };
    const plain: MessagePart[] = [
      { type: 'text', text: 'Plain reply.' },
      { type: 'step-start' },
      { type: 'tool-call', id: 'call_0', name: 'pick_date', argsText: '{}', args: {}, state: 'input-available' },
      { type: 'text', text: 'More.' },
    ];
    const { container, rerender } = render(<MessageParts parts={plain} toolRenderers={custom} />);
    // A toolRenderers component is the app's own code: it shows at once, without the chunk.
    expect(screen.getByText('date picker')).toBeTruthy();
    await waitFor(() => expect(container.querySelectorAll('.ask-markdown')).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loaded).toEqual({ tool: false, sources: false, reasoning: false });

    // A tool call: a placeholder with the tool's name in the card's place, out of the tab order, no buttons yet.
    rerender(<MessageParts parts={[...plain, approval]} toolRenderers={custom} onApprove={() => {}} onDeny={() => {}} />);
    const placeholder = container.querySelector('details.ask-tool');
    expect(placeholder?.querySelector('.ask-tool-name')?.textContent).toBe('delete_note');
    expect(placeholder?.getAttribute('data-state')).toBe('approval-requested');
    expect(placeholder?.querySelector('summary')?.tabIndex).toBe(-1);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(container.querySelector('[role="status"], [aria-live]')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Approve' })).toBeTruthy();
    expect(loaded.tool).toBe(true);
    expect(container.querySelectorAll('.ask-tool')).toHaveLength(1);
    expect(container.querySelector<HTMLElement>('.ask-tool summary')?.tabIndex).toBe(0);
    expect(loaded).toEqual({ tool: true, sources: false, reasoning: false });

    // Sources: numbered rows hidden from assistive technology, then the list.
    rerender(<MessageParts parts={[...plain, { type: 'source', id: 's1', url: 'https://example.com/a', title: 'A page' }]} />);
    expect(container.querySelector<HTMLLIElement>('ol.ask-sources > li')?.value).toBe(1);
    expect(screen.queryByRole('list')).toBeNull();
    expect((await screen.findByRole('list', { name: 'Sources' })).textContent).toBe('A page');
    expect(loaded.sources).toBe(true);

    // Reasoning: the folded box with its heading, then the view with the text.
    rerender(<MessageParts parts={[...plain, { type: 'reasoning', text: 'Let me think' }]} status="streaming" />);
    expect(container.querySelector('details.ask-reasoning summary')?.textContent).toBe('Thinking…');
    await waitFor(() => expect(container.querySelector('.ask-reasoning-body')?.textContent).toBe('Let me think'));
    expect(loaded.reasoning).toBe(true);
  });
});

describe('text parts load MathFormula only for a formula, with a math renderer', () => {
  it('no renderer, or no formula yet: not imported; the first formula imports it and shows its source until drawn', async () => {
    const drawn: string[] = [];
    const math: MathRenderer = { syntax: mathSyntax, render: (tex, _display, into) => void (drawn.push(tex), (into.textContent = `[${tex}]`)) };
    const text = (content: string): MessagePart[] => [{ type: 'text', text: content }];
    const { container, rerender } = render(<MessageParts parts={text('Costs $5 and $x+1$ here.')} />);
    rerender(<MessageParts parts={text('No formula, and $5 is a price.')} math={math} />);
    await waitFor(() => expect(container.querySelector('.ask-markdown')?.textContent).toBe('No formula, and $5 is a price.'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mathLoaded.formula).toBe(false);

    rerender(<MessageParts parts={text('So $x+1$.')} math={math} />);
    expect(container.querySelector('span.ask-math:not([data-rendered]) > code.ask-math-source')?.textContent).toBe('$x+1$');
    await waitFor(() => expect(container.querySelector('.ask-math[data-rendered] .ask-math-output')?.textContent).toBe('[x+1]'));
    expect(drawn).toEqual(['x+1']);
    expect(mathLoaded.formula).toBe(true);
  });
});
