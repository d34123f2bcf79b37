import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AIStream } from '../../src/core';
import { useAIStream, useCompletion, type UseCompletionResult } from '../../src/react';
import { respond, startServer, type TestServer } from '../helpers/server';
import { kitReply, outsideAct } from './kit-reply';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

describe('useCompletion', () => {
  it('streams a completion, sends the prompt, and replaces it on the next call', async () => {
    server.reply(respond(kitReply(['Once ', 'upon ', 'a time'], 20)), respond(kitReply(['Second'])));
    let api!: UseCompletionResult;
    function Probe() {
      api = useCompletion({ endpoint: server.url('/complete'), throttle: 0 });
      return <p data-testid="out">{api.completion}</p>;
    }
    render(<Probe />);
    let done!: Promise<void>;
    act(() => {
      done = api.complete('Tell a story');
    });
    await waitFor(() => expect(api.isLoading).toBe(true));
    await act(() => done);
    expect(screen.getByTestId('out').textContent).toBe('Once upon a time');
    expect(api.isLoading).toBe(false);
    expect(api.usage.completionTokens).toBe(3);
    expect(server.requests[0]!.body).toMatchObject({ prompt: 'Tell a story', messages: [{ role: 'user', content: 'Tell a story' }] });

    await act(() => api.complete('Again'));
    expect(screen.getByTestId('out').textContent).toBe('Second');
    act(() => api.setCompletion('edited'));
    expect(screen.getByTestId('out').textContent).toBe('edited');
  });

  it('a completion refused before the request (a file that cannot be read) lands in error and onError; the next one clears it', async () => {
    server.reply(respond(kitReply(['fine'])));
    const onError = vi.fn();
    let api!: UseCompletionResult;
    function Probe() {
      api = useCompletion({ endpoint: server.url('/complete'), throttle: 0, onError });
      return <p data-testid="error">{api.error?.message}</p>;
    }
    render(<Probe />);
    const gone = new File(['x'], 'gone.png', { type: 'image/png' });
    gone.arrayBuffer = () => Promise.reject(new DOMException('The file was removed', 'NotReadableError'));
    await act(() => expect(api.complete('Describe it', { files: [gone] })).resolves.toBeUndefined());
    expect(screen.getByTestId('error').textContent).toBe('Could not read the file "gone.png"');
    expect(api.error?.code).toBe('invalid');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toBe(api.error);
    expect(server.requests).toHaveLength(0);

    await act(() => api.complete('Again'));
    expect(api.completion).toBe('fine');
    expect(api.error).toBeUndefined();
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('does not add a prompt field for provider protocols', async () => {
    server.reply(respond(['data: {"choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}\n\n', 'data: [DONE]\n\n']));
    let api!: UseCompletionResult;
    function Probe() {
      api = useCompletion({ endpoint: server.url('/v1/chat/completions'), protocol: 'openai-chat', model: 'm', throttle: 0 });
      return <p data-testid="out">{api.completion}</p>;
    }
    render(<Probe />);
    await act(() => api.complete('x'));
    expect(screen.getByTestId('out').textContent).toBe('hi');
    expect(server.requests[0]!.body).not.toHaveProperty('prompt');
  });
});

describe('useAIStream', () => {
  it('subscribes to an existing stream; a selector keeps unrelated components from re-rendering on tokens', async () => {
    server.reply(respond(kitReply(Array.from({ length: 30 }, (_, i) => `${i} `), 3)));
    const stream = new AIStream({ endpoint: server.url('/chat') });
    const renders = { text: 0, usage: 0 };
    function Text() {
      const snapshot = useAIStream(stream, (s) => s, { throttle: 0 });
      renders.text++;
      return <p data-testid="text">{snapshot.messages.at(-1)?.content}</p>;
    }
    function UsageBadge() {
      const total = useAIStream(stream, (s) => s.usage.totalTokens, { throttle: 0 });
      renders.usage++;
      return <p data-testid="usage">{total}</p>;
    }
    render(
      <>
        <Text />
        <UsageBadge />
      </>,
    );
    await outsideAct(() => stream.send('count'));
    expect(screen.getByTestId('text').textContent).toBe(Array.from({ length: 30 }, (_, i) => `${i} `).join(''));
    expect(screen.getByTestId('usage').textContent).toBe('33');
    expect(renders.usage).toBeLessThanOrEqual(3);
    expect(renders.text).toBeGreaterThan(renders.usage);
  });
});

describe("throttle 'frame' in a hidden tab", () => {
  it('still commits the reply and its end without animation frames', async () => {
    server.reply(respond(kitReply(['done ', 'while ', 'hidden'])));
    const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    const raf = globalThis.requestAnimationFrame;
    globalThis.requestAnimationFrame = () => {
      throw new Error('no animation frames in a hidden tab');
    };
    try {
      let api!: UseCompletionResult;
      function Probe() {
        api = useCompletion({ endpoint: server.url('/complete') });
        return <p data-testid="out">{`${api.status}:${api.completion}`}</p>;
      }
      render(<Probe />);
      await act(() => api.complete('go'));
      await waitFor(() => expect(screen.getByTestId('out').textContent).toBe('idle:done while hidden'));
    } finally {
      globalThis.requestAnimationFrame = raf;
      delete (document as { hidden?: boolean }).hidden;
      Object.defineProperty(Document.prototype, 'hidden', hidden);
    }
  });
});
