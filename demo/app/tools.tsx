import { useId, useState, type FormEvent } from 'react';
import type { ClientTools } from '../../src/core/index';
import type { ToolRendererProps, ToolRenderers } from '../../src/ui/index';

const noArguments = { type: 'object', properties: {} };

/**
 * The page's tools. The model (the demo model's /time, /delete, /date, /plan, or a real one)
 * calls them; the page runs them and the client sends the results back for the next step.
 */
export const demoTools: ClientTools = {
  get_time_zone: {
    description: "The user's time zone and local time, read from their browser.",
    parameters: noArguments,
    // Runs here, in the browser: the server never sees the user's clock.
    execute: () => {
      const now = new Date();
      return {
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        localTime: now.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }),
        utcOffsetMinutes: -now.getTimezoneOffset(),
      };
    },
  },
  delete_note: {
    description: "Deletes one of the user's notes. The user must approve it.",
    parameters: { type: 'object', properties: { id: { type: 'number' }, title: { type: 'string' } }, required: ['id'] },
    needsApproval: true,
    // A pretend notebook: nothing is stored, the approval is the point.
    execute: ({ id, title }: { id: number; title?: string }) => ({ deleted: id, title: title ?? null }),
  },
  pick_date: {
    description: 'Asks the user to pick a day (answered by a date picker in the reply).',
    parameters: { type: 'object', properties: { purpose: { type: 'string', description: 'What the day is for' } } },
    // No execute: the date picker below answers it.
  },
};

/** Today in the browser's own calendar, as `YYYY-MM-DD` (what `<input type="date">` takes). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `pick_date` as its own UI in the reply: a date field and a button that answers the call. */
function DatePicker({ part, addToolResult }: ToolRendererProps) {
  const id = useId();
  const [date, setDate] = useState(today);
  const purpose = typeof (part.args as { purpose?: unknown } | undefined)?.purpose === 'string' ? (part.args as { purpose: string }).purpose : 'the plan';
  if (part.state === 'output-available') {
    const picked = (part.output as { date?: unknown } | undefined)?.date;
    return <p className="demo-date-picked">Picked {typeof picked === 'string' ? picked : 'a date'} for {purpose}.</p>;
  }
  if (part.state === 'input-streaming') return <p className="demo-date-picked">Preparing a date picker…</p>;
  if (part.state !== 'input-available' && part.state !== 'running') return <p className="demo-date-picked">No date picked.</p>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (date) addToolResult({ date });
  };
  return (
    <form className="demo-date-picker" onSubmit={submit}>
      <label htmlFor={id}>Day for {purpose}</label>
      <input id={id} type="date" value={date} required onChange={(event) => setDate(event.target.value)} />
      <button type="submit">Use this day</button>
    </form>
  );
}

export const demoToolRenderers: ToolRenderers = { pick_date: DatePicker };
