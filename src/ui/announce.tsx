import { createContext, useContext, useState } from 'react';
import type { Token } from 'marked';
import { Lexer } from './markdown/vendor/marked-lexer';
import type { Message } from '../core/types';
import { useLabels, type BaseLabels, type UILabels } from './labels';
import { decodeEntities } from './markdown/entities';
import { fill } from './fill';

/**
 * True below a `MessageList`: it announces replies itself, so typing indicators inside it are
 * not live regions of their own (one announcement per event, not two).
 */
const ListAnnounces = createContext(false);
export const ListAnnouncesProvider = ListAnnounces.Provider;
export const useListAnnounces = () => useContext(ListAnnounces);

/** Replies whose plain text is at most this long are read out; longer ones are only announced. */
const SPOKEN_REPLY_MAX = 200;

/** Text of inline tokens, markup dropped (links keep their text, images their alt text). */
function inlineText(tokens: readonly Token[]): string {
  let out = '';
  for (const token of tokens) {
    if ('tokens' in token && token.tokens?.length) out += inlineText(token.tokens);
    else if (token.type === 'br') out += ' ';
    else if ('text' in token && typeof token.text === 'string') out += token.text;
  }
  return out;
}

/**
 * The plain text of a short reply made of paragraphs, headings, quotes and lists; undefined for
 * anything longer or with code, tables or rules, which a listener should read in the log instead.
 */
function shortPlainText(markdown: string, max = SPOKEN_REPLY_MAX): string | undefined {
  // Markup only ever makes text longer: a long source is never a short reply, and is not lexed.
  if (markdown.length > max * 3) return undefined;
  const parts: string[] = [];
  const walk = (tokens: readonly Token[]): boolean =>
    tokens.every((token) => {
      if (token.type === 'space') return true;
      if (token.type === 'paragraph' || token.type === 'heading' || token.type === 'text') {
        parts.push(inlineText(token.tokens ?? []) || token.text);
        return true;
      }
      if (token.type === 'blockquote') return walk(token.tokens ?? []);
      if (token.type === 'list') return token.items.every((item: { tokens: Token[] }) => walk(item.tokens));
      return false;
    });
  if (!walk(new Lexer({ gfm: true }).lex(markdown))) return undefined;
  const text = decodeEntities(parts.join(' ')).replace(/\s+/g, ' ').trim();
  return text && text.length <= max ? text : undefined;
}

/** What the live region says when a reply ends: failed, stopped, or finished (with its text when short). */
function endAnnouncement(reply: Message | undefined, l: BaseLabels): string {
  if (!reply || reply.role !== 'assistant') return '';
  if (reply.error) return l.replyFailed;
  if (reply.status === 'aborted') return l.aborted;
  const text = shortPlainText(reply.content);
  return text ? `${l.replyFinished}: ${text}` : l.replyFinished;
}

/**
 * What a listener must hear about the tool calls of the last reply, keyed by call and state:
 * a call waiting for approval (the turn is paused on them) and a call that failed.
 */
function toolAnnouncements(reply: Message | undefined, l: BaseLabels): Array<{ key: string; text: string }> {
  const events: Array<{ key: string; text: string }> = [];
  // Calls a stop() ended are errors ("Stopped before the tool finished") but no news: the reply's
  // "Stopped" says it, even when the list hears of them a render before isStreaming turns false.
  if (!reply || reply.role !== 'assistant' || !reply.parts || reply.status === 'aborted') return events;
  for (const part of reply.parts) {
    if (part.type !== 'tool-call') continue;
    const label = part.state === 'approval-requested' ? l.toolApprovalAnnouncement : part.state === 'output-error' ? l.toolFailedAnnouncement : undefined;
    if (label) events.push({ key: `${reply.id} ${part.id} ${part.state}`, text: fill(label, { tool: part.name }) });
  }
  return events;
}

export interface ReplyAnnouncerProps {
  messages: readonly Message[];
  isStreaming: boolean;
  labels?: Partial<UILabels> | undefined;
}

/**
 * A visually hidden status region that says when a reply starts and how it ended, in a few
 * words: never its markdown, never token by token. The log region itself is not live. In
 * between it says when a tool call waits for approval or failed (once per call and state).
 */
export function ReplyAnnouncer({ messages, isStreaming, labels }: ReplyAnnouncerProps) {
  const l = useLabels(labels);
  const last = messages[messages.length - 1];
  const tools = toolAnnouncements(last, l);
  const [busy, setBusy] = useState(isStreaming);
  const [said, setSaid] = useState('');
  // Calls already shown when the list mounted (history) are not news.
  const [heard, setHeard] = useState<ReadonlySet<string>>(() => new Set(tools.map((event) => event.key)));
  const fresh = tools.filter((event) => !heard.has(event.key));
  if (fresh.length > 0) setHeard(new Set(tools.map((event) => event.key)));
  if (busy !== isStreaming) {
    setBusy(isStreaming);
    // The end of a reply wins: a call stopped with it is part of "Stopped".
    setSaid(isStreaming ? l.replyStarted : endAnnouncement(last, l));
  } else if (fresh.length > 0) {
    setSaid(fresh.map((event) => event.text).join('. '));
  }
  return (
    <div className="ask-visually-hidden" role="status">
      {said}
    </div>
  );
}
