import type { UseChatStreamResult } from '../../src/react/index';

/**
 * Temporary view until the kit's <Chat/> (src/ui) lands: the conversation, stop / retry and
 * the composer, with nothing but the hook's state.
 */
export function ChatArea({ chat }: { chat: UseChatStreamResult }) {
  const { messages, isStreaming, error, usage, stop, retry, input, handleInputChange, handleSubmit } = chat;
  const last = messages[messages.length - 1];
  return (
    <div className="demo-chat">
      <ol className="demo-messages" aria-live="polite">
        {messages.map((message) => (
          <li key={message.id} className={`demo-message demo-message-${message.role}`} data-role={message.role} data-status={message.status}>
            {message.reasoning && (
              <details className="demo-reasoning">
                <summary>Reasoning</summary>
                <p>{message.reasoning}</p>
              </details>
            )}
            {message.toolCalls?.map((call) => (
              <div key={call.id} className="demo-tool-call" data-state={call.state}>
                <strong>{call.name}</strong> <code>{call.argsText}</code>
              </div>
            ))}
            <div className="demo-message-content">{message.content}</div>
            {message.error && (
              <p role="alert" className="demo-error">
                {message.error.message}
              </p>
            )}
          </li>
        ))}
      </ol>
      {error && !last?.error && (
        <p role="alert" className="demo-error">
          {error.message}
        </p>
      )}
      <div className="demo-usage" aria-label="Token usage">
        {usage.totalTokens} tokens ({usage.promptTokens} in, {usage.completionTokens} out)
      </div>
      <form className="demo-composer" onSubmit={handleSubmit}>
        <textarea
          aria-label="Message"
          value={input}
          onChange={handleInputChange}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) handleSubmit(event);
          }}
          placeholder="Ask something, or try /help"
          rows={2}
        />
        {isStreaming ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <>
            <button type="submit" disabled={!input.trim()}>
              Send
            </button>
            <button type="button" onClick={() => void retry()} disabled={!messages.some((m) => m.role === 'user')}>
              Retry
            </button>
          </>
        )}
      </form>
    </div>
  );
}
