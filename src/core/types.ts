import type { FinishReason, SSEEvent, StreamPart, Usage, WireFormat } from '../protocol/parts';
import type { AIStreamError } from '../shared/errors';
import type { MessagePart, ToolCallPart } from '../shared/message-parts';

export type { FinishReason, Usage, WireFormat };

export type Role = 'user' | 'assistant' | 'system';

export interface ToolCall {
  /** The id the model gave the call (what a tool result refers to). */
  id: string;
  name: string;
  /** Argument JSON as text, growing while it streams. */
  argsText: string;
  /** Parsed arguments, set once the call is complete and its text is valid JSON. */
  args?: unknown;
  state: 'streaming' | 'complete' | 'invalid';
}

export interface Message {
  id: string;
  role: Role;
  content: string;
  timestamp: number;
  /** What the message is made of, in stream order (text, reasoning, tool calls, sources, data, step boundaries); `content` is its text parts joined. See docs/messages.md. */
  parts?: MessagePart[];
  /** Assistant only: reasoning / thinking text the model streamed. */
  reasoning?: string;
  toolCalls?: ToolCall[];
  finishReason?: FinishReason;
  usage?: Usage;
  metadata?: Record<string, unknown>;
  /** Assistant only: where the reply stands. Absent on user/system messages. */
  status?: 'streaming' | 'complete' | 'aborted' | 'error';
  /** Set when this reply failed. */
  /** `code` is the kind of failure (AIStreamError code); `serverCode` is the server's own code, when it sent one. */
  error?: { message: string; code: string; status?: number; serverCode?: string };
}

export type StreamStatus = 'idle' | 'submitted' | 'streaming' | 'error';

export interface RetryConfig {
  /** Default 3. */
  maxRetries?: number;
  /** Default 'exponential' (with jitter). */
  backoff?: 'exponential' | 'linear';
  /** Default 1000 ms. */
  initialDelay?: number;
  /** Default 10000 ms. */
  maxDelay?: number;
}

export interface RequestContext {
  messages: Message[];
  model: string | undefined;
  systemPrompt: string | undefined;
  protocol: WireFormat | 'auto';
  /** Extra body fields passed to `send(content, { body })`. */
  body: Record<string, unknown> | undefined;
  /** The `tools` option (definitions; `execute` and `needsApproval` are the client's own). */
  tools?: ClientTools | undefined;
}

/**
 * A tool the model may call. With `execute`, the client runs it when the model calls it and
 * sends the result back; without, the app answers with `addToolResult` (a date picker, a
 * confirmation form). `needsApproval` holds the call until `approveToolCall` / `denyToolCall`.
 */
// `any` by default so a map of tools can hold `execute`s with differently typed arguments.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ClientTool<Args = any, Output = unknown> {
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters?: Record<string, unknown>;
  /** OpenAI strict schema adherence (see the server converters). */
  strict?: boolean;
  needsApproval?: boolean | ((args: Args, toolCall: ToolCallPart) => boolean | Promise<boolean>);
  /** A throw becomes an error result the model sees (it can recover), never an unhandled rejection. */
  execute?: (args: Args, context: { signal: AbortSignal; toolCall: ToolCallPart }) => Output | Promise<Output>;
}

export type ClientTools = Record<string, ClientTool>;

export type HeadersInput = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

export interface StreamConfig {
  endpoint: string;
  model?: string;
  headers?: HeadersInput;
  systemPrompt?: string;
  onToken?: (token: string) => void;
  /** Called with the conversation's usage totals whenever they change. */
  onCost?: (usage: Usage) => void;
  onError?: (error: AIStreamError) => void;
  /** Called when a reply ends, however it ends. */
  onFinish?: (info: FinishInfo) => void;
  /**
   * Called once per tool call when its arguments are complete. Returning a value (or a promise)
   * answers the call: the client tool loop sends it back as the call's result, like an `execute`.
   */
  onToolCall?: (toolCall: ToolCall, message: Message) => unknown;
  /** Tools the model may call; see `ClientTool`. Their definitions go with every request. */
  tools?: ClientTools;
  /**
   * Most model requests one turn may make (each answers the previous step's tool results).
   * Default 5 when `tools` is set, else 1.
   */
  maxSteps?: number;
  retry?: RetryConfig;
  /** Wire format of the endpoint. Default 'auto': picked from Content-Type and the first event. */
  protocol?: WireFormat | 'auto';
  /** Replaces globalThis.fetch (tests, proxies, auth wrappers). */
  fetch?: typeof fetch;
  /** Builds the JSON request body; the default depends on `protocol`. */
  body?: (context: RequestContext) => unknown;
  credentials?: RequestCredentials;
  /** Aborting it stops the current reply and every later one. */
  signal?: AbortSignal;
  /** Milliseconds without a byte (heartbeat comments count) before a timeout error. Default 60000; 0 disables. */
  idleTimeout?: number;
  /**
   * Milliseconds the whole reply may take, from send() to its end, retries and their waits
   * included (heartbeats do not extend it); then it ends with a 'timeout' error, not retried.
   * Default: none (0 or undefined).
   */
  timeout?: number;
  /** Largest single event, in characters, before a protocol error. Default 1 MiB. */
  maxBufferSize?: number;
  /**
   * The cancel request `stop()` sends so that a server which keeps replies running for a
   * reconnect (a resume store) stops the reply too (docs/protocol.md#cancel). By default it is
   * `DELETE <endpoint>?streamId=<id>`, sent for a reply whose `start` said `resumable`. An object
   * sets `endpoint` / `method`, and then the request is sent for any reply with kit stream ids.
   * `false` never sends it.
   */
  cancel?: false | CancelConfig;
}

/** Where `stop()` sends the cancel request; each field defaults to the stream request's endpoint / `DELETE`. */
export interface CancelConfig {
  endpoint?: string;
  method?: string;
}

/** Reserved by the reference API; accepted for compatibility. */
export type StreamOptions = Record<string, unknown>;

export interface SendOptions {
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  /** Attachments: they become `file` parts of the user message (before its text). See docs/messages.md. */
  files?: readonly FileInput[];
}

/** An attachment: a `File` or `Blob` (read once into a `data:` URL), or a `data:` / `https:` URL with its media type. */
export type FileInput = Blob | { url: string; mediaType: string; name?: string };

/** `editMessage(id, content, options)`: what `send()` takes (headers, body, files). */
export type EditOptions = SendOptions;

/** Where a message stands among its siblings (its branches): `index` of `count`, 0-based. */
export interface BranchInfo {
  index: number;
  count: number;
}

/**
 * The whole conversation, every branch included, as `getConversation()` returns it: plain JSON.
 * `nodes` holds every message by id with the id of the message it follows (`''` for a first
 * message); `children` the ids that follow each message, oldest first (`''`: the first
 * messages); `active` the child that continues the active path (none: the path ends there).
 */
export interface ConversationTree {
  version: 1;
  nodes: Record<string, { message: Message; parent: string }>;
  children: Record<string, string[]>;
  active: Record<string, string>;
}

export interface FinishInfo {
  message: Message;
  usage: Usage | undefined;
  finishReason: FinishReason | undefined;
  isAbort: boolean;
  isError: boolean;
}

/** The immutable state snapshot handed to subscribers (`useSyncExternalStore`). */
export interface StreamSnapshot {
  messages: readonly Message[];
  status: StreamStatus;
  isStreaming: boolean;
  error: AIStreamError | undefined;
  /** Conversation totals. */
  usage: Usage;
}

export interface AIStreamEvents {
  message: (message: Message) => void;
  'streaming-start': () => void;
  token: (token: string) => void;
  reasoning: (delta: string) => void;
  'tool-call': (toolCall: ToolCall, message: Message) => void;
  usage: (usage: Usage) => void;
  finish: (info: FinishInfo) => void;
  'streaming-end': () => void;
  error: (error: AIStreamError) => void;
  retry: (info: { attempt: number; delay: number; error: AIStreamError }) => void;
  /** A retry restarted the reply from scratch: the partial text was discarded. */
  restart: (info: { attempt: number; messageId: string }) => void;
  /** A retry continued the reply from the last event id (nothing discarded). */
  resume: (info: { attempt: number; lastEventId: string }) => void;
  status: (status: StreamStatus) => void;
  reset: () => void;
  /** Any state change; what `subscribe` listens to. */
  change: () => void;
}

/** One decoded event as `streamChunks()` yields it: what it added and the reply so far. */
export interface StreamChunk {
  /** Text this event added ('' when none). */
  delta: string;
  /** All text so far. */
  content: string;
  reasoningDelta: string;
  reasoning: string;
  /** The role the stream stated (OpenAI `delta.role`, Anthropic `message_start`), on this chunk and every later one; undefined before, or when the stream never states one (kit, text). */
  role?: string | undefined;
  finishReason?: FinishReason | undefined;
  /** Tool calls so far; arguments are parsed once a call completes. */
  toolCalls: ToolCall[];
  usage?: Usage | undefined;
  metadata?: Record<string, unknown> | undefined;
  /** The normalized parts of this event. */
  parts: StreamPart[];
  /** The event as received: an SSE event, or a line / text chunk for NDJSON and plain text. */
  raw: SSEEvent | string;
}

export interface StreamChunksOptions {
  /** Default 'auto'. */
  protocol?: WireFormat | 'auto';
  /** Aborting it cancels the body; the loop throws the abort reason. */
  signal?: AbortSignal;
  /** Largest single event, in characters. Default 1 MiB. */
  maxBufferSize?: number;
}
