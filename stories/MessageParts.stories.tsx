import type { Meta, StoryObj } from '@storybook/react-vite';
import { useRef, useState } from 'react';
import { fn } from 'storybook/test';
import type { MessagePart, ToolCallPart } from '../src/core/message-parts';
import { Message, type DataPartProps, type DataRenderers, type MessageProps, type ToolRendererProps } from '../src/ui';
import { assistantMessage } from './mock/messages';
import { threeStepParts, toolPart } from './mock/parts';

const withParts = (parts: MessagePart[], status: 'streaming' | 'complete' = 'complete') =>
  assistantMessage({ parts, status, content: parts.map((p) => (p.type === 'text' ? p.text : '')).join('') });

const meta: Meta<MessageProps> = {
  title: 'Components/MessageParts',
  component: Message,
  args: { message: withParts(threeStepParts) },
  argTypes: { message: { control: 'object' }, toolRenderers: { control: false }, dataRenderers: { control: false } },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 'var(--ask-max-width)', margin: '0 auto' }}>
        <Story />
      </div>
    ),
  ],
};
export default meta;
type Story = StoryObj<MessageProps>;

/** Three steps of one reply: parallel calls, a search, the answer with its sources; thin rules between steps. */
export const ThreeStepReply: Story = {};

/** The last text part streams (caret); the finished steps above stay as they are. */
export const StreamingLastStep: Story = {
  args: {
    message: withParts([...threeStepParts.slice(0, 9), { type: 'text', text: 'Rome is **6 °C warm' }], 'streaming'),
  },
};

/** Between steps: the tool results went back, the next step has not started writing. */
export const BetweenSteps: Story = {
  args: { message: withParts([...threeStepParts.slice(0, 5), { type: 'step-start' }], 'streaming') },
};

/** Numbered citations; a source whose URL is not safe (here `javascript:`) shows as text, not as a link. */
export const Citations: Story = {
  args: {
    message: withParts([
      { type: 'text', text: 'Server-sent events reconnect on their own and resume from the last event id.' },
      { type: 'source', id: 'mdn', url: 'https://developer.mozilla.org/en-US/docs/Web/API/EventSource', title: 'EventSource — MDN' },
      { type: 'source', id: 'spec', url: 'https://html.spec.whatwg.org/multipage/server-sent-events.html', citedText: 'the user agent must … set the Last-Event-ID header' },
      { type: 'source', id: 'doc', documentIndex: 0, title: 'Team notes.pdf', citedText: 'We resume streams by event id.' },
      { type: 'source', id: 'bad', url: 'javascript:alert(1)', title: 'Not a link' },
    ]),
  },
};

function WeatherCard({ data }: DataPartProps<'weather', { city: string; tempC: number }>) {
  return (
    <div className="ask-file" style={{ borderRadius: 'var(--ask-radius-sm)' }}>
      {data.city}: {data.tempC} °C
    </div>
  );
}
const dataRenderers: DataRenderers<{ weather: { city: string; tempC: number } }> = { weather: WeatherCard };

/** Data parts through the app's `dataRenderers`; a data part nobody renders shows nothing. */
export const DataParts: Story = {
  args: {
    dataRenderers,
    message: withParts([
      { type: 'text', text: 'Here is the weather card:' },
      { type: 'data', name: 'weather', id: 'w1', data: { city: 'Lisbon', tempC: 21 } },
      { type: 'data', name: 'telemetry', data: { spanId: 'abc' } },
      { type: 'file', mediaType: 'application/pdf', url: 'https://example.com/forecast.pdf', name: 'forecast.pdf' },
    ]),
  },
};

/** A stand-in for the tool loop: answers move the call along like the core will. */
function useMockLoop(initial: ToolCallPart) {
  const [parts, setParts] = useState<MessagePart[]>([{ type: 'text', text: 'I can do that.' }, initial]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const settle = (update: Partial<ToolCallPart>, answer: string) =>
    setParts((current) => [...current.map((p) => (p.type === 'tool-call' ? { ...p, ...update } : p)), { type: 'step-start' }, { type: 'text', text: answer }]);
  return {
    parts,
    onApprove: () => {
      setParts((current) => current.map((p) => (p.type === 'tool-call' ? { ...p, state: 'running' } : p)));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => settle({ state: 'output-available', output: { deleted: true } }, 'The note is deleted.'), 800);
    },
    onDeny: (_: string, reason?: string) => settle({ state: 'output-denied', denialReason: reason }, 'All right, I left the note alone.'),
    onToolResult: (_: string, output: unknown) => settle({ state: 'output-available', output }, `Booked for ${(output as { date: string }).date}.`),
  };
}

function ApprovalFlow(props: MessageProps) {
  const loop = useMockLoop(toolPart('approval-requested', { id: 'call_delete', name: 'delete_note', args: { noteId: 42 }, argsText: '{"noteId":42}' }));
  return <Message {...props} message={withParts(loop.parts)} onApprove={loop.onApprove} onDeny={loop.onDeny} />;
}

/** Approve runs the tool (busy, then its output and the next step); Deny, with or without a reason, sends a denial. */
export const Approval: Story = {
  render: (args) => <ApprovalFlow {...args} />,
};

function DatePicker({ part, addToolResult }: ToolRendererProps) {
  const [date, setDate] = useState('2026-12-24');
  if (part.state === 'output-available') return <p className="ask-message-note">Date picked: {(part.output as { date: string }).date}</p>;
  return (
    <form
      className="ask-tool-approval"
      onSubmit={(event) => {
        event.preventDefault();
        addToolResult({ date });
      }}
    >
      <label className="ask-tool-approval-prompt" htmlFor={`${part.id}-date`}>
        Pick a date for the table
      </label>
      <input id={`${part.id}-date`} className="ask-tool-approval-reason" type="date" value={date} onChange={(event) => setDate(event.target.value)} />
      <button type="submit" className="ask-button ask-tool-approve">
        Use this date
      </button>
    </form>
  );
}
const toolRenderers = { pick_date: DatePicker };

function ClientToolFlow(props: MessageProps) {
  const loop = useMockLoop({ type: 'tool-call', id: 'call_date', name: 'pick_date', argsText: '{}', args: {}, state: 'input-available' });
  return <Message {...props} message={withParts(loop.parts)} toolRenderers={toolRenderers} onToolResult={loop.onToolResult} />;
}

/** A client tool without `execute`: the app's own component (a date picker) answers `pick_date` with `addToolResult`. */
export const ClientToolWithCustomRenderer: Story = {
  render: (args) => <ClientToolFlow {...args} />,
};

/** The callbacks a chat wires to its hook, logged in the Actions panel. */
export const ApprovalCallbacks: Story = {
  args: { message: withParts([toolPart('approval-requested', { name: 'send_email', args: { to: 'team@example.com' }, argsText: '{"to":"team@example.com"}' })]), onApprove: fn(), onDeny: fn() },
};
