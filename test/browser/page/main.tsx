// Test page for the browser tests: mounts the UI components and exposes drivers on `window.__ask`.
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import {
  CodeBlock,
  Composer,
  ErrorNotice,
  Message,
  ReasoningView,
  RetryButton,
  StopButton,
  StreamingMarkdown,
  ToolCallView,
  TypingIndicator,
  UsageMeter,
} from '../../../src/ui';
import '../../../src/ui/styles.css';

export interface StreamSample {
  /** ms since the stream started. */
  t: number;
  textLength: number;
  codeBlocks: number;
  streaming: boolean;
}

export interface PageDriver {
  renderMarkdown(content: string, streaming?: boolean): void;
  /** Streams `chunks` into StreamingMarkdown, one every `intervalMs`; resolves with what was on screen over time. */
  streamMarkdown(chunks: string[], intervalMs: number): Promise<StreamSample[]>;
  renderGallery(theme: 'light' | 'dark', markdown: string): void;
}

declare global {
  interface Window {
    __ask: PageDriver;
  }
}

const root = createRoot(document.getElementById('root')!);

function Streamer({ chunks, intervalMs, onDone }: { chunks: string[]; intervalMs: number; onDone: () => void }) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (count >= chunks.length) {
      onDone();
      return;
    }
    const timer = setTimeout(() => setCount((n) => n + 1), intervalMs);
    return () => clearTimeout(timer);
  }, [count, chunks.length, intervalMs, onDone]);
  return <StreamingMarkdown content={chunks.slice(0, count).join('')} streaming={count < chunks.length} />;
}

function Gallery({ markdown }: { markdown: string }) {
  const [value, setValue] = useState('Draft message');
  return (
    <main style={{ maxWidth: '48rem', margin: '0 auto', padding: '1rem', fontFamily: 'system-ui' }}>
      <h1>Chat</h1>
      <Message message={{ id: 'u1', role: 'user', content: 'Summarise the docs, please.', timestamp: 0 }} />
      <Message
        message={{ id: 'a1', role: 'assistant', content: 'Here is **the summary**.', status: 'complete', timestamp: 0, usage: { promptTokens: 12, completionTokens: 6, totalTokens: 18 } }}
        onRetry={() => {}}
        showUsage
      />
      <Message message={{ id: 'a2', role: 'assistant', content: '', status: 'error', error: { message: 'Network down', code: 'network' }, timestamp: 0 }} onRetry={() => {}} />
      <ReasoningView reasoning="The user wants a summary. I will list the key points." streaming />
      <ReasoningView reasoning="Finished thinking." />
      <ToolCallView toolCall={{ id: 'c1', name: 'search_docs', argsText: '{"query": "stream', state: 'streaming' }} />
      <ToolCallView
        toolCall={{ id: 'c2', name: 'get_weather', argsText: '{"city":"Paris"}', args: { city: 'Paris' }, state: 'complete' }}
        result={{ tempC: 21, sky: 'clear' }}
        defaultOpen
      />
      <ToolCallView toolCall={{ id: 'c3', name: 'broken', argsText: '{oops', state: 'invalid' }} />
      <StreamingMarkdown content={markdown} />
      <StreamingMarkdown content={'Still writing **this'} streaming />
      <CodeBlock code={'const veryLongLine = "' + 'x'.repeat(300) + '";'} language="ts" />
      <TypingIndicator />
      <UsageMeter usage={{ promptTokens: 1200, completionTokens: 340, totalTokens: 1540 }} pricePer1k={0.002} />
      <ErrorNotice error={{ message: 'The server is overloaded.', code: 'overloaded', status: 529 }} onRetry={() => {}} />
      <p>
        <RetryButton onRetry={() => {}} /> <StopButton onStop={() => {}} />
      </p>
      <Composer value={value} onChange={setValue} onSubmit={() => setValue('')} />
      <Composer value="" onChange={() => {}} onSubmit={() => {}} onStop={() => {}} isStreaming />
    </main>
  );
}

window.__ask = {
  renderMarkdown(content, streaming = false) {
    flushSync(() => root.render(<StreamingMarkdown content={content} streaming={streaming} />));
  },
  streamMarkdown(chunks, intervalMs) {
    return new Promise((resolve) => {
      const samples: StreamSample[] = [];
      const start = performance.now();
      const sample = () => {
        const el = document.querySelector('.ask-markdown');
        samples.push({
          t: performance.now() - start,
          textLength: el?.textContent?.length ?? 0,
          codeBlocks: el?.querySelectorAll('.ask-code').length ?? 0,
          streaming: el?.hasAttribute('data-streaming') ?? false,
        });
      };
      const observer = new MutationObserver(sample);
      observer.observe(document.getElementById('root')!, { subtree: true, childList: true, characterData: true, attributes: true });
      const onDone = () => {
        // Let the final (non-streaming) commit land before reporting.
        requestAnimationFrame(() => {
          sample();
          observer.disconnect();
          resolve(samples);
        });
      };
      root.render(<Streamer chunks={chunks} intervalMs={intervalMs} onDone={onDone} />);
    });
  },
  renderGallery(theme, markdown) {
    document.documentElement.setAttribute('data-theme', theme);
    flushSync(() => root.render(<Gallery markdown={markdown} />));
  },
};
