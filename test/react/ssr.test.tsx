// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

describe('server rendering', () => {
  it('imports and renders without a window', async () => {
    expect(typeof window).toBe('undefined');
    const { useChatStream, useCompletion } = await import('../../src/react');
    function Page() {
      const chat = useChatStream({ endpoint: '/api/chat', initialMessages: [{ id: 'm', role: 'user', content: 'ssr', timestamp: 0 }] });
      const completion = useCompletion({ endpoint: '/api/complete' });
      return <p>{`${chat.status}:${chat.messages[0]?.content}:${completion.status}`}</p>;
    }
    expect(renderToString(<Page />)).toBe('<p>idle:ssr:idle</p>');
  });
});
