import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ComponentType } from 'react';
import { respond, startServer, type TestServer } from '../helpers/server';
import { kitReply } from '../helpers/fixtures';
import { writeExample } from './examples';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

it('the README example with Shiki and KaTeX highlights code and renders math', async () => {
  server.reply(respond(kitReply(['Math: $a^2$\n\n', '```ts\nconst ', 'x = 1;\n', 'let y = `s`;\n```\n'])));
  const { App } = (await import(/* @vite-ignore */ writeExample('ui-code-math', server.url('').replace(/\/$/, '')))) as { App: ComponentType };
  const { container } = render(<App />);
  await userEvent.type(screen.getByRole('textbox'), 'Show me{Enter}');
  await waitFor(() => expect(container.querySelector('.ask-math[data-rendered] .katex')).not.toBeNull(), { timeout: 10_000 });
  await waitFor(() => expect([...container.querySelectorAll('pre span[style]')].find((s) => s.textContent === 'const')).toBeTruthy(), { timeout: 10_000 });
  expect(container.querySelector('pre')?.textContent).toBe('const x = 1;\nlet y = `s`;');
});
