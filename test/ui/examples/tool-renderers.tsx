import { useState } from 'react';
import type { Message } from 'ai-stream-kit';
import { MessageList, type DataPartProps, type DataRenderers, type ToolCallbacks, type ToolRendererProps } from 'ai-stream-kit/ui';

// A client tool without `execute`: the user answers `pick_date` with this form.
function DatePicker({ part, addToolResult }: ToolRendererProps) {
  const [date, setDate] = useState('');
  if (part.state !== 'input-available') return <p>Date: {String((part.output as { date?: string })?.date ?? '…')}</p>;
  return (
    <form onSubmit={(event) => (event.preventDefault(), addToolResult({ date }))}>
      <label>
        Pick a date <input type="date" value={date} onChange={(event) => setDate(event.target.value)} required />
      </label>
      <button type="submit">Use this date</button>
    </form>
  );
}

type Weather = { city: string; celsius: number };
function WeatherCard({ data }: DataPartProps<'weather', Weather>) {
  return <p className="weather-card">{data.city}: {data.celsius} °C</p>;
}

// Stable objects (module scope): messages stay memoised while a reply streams.
const toolRenderers = { pick_date: DatePicker };
const dataRenderers: DataRenderers<{ weather: Weather }> = { weather: WeatherCard };

export function Conversation({ messages, ...answers }: { messages: Message[] } & ToolCallbacks) {
  // answers: onToolResult(toolCallId, output), onApprove(toolCallId), onDeny(toolCallId, reason?)
  return <MessageList messages={messages} toolRenderers={toolRenderers} dataRenderers={dataRenderers} {...answers} />;
}
