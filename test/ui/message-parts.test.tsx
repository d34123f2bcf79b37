import { createElement, useState } from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { DataPart, MessagePart, SourcePart, ToolCallPart, ToolCallState } from '../../src/core/message-parts';
import type { Message as ChatMessage } from '../../src/core/types';
import type { UseChatStreamResult } from '../../src/react/use-chat-stream';
import { Chat, Message, MessageList, ToolCallView, type DataPartProps, type DataRenderers, type MessageProps, type ToolRendererProps } from '../../src/ui';

// Counts StreamingMarkdown renders by content, to prove finished text parts are skipped.
const markdownRenders = vi.hoisted(() => new Map<string, number>());
vi.mock('../../src/ui/StreamingMarkdown', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/ui/StreamingMarkdown')>();
  return {
    ...original,
    StreamingMarkdown(props: Parameters<typeof original.StreamingMarkdown>[0]) {
      markdownRenders.set(props.content, (markdownRenders.get(props.content) ?? 0) + 1);
      return createElement(original.StreamingMarkdown, props);
    },
  };
});

const reply = (parts: MessagePart[], over: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'a1',
  role: 'assistant',
  content: parts.map((p) => (p.type === 'text' ? p.text : '')).join(''),
  timestamp: 0,
  status: 'complete',
  parts,
  ...over,
});

const call = (state: ToolCallState, over: Partial<ToolCallPart> = {}): ToolCallPart => ({
  type: 'tool-call',
  id: 'call_1',
  name: 'delete_note',
  argsText: '{"id":7}',
  args: { id: 7 },
  state,
  ...over,
});

describe('Message with parts', () => {
  it('renders every kind of part in stream order; unknown data parts render nothing', async () => {
    const Weather = ({ data }: DataPartProps<'weather', { city: string }>) => <p className="weather">Sunny in {data.city}</p>;
    const renderers: DataRenderers<{ weather: { city: string } }> = { weather: Weather };
    const parts: MessagePart[] = [
      { type: 'step-start' },
      { type: 'reasoning', text: 'Look it up first.' },
      { type: 'text', text: 'Checking **now**.' },
      call('output-available', { name: 'get_weather', output: { tempC: 21 } }),
      { type: 'step-start' },
      { type: 'text', text: 'It is warm.' },
      { type: 'source', id: 's1', url: 'https://example.com/a', title: 'Example A' },
      { type: 'source', id: 's2', url: 'https://example.com/b' },
      { type: 'data', name: 'weather', data: { city: 'Paris' } },
      { type: 'data', name: 'unknown-thing', data: { x: 1 } },
      { type: 'file', mediaType: 'application/pdf', url: 'https://example.com/r.pdf', name: 'report.pdf' },
    ];
    const { container } = render(<Message message={reply(parts)} dataRenderers={renderers} />);
    await waitFor(() => expect(container.querySelector('.ask-file')).not.toBeNull()); // the file chip's code loads on first use
    const children = [...container.querySelector('.ask-message')!.children].map((el) => el.className.split(' ')[0]);
    // The first step-start separates nothing; the copy actions come after the parts.
    expect(children).toEqual(['ask-reasoning', 'ask-markdown', 'ask-tool', 'ask-step', 'ask-markdown', 'ask-sources', 'weather', 'ask-file', 'ask-message-actions']);
    expect(container.querySelectorAll('.ask-markdown')[0]!.querySelector('strong')?.textContent).toBe('now');
    expect(container.querySelector('.weather')?.textContent).toBe('Sunny in Paris');
    expect(container.querySelector('.ask-file')?.textContent).toBe('File: report.pdf PDF');
    expect(container.textContent).not.toContain('unknown-thing');
  });

  it('keeps the fixed layout for messages without parts', () => {
    const { container } = render(<Message message={reply([], { content: 'Plain **reply**', parts: undefined })} />);
    expect(container.querySelector('.ask-markdown strong')?.textContent).toBe('reply');
  });

  it('streams only the last text part, and shows a typing indicator between steps', () => {
    const parts: MessagePart[] = [{ type: 'text', text: 'Done part.' }, { type: 'text', text: 'Still writ' }];
    const { container, rerender } = render(<Message message={reply(parts, { status: 'streaming' })} />);
    const markdown = container.querySelectorAll('.ask-markdown');
    expect([...markdown].map((el) => el.hasAttribute('data-streaming'))).toEqual([false, true]);
    rerender(<Message message={reply([call('output-available'), { type: 'step-start' }], { status: 'streaming' })} />);
    expect(screen.getByRole('status').textContent).toBe('Assistant is typing');
  });
});

describe('ToolCallView for tool-call parts', () => {
  it('shows the argument text as it streams, unparsed, open', () => {
    const { container } = render(<ToolCallView toolCall={call('input-streaming', { argsText: '{"id": 7, "ti', args: undefined })} />);
    expect(container.querySelector('details')?.open).toBe(true);
    expect(container.querySelector('.ask-tool-state')?.textContent).toBe('Preparing');
    expect(container.querySelector('.ask-tool-args')?.textContent).toBe('{"id": 7, "ti');
  });

  it.each([
    ['input-available', 'Waiting'],
    ['approval-requested', 'Needs approval'],
    ['running', 'Running'],
    ['output-available', 'Done'],
    ['output-error', 'Failed'],
    ['output-denied', 'Denied'],
  ] as const)('labels the %s state "%s"', (state, label) => {
    const { container } = render(<ToolCallView toolCall={call(state)} />);
    expect(container.querySelector('.ask-tool')?.getAttribute('data-state')).toBe(state);
    expect(container.querySelector('.ask-tool-state')?.textContent).toBe(label);
    expect(container.querySelector('.ask-tool')?.getAttribute('aria-busy')).toBe(state === 'running' ? 'true' : null);
    expect(!!container.querySelector('.ask-tool-spinner')).toBe(state === 'running');
  });

  it('shows the output as JSON text, never as HTML; errors and denial reasons as text', () => {
    const { container, rerender } = render(<ToolCallView toolCall={call('output-available', { output: { html: '<img src=x onerror=alert(1)>' } })} defaultOpen />);
    expect(container.querySelector('.ask-tool-result')?.textContent).toBe('{\n  "html": "<img src=x onerror=alert(1)>"\n}');
    expect(container.querySelector('img')).toBeNull();
    rerender(<ToolCallView toolCall={call('output-error', { errorText: 'Note 7 is locked' })} defaultOpen />);
    expect(container.querySelector('.ask-tool-error')?.textContent).toBe('Note 7 is locked');
    rerender(<ToolCallView toolCall={call('output-denied', { denialReason: 'Keep it' })} defaultOpen />);
    expect(container.querySelector('.ask-tool-denial')?.textContent).toBe('Keep it');
  });

  it('offers Approve / Deny only when approval is requested and someone listens', () => {
    const { rerender } = render(<ToolCallView toolCall={call('approval-requested')} />);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    rerender(<ToolCallView toolCall={call('approval-requested')} onApprove={() => {}} />);
    expect(screen.getByRole('group', { name: 'Allow delete_note to run?' })).toBeTruthy();
    rerender(<ToolCallView toolCall={call('running')} onApprove={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });
});

describe('the tool loop from the keyboard', () => {
  it('approves with Enter on Approve, then focus stays on the card', async () => {
    const user = userEvent.setup();
    const onApprove = vi.fn();
    const onDeny = vi.fn();
    const { container } = render(<Message message={reply([call('approval-requested')])} onApprove={onApprove} onDeny={onDeny} />);
    await screen.findByRole('group', { name: 'Allow delete_note to run?' }); // the tool-call view's chunk is in
    await user.tab(); // the card's summary
    await user.tab(); // the reason field
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Reason for denying (optional)' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Approve' }));
    await user.keyboard('{Enter}');
    expect(onApprove).toHaveBeenCalledWith('call_1');
    expect(onDeny).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(container.querySelector('.ask-tool summary'));
  });

  it('denies with a typed reason (Enter in the field) or without one (Space on Deny)', async () => {
    const user = userEvent.setup();
    const onDeny = vi.fn();
    const { unmount } = render(<Message message={reply([call('approval-requested')])} onDeny={onDeny} />);
    await user.click(await screen.findByRole('textbox', { name: 'Reason for denying (optional)' }));
    await user.keyboard('  too risky {Enter}');
    expect(onDeny).toHaveBeenLastCalledWith('call_1', 'too risky');
    unmount();
    render(<Message message={reply([call('approval-requested')])} onDeny={onDeny} />);
    (await screen.findByRole('button', { name: 'Deny' })).focus();
    await user.keyboard(' ');
    expect(onDeny).toHaveBeenLastCalledWith('call_1', undefined);
    expect(onDeny).toHaveBeenCalledTimes(2);
  });

  it('a toolRenderers component answers its call through addToolResult (a date picker for pick_date)', async () => {
    const user = userEvent.setup();
    const onToolResult = vi.fn();
    function DatePicker({ part, addToolResult }: ToolRendererProps) {
      const [date, setDate] = useState('2026-12-24');
      if (part.state !== 'input-available') return <p>Picked</p>;
      return (
        <form onSubmit={(event) => (event.preventDefault(), addToolResult({ date }))}>
          <label>
            Date <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
          </label>
          <button type="submit">Use this date</button>
        </form>
      );
    }
    const toolRenderers = { pick_date: DatePicker };
    const pick = call('input-available', { id: 'call_9', name: 'pick_date', argsText: '{}', args: {} });
    const { container } = render(<MessageList messages={[reply([pick])]} toolRenderers={toolRenderers} onToolResult={onToolResult} />);
    expect(container.querySelector('.ask-tool')).toBeNull();
    await user.tab(); // the log region
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Date'));
    await user.tab();
    await user.keyboard('{Enter}');
    expect(onToolResult).toHaveBeenCalledWith('call_9', { date: '2026-12-24' });
  });

  it('Chat passes the renderers and callbacks down to its messages', async () => {
    const onApprove = vi.fn();
    const chat = {
      messages: [reply([call('approval-requested')])],
      isStreaming: true,
      error: undefined,
      usage: { totalTokens: 0 },
      input: '',
      setInput: () => {},
      retry: () => {},
      send: () => {},
      stop: () => {},
    } as unknown as UseChatStreamResult;
    render(<Chat chat={chat} onApprove={onApprove} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    expect(onApprove).toHaveBeenCalledWith('call_1');
  });
});

describe('sources', () => {
  it('numbers citations by first appearance and never turns an unsafe URL into a link', async () => {
    const sources: SourcePart[] = [
      { type: 'source', id: 'a', url: 'https://example.com/a', title: 'Safe page' },
      { type: 'source', id: 'b', url: 'javascript:alert(1)', title: 'Script' },
      { type: 'source', id: 'c', url: ' JaVa\tScRiPt:alert(1)' },
      { type: 'source', id: 'd', url: 'data:text/html,<script>alert(1)</script>', title: 'Data' },
      { type: 'source', id: 'e', title: 'Cited doc', documentIndex: 0, citedText: 'the quoted passage' },
      { type: 'source', id: 'f', documentIndex: 2 },
    ];
    const parts: MessagePart[] = [...sources, { type: 'text', text: 'More.' }, sources[0]!];
    const { container } = render(<Message message={reply(parts)} />);
    await screen.findAllByRole('list', { name: 'Sources' }); // the source list's chunk is in
    const lists = container.querySelectorAll('ol.ask-sources');
    expect(lists).toHaveLength(2);
    expect(lists[0]!.getAttribute('aria-label')).toBe('Sources');
    const items = [...lists[0]!.querySelectorAll('li')];
    expect(items.map((li) => li.value)).toEqual([1, 2, 3, 4, 5, 6]);
    // The repeated source keeps its number.
    expect(lists[1]!.querySelector('li')!.value).toBe(1);
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.com/a', 'https://example.com/a']);
    expect(container.querySelector('a')!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(items.map((li) => li.querySelector('.ask-source-title')!.textContent)).toEqual(['Safe page', 'Script', ' JaVa\tScRiPt:alert(1)', 'Data', 'Cited doc', 'Document 3']);
    expect(items[4]!.querySelector('q')?.textContent).toBe('the quoted passage');
  });
});

describe('memoisation while the last text part streams', () => {
  function streamInto(copyParts: boolean) {
    markdownRenders.clear();
    const dataRenders = vi.fn();
    const toolRenders = vi.fn();
    const Card = ({ data }: DataPartProps) => (dataRenders(), <p>{String(data)}</p>);
    const Tool = ({ part }: ToolRendererProps) => (toolRenders(), <p>{part.name}</p>);
    const dataRenderers = { card: Card };
    const toolRenderers = { lookup: Tool };
    const finished: MessagePart[] = [
      { type: 'text', text: 'First step.' },
      call('output-available', { name: 'lookup', output: 1 }),
      call('output-available', { id: 'call_2', name: 'other', output: 2 }),
      { type: 'data', name: 'card', data: 'a card' },
      { type: 'source', id: 's', url: 'https://example.com' },
      { type: 'step-start' },
    ];
    const props: Omit<MessageProps, 'message'> = { dataRenderers, toolRenderers, onApprove: () => {} };
    let text = '';
    const at = (t: string) => reply([...(copyParts ? finished.map((p) => ({ ...p })) : finished), { type: 'text', text: t }], { status: 'streaming' });
    const { rerender, container } = render(<Message message={at(text)} {...props} />);
    for (let i = 0; i < 20; i++) {
      text += `word${i} `;
      act(() => rerender(<Message message={at(text)} {...props} />));
    }
    expect(container.textContent).toContain('word19');
    return { dataRenders, toolRenders };
  }

  it.each([
    ['the same part objects', false],
    ['fresh copies of the finished parts', true],
  ])('finished parts render once (%s)', (_, copyParts) => {
    const { dataRenders, toolRenders } = streamInto(copyParts);
    expect(markdownRenders.get('First step.')).toBe(1);
    expect(dataRenders).toHaveBeenCalledTimes(1);
    expect(toolRenders).toHaveBeenCalledTimes(1);
    // The streaming part rendered on every update.
    expect(markdownRenders.get('word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12 word13 word14 word15 word16 word17 word18 word19 ')).toBe(1);
    expect([...markdownRenders.values()].reduce((a, b) => a + b, 0)).toBe(1 + 21);
  });
});

describe('types', () => {
  it('renderers typed for their payloads fit the props', () => {
    type Weather = { city: string };
    const renderers: DataRenderers<{ weather: Weather }> = { weather: ({ data }) => data.city };
    expectTypeOf(renderers).toExtend<NonNullable<MessageProps['dataRenderers']>>();
    expectTypeOf<DataPart<'weather', Weather>>().toExtend<MessagePart<{ weather: Weather }>>();
  });
});
