/** docs/messages.md "Rendering parts": its example is the file it names, and it works. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fireEvent, render, screen } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import type { Message } from '../../src/core/types';
import { Conversation } from './examples/tool-renderers';

// jsdom's URL cannot name files: paths from this file's location.
const here = dirname(fileURLToPath(import.meta.url));

it('docs/messages.md shows exactly the example file', () => {
  const doc = readFileSync(join(here, '../../docs/messages.md'), 'utf8');
  const included = [...doc.matchAll(/<!-- ui-example: (\S+) -->\n```tsx\n([\s\S]*?)```/g)];
  expect(included.map((match) => match[1])).toEqual(['test/ui/examples/tool-renderers.tsx']);
  expect(included[0]![2]).toBe(readFileSync(join(here, 'examples/tool-renderers.tsx'), 'utf8'));
});

it('the date picker answers pick_date, the weather card shows its data part', () => {
  const onToolResult = vi.fn();
  const reply: Message = {
    id: 'a1',
    role: 'assistant',
    content: 'When?',
    timestamp: 0,
    status: 'streaming',
    parts: [
      { type: 'text', text: 'When?' },
      { type: 'data', name: 'weather', data: { city: 'Oslo', celsius: 4 } },
      { type: 'tool-call', id: 'call_1', name: 'pick_date', argsText: '{}', args: {}, state: 'input-available' },
    ],
  };
  render(<Conversation messages={[reply]} onToolResult={onToolResult} />);
  expect(screen.getByText('Oslo: 4 °C')).toBeTruthy();
  fireEvent.change(screen.getByLabelText('Pick a date'), { target: { value: '2026-12-24' } });
  fireEvent.click(screen.getByRole('button', { name: 'Use this date' }));
  expect(onToolResult).toHaveBeenCalledWith('call_1', { date: '2026-12-24' });
});
