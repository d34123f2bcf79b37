import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import type { ToolCall } from '../src';
import { ToolCallView, type ToolCallViewProps } from '../src/ui';
import { toolPart } from './mock/parts';
import { SCENARIOS } from './mock/scenarios';
import { useTimedText } from './mock/use-timed-text';

const weather = SCENARIOS['tool-call'].toolCalls![0]!;
const argsText = JSON.stringify(weather.args);

const complete: ToolCall = { id: weather.id, name: weather.name, argsText, args: weather.args, state: 'complete' };

type Args = ToolCallViewProps & { tokensPerSecond?: number };

const meta: Meta<Args> = {
  title: 'Components/ToolCallView',
  component: ToolCallView,
  args: { toolCall: complete },
  argTypes: { toolCall: { control: 'object' }, result: { control: 'object' } },
};
export default meta;
type Story = StoryObj<Args>;

/** Arguments still arriving: raw JSON text, expanded. */
export const StreamingArguments: Story = {
  args: { toolCall: { id: weather.id, name: weather.name, argsText: argsText.slice(0, 38), state: 'streaming' } },
};

/** Complete: arguments parsed and pretty-printed; collapsed by default. */
export const Complete: Story = {
  args: { defaultOpen: true },
};

export const WithResult: Story = {
  args: { defaultOpen: true, result: weather.result },
};

export const StringResult: Story = {
  args: { defaultOpen: true, result: '18 °C, partly cloudy' },
};

/** The finished arguments were not valid JSON. */
export const InvalidArguments: Story = {
  args: { defaultOpen: true, toolCall: { id: 'call_2', name: 'search_docs', argsText: '{"query": "streaming", "limit": 10', state: 'invalid' } },
};

export const Collapsed: Story = {
  args: { result: weather.result },
};

function LiveToolCall({ tokensPerSecond = 20, ...props }: Args) {
  // Argument JSON has no spaces to split on: the timed text streams it in 8-character pieces.
  const { content, streaming } = useTimedText(argsText, tokensPerSecond, { startDelay: 300 });
  const toolCall: ToolCall = streaming
    ? { id: weather.id, name: weather.name, argsText: content, state: 'streaming' }
    : complete;
  return <ToolCallView {...props} toolCall={toolCall} result={streaming ? undefined : weather.result} />;
}

/** The arguments stream in, then the call completes and its result appears. */
export const Live: Story = {
  tags: ['live'],
  args: { defaultOpen: true, tokensPerSecond: 10 },
  argTypes: {
    toolCall: { table: { disable: true } },
    result: { table: { disable: true } },
    tokensPerSecond: { name: 'pieces / s', control: { type: 'range', min: 1, max: 100 } },
  },
  render: (args) => <LiveToolCall {...args} />,
};

// ---- Tool-call parts (message.parts), one story per state of the tool-call state machine ----

/** Arguments streaming: the raw text grows; nothing is parsed per delta. */
export const StateInputStreaming: Story = {
  args: { toolCall: toolPart('input-streaming', { argsText: '{"city": "Par', args: undefined }) },
};

/** Arguments complete, waiting to run (or for the app to answer). */
export const StateInputAvailable: Story = {
  args: { toolCall: toolPart('input-available'), defaultOpen: true },
};

/** The tool needs the user's consent: Approve, or Deny with an optional reason. */
export const StateApprovalRequested: Story = {
  args: { toolCall: toolPart('approval-requested', { name: 'delete_note', args: { noteId: 42 }, argsText: '{"noteId":42}' }), onApprove: fn(), onDeny: fn() },
};

/** Running: a busy mark, and the card is aria-busy. */
export const StateRunning: Story = {
  args: { toolCall: toolPart('running') },
};

export const StateOutputAvailable: Story = {
  args: { toolCall: toolPart('output-available', { output: { tempC: 18, sky: 'partly cloudy', note: '<b>not HTML</b>' } }), defaultOpen: true },
};

export const StateOutputError: Story = {
  args: { toolCall: toolPart('output-error', { errorText: 'Weather service timed out after 10 s' }), defaultOpen: true },
};

export const StateOutputDenied: Story = {
  args: { toolCall: toolPart('output-denied', { name: 'delete_note', args: { noteId: 42 }, argsText: '{"noteId":42}', denialReason: 'I still need that note' }), defaultOpen: true },
};
