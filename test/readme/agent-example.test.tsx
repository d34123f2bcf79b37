/** Issue 11: the README agent example — a browser tool, an approval and a tool answered by a custom renderer. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ComponentType } from 'react';
import type { MessagePart } from '../../src/core/message-parts';
import { respond, sse, startServer, type TestServer } from '../helpers/server';
import { kitReply } from '../helpers/fixtures';
import { writeExample } from './examples';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const call = (key: number, id: string, name: string, args: string) => [
  sse({ key, id, name }, { event: 'tool-call-start' }),
  sse({ key, args }, { event: 'tool-call-end' }),
];

it('the README agent runs a browser tool, waits for Approve and for the date picker, then sends every result back', async () => {
  server.reply(
    respond([
      sse({ streamId: 's1' }, { event: 'start' }),
      sse({ token: 'On it.' }, { event: 'token' }),
      ...call(0, 'call_tz', 'get_time_zone', '{}'),
      ...call(1, 'call_del', 'delete_note', '{"id":7}'),
      ...call(2, 'call_date', 'pick_date', '{}'),
      sse({ reason: 'tool_calls' }, { event: 'finish' }),
      sse({}, { event: 'done' }),
    ]),
    respond(kitReply(['Note 7 is gone; see you then.'])),
  );
  const { Agent } = (await import(/* @vite-ignore */ writeExample('ui-agent', server.url('').replace(/\/$/, '')))) as { Agent: ComponentType };
  const { container } = render(<Agent />);
  await userEvent.type(screen.getByRole('textbox'), 'Clean up and plan{Enter}');

  // The approval waits for the user; so does the date picker; the browser tool has already run.
  await userEvent.click(await screen.findByRole('button', { name: 'Approve' }));
  fireEvent.change(await screen.findByLabelText('Pick a date'), { target: { value: '2026-12-24' } });
  await waitFor(() => expect(container.textContent).toContain('Note 7 is gone; see you then.'));
  expect(screen.getByText('Picked 2026-12-24')).toBeTruthy();

  expect(server.requests).toHaveLength(2);
  const first = server.requests[0]!.body as { tools: Record<string, unknown> };
  expect(Object.keys(first.tools)).toEqual(['get_time_zone', 'delete_note', 'pick_date']);
  const second = server.requests[1]!.body as { messages: { role: string; parts?: MessagePart[] }[] };
  const calls = second.messages[1]!.parts!.filter((part) => part.type === 'tool-call');
  expect(calls.map((part) => [part.id, part.state])).toEqual([
    ['call_tz', 'output-available'],
    ['call_del', 'output-available'],
    ['call_date', 'output-available'],
  ]);
  expect(calls[0]!.output).toEqual({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  expect(calls[1]!.output).toEqual({ deleted: 7 });
  expect(calls[2]!.output).toEqual({ date: '2026-12-24' });
});
