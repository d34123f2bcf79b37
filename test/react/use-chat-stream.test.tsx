import { Profiler, StrictMode, useEffect, type ReactElement } from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useChatStream, type UseChatStreamOptions, type UseChatStreamResult } from '../../src/react';
import { DESTROY, json, respond, startServer, type TestServer } from '../helpers/server';
import { kitReply, outsideAct } from './kit-reply';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const fast = { maxRetries: 2, initialDelay: 5, maxDelay: 20 };

function mountChat(options: Partial<UseChatStreamOptions> = {}, wrap?: (node: ReactElement) => ReactElement) {
  const probe = { renders: 0, chat: undefined as unknown as UseChatStreamResult };
  function Probe(props: Partial<UseChatStreamOptions>) {
    const chat = useChatStream({ endpoint: server.url('/chat'), retry: fast, ...props });
    probe.renders++;
    probe.chat = chat;
    return (
      <div>
        <p data-testid="status">{chat.status}</p>
        <p data-testid="error">{chat.error?.message ?? ''}</p>
        <ul>
          {chat.messages.map((m) => (
            <li key={m.id} data-testid={m.role}>
              {m.content}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const element = <Probe {...options} />;
  const view = render(wrap ? wrap(element) : element);
  return { probe, view, rerender: (next: Partial<UseChatStreamOptions>) => view.rerender(<Probe {...options} {...next} />) };
}

const assistantText = () => screen.queryAllByTestId('assistant').map((el) => el.textContent).join('|');

describe('useChatStream', () => {
  it('shows tokens as they arrive, then the full reply', async () => {
    server.reply(respond(kitReply(['Hello', ', ', 'wor', 'ld', '!'], 40)));
    const { probe } = mountChat({ throttle: 0 });
    let done!: Promise<void>;
    act(() => {
      done = probe.chat.send('hi');
    });
    await waitFor(() => expect(screen.getByTestId('user').textContent).toBe('hi'));
    // A partial reply is on screen before the stream ends.
    await waitFor(() => expect(assistantText()).toMatch(/^Hello/));
    expect(assistantText()).not.toBe('Hello, world!');
    await act(() => done);
    expect(assistantText()).toBe('Hello, world!');
    expect(screen.getByTestId('status').textContent).toBe('idle');
    expect(probe.chat.usage.totalTokens).toBe(8);
  });

  it("commits at most once per animation frame with throttle 'frame' (renders bounded by frames, not tokens)", async () => {
    // Tokens spread over time, each in its own network chunk, so nothing batches them but the throttle.
    const tokens = Array.from({ length: 150 }, (_, i) => `t${i} `);
    const run = async (throttle: 'frame' | 0) => {
      server.reply(respond(kitReply(tokens, 4)));
      const { probe, view } = mountChat({ throttle });
      const before = probe.renders;
      const started = performance.now();
      await outsideAct(() => probe.chat.send('go'));
      const elapsed = performance.now() - started;
      const renders = probe.renders - before;
      expect(assistantText()).toBe(tokens.join(''));
      expect(screen.getByTestId('status').textContent).toBe('idle');
      view.unmount();
      return { renders, frames: elapsed / 16 };
    };
    const perFrame = await run('frame');
    const perToken = await run(0);
    // A few extra commits come from status changes (submitted, streaming, idle), which are never delayed.
    expect(perFrame.renders).toBeLessThanOrEqual(Math.ceil(perFrame.frames) + 6);
    expect(perFrame.renders).toBeLessThan(tokens.length / 2);
    expect(perToken.renders).toBeGreaterThan(perFrame.renders * 2);
  });

  it('a send outside a React event handler shows the new message in one commit (clearing no refusal is no update)', async () => {
    server.reply(respond([200, ...kitReply(['Hi'])]));
    // The status each commit showed.
    const commits: string[] = [];
    const status = () => screen.queryByTestId('status')?.textContent ?? '';
    const { probe } = mountChat({}, (node) => (
      <Profiler id="chat" onRender={() => commits.push(status())}>
        {node}
      </Profiler>
    ));
    // Renders since mount, as in any app (here: typing in the input).
    act(() => probe.chat.setInput('h'));
    act(() => probe.chat.setInput('hi'));
    commits.length = 0;
    let done!: Promise<void>;
    await outsideAct(async () => {
      done = probe.chat.send('hi');
    });
    expect(screen.getByTestId('user').textContent).toBe('hi');
    // One commit shows the sent message, none repeats it.
    expect(commits.filter((status) => status === 'submitted')).toHaveLength(1);
    await act(() => done);
    await waitFor(() => expect(assistantText()).toBe('Hi'));
  });

  it('commits the final tokens before status leaves streaming', async () => {
    const tokens = Array.from({ length: 400 }, (_, i) => `w${i} `);
    server.reply(respond(kitReply(tokens)));
    const seen: Array<[string, string]> = [];
    function Watch() {
      const chat = useChatStream({ endpoint: server.url('/chat'), retry: fast });
      seen.push([chat.status, chat.messages.at(-1)?.content ?? '']);
      useEffect(() => void chat.send('go'), [chat.send]);
      return null;
    }
    render(<Watch />);
    await waitFor(() => expect(seen.at(-1)![0]).toBe('idle'));
    // The first render back at idle after the reply (a fast reply may skip a 'streaming' commit).
    const firstIdle = seen.findIndex(([status], i) => status === 'idle' && i > 0 && seen[i - 1]![0] !== 'idle');
    expect(firstIdle).toBeGreaterThan(0);
    expect(seen[firstIdle]![1]).toBe(tokens.join(''));
  });

  it('stop() keeps the partial reply and returns to idle', async () => {
    server.reply(respond([...kitReply(['one ', 'two ']).slice(0, 3), 5000, ...kitReply(['three']).slice(1)]));
    const { probe } = mountChat({ throttle: 0 });
    let done!: Promise<void>;
    act(() => {
      done = probe.chat.send('go');
    });
    await waitFor(() => expect(assistantText()).toBe('one two '));
    act(() => probe.chat.stop());
    await act(() => done);
    expect(assistantText()).toBe('one two ');
    expect(screen.getByTestId('status').textContent).toBe('idle');
    expect(probe.chat.messages.at(-1)?.status).toBe('aborted');
  });

  it('retry() replaces the last assistant reply', async () => {
    server.reply(respond(kitReply(['first'])), respond(kitReply(['second'])));
    const { probe } = mountChat({ throttle: 0 });
    await act(() => probe.chat.send('q'));
    expect(assistantText()).toBe('first');
    await act(() => probe.chat.retry());
    expect(assistantText()).toBe('second');
    expect(screen.getAllByTestId('user')).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("shows the server's error message, then recovers on retry", async () => {
    server.reply(json(401, { error: { message: 'Incorrect API key provided' } }), respond(kitReply(['recovered'])));
    const onError = vi.fn();
    const { probe } = mountChat({ throttle: 0, onError });
    await act(() => probe.chat.send('q')); // resolves: the hook reports errors through state
    expect(screen.getByTestId('status').textContent).toBe('error');
    expect(screen.getByTestId('error').textContent).toContain('Incorrect API key provided');
    expect(onError).toHaveBeenCalledTimes(1);
    await act(() => probe.chat.retry());
    expect(assistantText()).toBe('recovered');
    expect(screen.getByTestId('status').textContent).toBe('idle');
    expect(screen.getByTestId('error').textContent).toBe('');
  });

  it('a send refused before the reply (a file that cannot be read) lands in error and onError, once', async () => {
    server.reply(respond(kitReply(['fine'])));
    const onError = vi.fn();
    const { probe } = mountChat({ throttle: 0, onError });
    const gone = new File(['x'], 'gone.png', { type: 'image/png' });
    gone.arrayBuffer = () => Promise.reject(new DOMException('The file was removed', 'NotReadableError'));
    await act(() => probe.chat.send('look', { files: [gone] })); // resolves: no rejection
    expect(screen.getByTestId('error').textContent).toBe('Could not read the file "gone.png"');
    expect(probe.chat.error?.code).toBe('invalid');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toBe(probe.chat.error);
    expect(screen.queryAllByTestId('user')).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
    await act(() => probe.chat.send('again'));
    expect(assistantText()).toBe('fine');
    expect(screen.getByTestId('error').textContent).toBe('');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('unmounting mid-stream aborts the request and stops rendering', async () => {
    let closed = false;
    server.reply(async (req, res, request) => {
      req.socket.on('close', () => (closed = true));
      await respond([...kitReply(['a', 'b']).slice(0, 2), 10_000, DESTROY])(req, res, request);
    });
    const { probe, view } = mountChat({ throttle: 0 });
    act(() => void probe.chat.send('go'));
    await waitFor(() => expect(assistantText()).toBe('a'));
    const stream = probe.chat.stream;
    const renders = probe.renders;
    view.unmount();
    await waitFor(() => expect(closed).toBe(true));
    expect(stream.getIsStreaming()).toBe(false);
    expect(probe.renders).toBe(renders);
  });

  it('reads callbacks, headers and body at send time (no stale closures)', async () => {
    server.reply(respond(kitReply(['x'])));
    const first = vi.fn();
    const second = vi.fn();
    const { probe, rerender } = mountChat({ throttle: 0, onFinish: first, headers: { 'x-version': '1' } });
    rerender({ throttle: 0, onFinish: second, headers: { 'x-version': '2' }, body: () => ({ custom: true }) });
    await act(() => probe.chat.send('q', { headers: { 'x-extra': 'yes' } }));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(second.mock.calls[0]![0].message.content).toBe('x');
    expect(server.requests[0]!.headers['x-version']).toBe('2');
    expect(server.requests[0]!.headers['x-extra']).toBe('yes');
    expect(server.requests[0]!.body).toEqual({ custom: true });
  });

  it('does not tear down a reply in flight when options change', async () => {
    server.reply(respond(kitReply(['slow ', 'reply'], 60)));
    const { probe, rerender } = mountChat({ throttle: 0, systemPrompt: 'a' });
    let done!: Promise<void>;
    act(() => {
      done = probe.chat.send('q');
    });
    await waitFor(() => expect(assistantText()).toBe('slow '));
    rerender({ throttle: 0, systemPrompt: 'b', headers: { 'x-new': '1' } });
    await act(() => done);
    expect(assistantText()).toBe('slow reply');
    expect(server.requests).toHaveLength(1);
  });

  it('works under StrictMode (double mount) with a single request', async () => {
    server.reply(respond(kitReply(['strict'])));
    const { probe } = mountChat({ throttle: 0 }, (node) => <StrictMode>{node}</StrictMode>);
    await act(() => probe.chat.send('q'));
    expect(assistantText()).toBe('strict');
    expect(server.requests).toHaveLength(1);
  });

  it('components with the same id share one chat', async () => {
    server.reply(respond(kitReply(['shared'])));
    const seen: Record<string, UseChatStreamResult> = {};
    function Pane({ name }: { name: string }) {
      const chat = useChatStream({ id: 'room-1', endpoint: server.url('/chat'), throttle: 0 });
      seen[name] = chat;
      return <p data-testid={name}>{chat.messages.map((m) => m.content).join('|')}</p>;
    }
    render(
      <>
        <Pane name="left" />
        <Pane name="right" />
      </>,
    );
    await act(() => seen.left!.send('hello'));
    expect(screen.getByTestId('left').textContent).toBe('hello|shared');
    expect(screen.getByTestId('right').textContent).toBe('hello|shared');
    expect(seen.left!.stream).toBe(seen.right!.stream);
    expect(server.requests).toHaveLength(1);
  });

  describe("a shared chat follows the live components' options", () => {
    const finished: string[] = [];
    const seen: Record<string, UseChatStreamResult> = {};
    function Pane({ name }: { name: string }) {
      const chat = useChatStream({
        id: 'room-shared-options',
        endpoint: server.url(`/${name}`),
        headers: { 'x-pane': name },
        onFinish: ({ message }) => finished.push(`${name}:${message.content}`),
        throttle: 0,
      });
      seen[name] = chat;
      return <p data-testid={name}>{chat.messages.map((m) => m.content).join('|')}</p>;
    }
    function Both({ first = true }: { first?: boolean }) {
      return (
        <>
          {first ? <Pane name="first" /> : null}
          <Pane name="second" />
        </>
      );
    }
    beforeEach(() => {
      finished.length = 0;
    });
    const sent = () => server.requests.map((r) => [r.path, r.headers['x-pane']]);

    it('after the component that created it unmounts, the other one sends with its own options', async () => {
      server.reply(respond(kitReply(['one'])), respond(kitReply(['two'])));
      const view = render(<Both />);
      await act(() => seen.first!.send('hi'));
      view.rerender(<Both first={false} />);
      await act(() => seen.second!.send('after unmount'));
      expect(sent()).toEqual([
        ['/first', 'first'],
        ['/second', 'second'],
      ]);
      expect(finished).toEqual(['first:one', 'second:two']);
      expect(screen.getByTestId('second').textContent).toBe('hi|one|after unmount|two');
      view.unmount();
    });

    it('while both are mounted, a request uses the options of the component that sent it', async () => {
      server.reply(respond(kitReply(['one'])), respond(kitReply(['two'])));
      const view = render(<Both />);
      await act(() => seen.second!.send('to second'));
      await act(() => seen.first!.send('to first'));
      expect(sent()).toEqual([
        ['/second', 'second'],
        ['/first', 'first'],
      ]);
      expect(finished).toEqual(['second:one', 'first:two']);
      view.unmount();
    });
  });

  it('form helpers send the input and clear it', async () => {
    server.reply(respond(kitReply(['ok'])));
    let chat!: UseChatStreamResult;
    function Form() {
      chat = useChatStream({ endpoint: server.url('/chat'), throttle: 0 });
      return (
        <form onSubmit={chat.handleSubmit}>
          <input aria-label="prompt" value={chat.input} onChange={chat.handleInputChange} />
          <button type="submit">Send</button>
          <output>{chat.messages.map((m) => m.content).join('|')}</output>
        </form>
      );
    }
    render(<Form />);
    fireEvent.change(screen.getByLabelText('prompt'), { target: { value: 'typed' } });
    fireEvent.click(screen.getByText('Send'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('typed|ok'), { timeout: 5000 });
    expect((screen.getByLabelText('prompt') as HTMLInputElement).value).toBe('');
    expect(chat.status).toBe('idle');
  });

  it('keeps its actions stable across updates, so memoised children can take them', async () => {
    server.reply(respond(kitReply(['a', 'b', 'c'], 10)));
    const { probe } = mountChat({ throttle: 0 });
    const first = probe.chat;
    await act(() => probe.chat.send('go'));
    expect(probe.chat).not.toBe(first);
    for (const name of ['send', 'stop', 'retry', 'reset', 'setMessages', 'handleInputChange'] as const) {
      expect(probe.chat[name], name).toBe(first[name]);
    }
  });

  it('starts from initialMessages', () => {
    mountChat({ initialMessages: [{ id: 'm1', role: 'assistant', content: 'Welcome', timestamp: 1 }] });
    expect(assistantText()).toBe('Welcome');
  });

});
