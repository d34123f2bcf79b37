import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  CodeBlock,
  createLazyHighlighter,
  ErrorNotice,
  LabelsProvider,
  ReasoningView,
  RetryButton,
  StopButton,
  StreamingMarkdown,
  ToolCallView,
  TypingIndicator,
  UsageMeter,
  type Highlighter,
} from '../../src/ui';
import type { ToolCall } from '../../src/core/types';

function mockClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
  vi.useRealTimers();
});

describe('CodeBlock', () => {
  it('shows the language in a header and the code as text', () => {
    const { container } = render(<CodeBlock code={'<b>not html</b>'} language="html" />);
    expect(container.querySelector('.ask-code-language')?.textContent).toBe('html');
    expect(container.querySelector('code b')).toBeNull();
    expect(container.querySelector('code')?.textContent).toBe('<b>not html</b>');
  });

  it('copies the code and says "Copied" for a while', async () => {
    vi.useFakeTimers();
    const writeText = vi.fn(() => Promise.resolve());
    mockClipboard(writeText);
    render(<CodeBlock code="npm i ai-stream-kit" language="sh" />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    });
    expect(writeText).toHaveBeenCalledWith('npm i ai-stream-kit');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
    act(() => vi.advanceTimersByTime(2100));
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
  });

  it('falls back to a hidden textarea when the clipboard API refuses', async () => {
    mockClipboard(() => Promise.reject(new Error('NotAllowedError')));
    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { configurable: true, value: execCommand });
    render(<CodeBlock code="fallback text" />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    });
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(document.querySelector('textarea')).toBeNull();
    Reflect.deleteProperty(document, 'execCommand');
  });

  it('says so when copying is impossible', async () => {
    mockClipboard(() => Promise.reject(new Error('no')));
    Object.defineProperty(document, 'execCommand', { configurable: true, value: () => false });
    render(<CodeBlock code="x" />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    });
    expect(screen.getByRole('button', { name: 'Copy failed' })).toBeTruthy();
    Reflect.deleteProperty(document, 'execCommand');
  });

  it('renders highlighter tokens as styled spans (no HTML strings)', async () => {
    const highlighter: Highlighter = (code) =>
      code.split('\n').map((line) => [
        { content: line.slice(0, 5), color: '#d73a49', fontStyle: 2 },
        { content: line.slice(5), className: 'tok-rest' },
      ]);
    const { container } = render(<CodeBlock code={'const a = "<img src=x onerror=alert(1)>";\nlet b'} language="js" highlighter={highlighter} />);
    await waitFor(() => expect(container.querySelector('code span[style]')).not.toBeNull());
    const first = container.querySelector<HTMLElement>('code span[style]')!;
    expect(first.textContent).toBe('const');
    expect(first.style.fontWeight).toBe('bold');
    expect(container.querySelector('code img')).toBeNull();
    expect(container.querySelector('code')?.textContent).toBe('const a = "<img src=x onerror=alert(1)>";\nlet b');
  });

  it('loads a lazy highlighter on first use only, and not while the block streams', async () => {
    const highlight = vi.fn<Highlighter>((code) => [[{ content: code, color: 'red' }]]);
    const load = vi.fn(() => Promise.resolve({ default: highlight }));
    const highlighter = createLazyHighlighter(load);
    const { container, rerender } = render(<CodeBlock code="x = 1" language="py" highlighter={highlighter} streaming />);
    await act(async () => {});
    expect(load).not.toHaveBeenCalled();
    rerender(<CodeBlock code="x = 1" language="py" highlighter={highlighter} />);
    await waitFor(() => expect(container.querySelector('code span[style]')).not.toBeNull());
    render(<CodeBlock code="y = 2" language="py" highlighter={highlighter} />);
    await waitFor(() => expect(highlight).toHaveBeenCalledTimes(2));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps plain code when the highlighter fails', async () => {
    const highlighter: Highlighter = () => Promise.reject(new Error('no grammar'));
    const { container } = render(<CodeBlock code="plain" highlighter={highlighter} />);
    await act(async () => {});
    expect(container.querySelector('code')?.textContent).toBe('plain');
  });

  it('is used by StreamingMarkdown, with its highlighter', async () => {
    const highlighter = vi.fn<Highlighter>((code) => [[{ content: code, color: 'blue' }]]);
    const { container } = render(<StreamingMarkdown content={'```rust\nfn main() {}\n```'} highlighter={highlighter} />);
    await waitFor(() => expect(container.querySelector('code span[style]')).not.toBeNull());
    expect(highlighter).toHaveBeenCalledWith('fn main() {}', 'rust');
  });
});

describe('status components', () => {
  it('ErrorNotice shows the message, code and status, and retries', () => {
    const onRetry = vi.fn();
    render(<ErrorNotice error={{ message: 'Rate limited', code: 'rate_limit', status: 429 }} onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Rate limited');
    expect(alert.textContent).toContain('Status 429');
    expect(alert.textContent).toContain('Code rate_limit');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('ErrorNotice without onRetry has no button', () => {
    render(<ErrorNotice error={{ message: 'Boom' }} />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('StopButton and RetryButton call back', () => {
    const onStop = vi.fn();
    const onRetry = vi.fn();
    render(
      <>
        <StopButton onStop={onStop} />
        <RetryButton onRetry={onRetry} />
      </>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onStop).toHaveBeenCalledTimes(1);
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('TypingIndicator is a status with a readable label', () => {
    render(<TypingIndicator />);
    expect(screen.getByRole('status').textContent).toBe('Assistant is typing');
  });

  it('UsageMeter shows counts and the cost from a price per 1k tokens', () => {
    const { container } = render(
      <UsageMeter usage={{ promptTokens: 1200, completionTokens: 300, totalTokens: 1500 }} pricePer1k={{ prompt: 0.01, completion: 0.03 }} locale="en-US" />,
    );
    const text = container.textContent!;
    expect(text).toContain('Prompt1,200');
    expect(text).toContain('Completion300');
    expect(text).toContain('Total1,500 tokens');
    expect(text).toContain('Cost$0.021');
  });

  it('UsageMeter takes a known cost and a currency', () => {
    const { container } = render(<UsageMeter usage={{ totalTokens: 10 }} cost={2.5} currency="EUR" locale="en-US" />);
    expect(container.textContent).toContain('€2.50');
  });
});

describe('ToolCallView', () => {
  const call = (over: Partial<ToolCall>): ToolCall => ({ id: 'call_1', name: 'get_weather', argsText: '', state: 'streaming', ...over });

  it('shows the streaming argument text, open', () => {
    const { container } = render(<ToolCallView toolCall={call({ argsText: '{"city": "Par' })} />);
    expect(container.querySelector('details')?.open).toBe(true);
    expect(container.querySelector('.ask-tool-name')?.textContent).toBe('get_weather');
    expect(container.querySelector('.ask-tool-state')?.textContent).toBe('Preparing');
    expect(container.querySelector('.ask-tool-args')?.textContent).toBe('{"city": "Par');
  });

  it('shows parsed arguments and the result once complete', () => {
    const { container } = render(
      <ToolCallView toolCall={call({ argsText: '{"city":"Paris"}', args: { city: 'Paris' }, state: 'complete' })} result={{ tempC: 21 }} defaultOpen />,
    );
    expect(container.querySelector('.ask-tool-state')?.textContent).toBe('Done');
    expect(container.querySelector('.ask-tool-args')?.textContent).toBe('{\n  "city": "Paris"\n}');
    expect(container.querySelector('.ask-tool-result')?.textContent).toBe('{\n  "tempC": 21\n}');
  });

  it('marks invalid arguments', () => {
    const { container } = render(<ToolCallView toolCall={call({ argsText: '{oops', state: 'invalid' })} />);
    expect(container.querySelector('.ask-tool')?.getAttribute('data-state')).toBe('output-error');
    expect(container.querySelector('.ask-tool-state')?.textContent).toBe('Invalid arguments');
  });
});

describe('ReasoningView', () => {
  it('is open while streaming and folds when the reasoning is done', () => {
    const { container, rerender } = render(<ReasoningView reasoning="Let me think" streaming />);
    const details = () => container.querySelector('details')!;
    expect(details().open).toBe(true);
    expect(container.querySelector('summary')?.textContent).toBe('Thinking…');
    expect(container.querySelector('.ask-reasoning-body')?.getAttribute('dir')).toBe('auto');
    rerender(<ReasoningView reasoning="Let me think. Done." />);
    expect(details().open).toBe(false);
    expect(container.querySelector('summary')?.textContent).toBe('Reasoning');
  });
});

describe('labels', () => {
  it('LabelsProvider overrides labels everywhere below it, nested providers merge, props win', () => {
    render(
      <LabelsProvider labels={{ retry: 'Réessayer', stop: 'Arrêter' }}>
        <LabelsProvider labels={{ copy: 'Copier' }}>
          <RetryButton onRetry={() => {}} />
          <StopButton onStop={() => {}} />
          <CodeBlock code="x" />
          <StopButton onStop={() => {}} labels={{ stop: 'Halt' }} />
        </LabelsProvider>
      </LabelsProvider>,
    );
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Arrêter' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copier' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Halt' })).toBeTruthy();
  });

  it('reaches labels inside markdown (task list checkboxes, code language fallback)', () => {
    const { container } = render(
      <LabelsProvider labels={{ taskDone: 'Erledigt', code: 'Quelltext' }}>
        <StreamingMarkdown content={'- [x] a\n\n```\nx\n```'} />
      </LabelsProvider>,
    );
    expect(container.querySelector('input')?.getAttribute('aria-label')).toBe('Erledigt');
    expect(container.querySelector('.ask-code-language')?.textContent).toBe('Quelltext');
  });
});
