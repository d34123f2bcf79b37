/**
 * The message-part vocabulary: what a message is made of, in stream order. Defined once here;
 * the reducer, the tool loop, the UI and the server converters all speak it.
 * docs/messages.md describes each part and the tool-call state machine.
 */

export interface TextPart {
  type: 'text';
  text: string;
}

/**
 * Reasoning / thinking the model streamed. Anthropic signs its thinking blocks: when tools are
 * used, the signed blocks must go back unchanged before the `tool_use` they led to, so the
 * signature (or the encrypted `redacted_thinking` payload) travels with the part. OpenAI
 * Responses likewise takes its `reasoning` items back before the `function_call` they led to:
 * their id and encrypted content travel with the part.
 */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** Anthropic `thinking` block signature. */
  signature?: string;
  /** Anthropic `redacted_thinking` data (encrypted; `text` is then empty). */
  redactedData?: string;
  /** OpenAI Responses `reasoning` item id (`rs_…`); `text` is its summary, empty when it had none. */
  itemId?: string;
  /** OpenAI Responses `encrypted_content` of that item (sent when the request asked for `reasoning.encrypted_content`). */
  encryptedContent?: string;
}

/**
 * Where a tool call stands. A UI switches on this; the only allowed moves are in
 * `TOOL_CALL_TRANSITIONS`.
 *
 *   input-streaming ─► input-available ─┬─► approval-requested ─┬─► running ─┬─► output-available
 *          │                            │                       └─► output-denied   └─► output-error
 *          └─► output-error             ├─► running
 *            (arguments not JSON)       └─► output-available | output-error (result given directly:
 *                                           the UI's addToolResult, a server-executed tool)
 */
export type ToolCallState =
  | 'input-streaming'
  | 'input-available'
  | 'approval-requested'
  | 'running'
  | 'output-available'
  | 'output-error'
  | 'output-denied';

export const TOOL_CALL_TRANSITIONS: Readonly<Record<ToolCallState, readonly ToolCallState[]>> = {
  'input-streaming': ['input-available', 'output-error'],
  'input-available': ['approval-requested', 'running', 'output-available', 'output-error'],
  'approval-requested': ['running', 'output-denied'],
  running: ['output-available', 'output-error'],
  'output-available': [],
  'output-error': [],
  'output-denied': [],
};

/** One call of one tool: its arguments as they stream, then its outcome. */
export interface ToolCallPart {
  type: 'tool-call';
  /** The id the model gave the call; a result refers to it. */
  id: string;
  name: string;
  /** Argument JSON as text, growing while it streams. */
  argsText: string;
  /** Parsed arguments, from `input-available` on. */
  args?: unknown;
  state: ToolCallState;
  /** The result (`output-available`): any JSON value. */
  output?: unknown;
  /** What went wrong (`output-error`): sent back to the model so it can recover. */
  errorText?: string;
  /** Why the user declined (`output-denied`), when they said. */
  denialReason?: string;
  /** The provider ran the tool itself (web search, code execution): nothing to run or send back. */
  providerExecuted?: boolean;
}

/**
 * A citation: a web page (OpenAI Responses `url_citation`, Anthropic `web_search_result_location`)
 * or a passage of a document the request carried (Anthropic `char_location` / `page_location`).
 */
export interface SourcePart {
  type: 'source';
  /** Stable id for this source within the message (numbering, de-duplication). */
  id: string;
  url?: string;
  title?: string;
  /** The quoted passage, when the provider gives it. */
  citedText?: string;
  /** Anthropic: which document block of the request (0-based). */
  documentIndex?: number;
  /** Provider file id, when the cited document was an uploaded file. */
  fileId?: string;
}

/** An attachment: an image or a document, inline (`data:`) or by `https:` URL. */
export interface FilePart {
  type: 'file';
  /** IANA media type: `image/png`, `application/pdf`, … */
  mediaType: string;
  /** A `data:<mediaType>;base64,…` URL or an `https:` URL. */
  url: string;
  /** File name shown to the user (and to providers that take one). */
  name?: string;
  /** Size in bytes, when known. */
  size?: number;
}

/** Custom data a server streams for generative UI; a part with the same `name` and `id` replaces it. */
export interface DataPart<Name extends string = string, Data = unknown> {
  type: 'data';
  name: Name;
  data: Data;
  id?: string;
}

/** The boundary between two steps (model calls) of one reply. */
export interface StepStartPart {
  type: 'step-start';
}

/** Maps data-part names to their payload types: `MessagePart<{ weather: { city: string } }>`. */
export type DataPartTypes = Record<string, unknown>;

/** The data parts a `DataPartTypes` map allows. */
export type DataPartOf<Types extends DataPartTypes> = {
  [Name in keyof Types & string]: DataPart<Name, Types[Name]>;
}[keyof Types & string];

export type MessagePart<DataTypes extends DataPartTypes = DataPartTypes> =
  | TextPart
  | ReasoningPart
  | ToolCallPart
  | SourcePart
  | FilePart
  | DataPartOf<DataTypes>
  | StepStartPart;

/** The text parts joined: what `Message.content` shows. */
export function textOf(parts: readonly MessagePart[]): string {
  let text = '';
  for (const part of parts) if (part.type === 'text') text += part.text;
  return text;
}

export function toolCallsOf(parts: readonly MessagePart[]): ToolCallPart[] {
  return parts.filter((part): part is ToolCallPart => part.type === 'tool-call');
}

/** Whether the call reached an end state: it has an output, an error or a denial to send back. */
export function isToolCallSettled(part: ToolCallPart): boolean {
  return part.state === 'output-available' || part.state === 'output-error' || part.state === 'output-denied';
}

export function canTransition(from: ToolCallState, to: ToolCallState): boolean {
  return TOOL_CALL_TRANSITIONS[from].includes(to);
}

/**
 * Splits an assistant message's parts into steps (one model call each). A step ends at a
 * `step-start` part, and also where text or reasoning follows a tool call — the model cannot see
 * a tool's result before the next call, so that text belongs to the next step even when no
 * boundary was recorded. `step-start` parts themselves are not in the result; empty steps are dropped.
 */
export function splitSteps<Part extends MessagePart>(parts: readonly Part[]): Part[][] {
  const steps: Part[][] = [];
  let step: Part[] = [];
  let sawToolCall = false;
  const close = () => {
    if (step.length > 0) steps.push(step);
    step = [];
    sawToolCall = false;
  };
  for (const part of parts) {
    if (part.type === 'step-start') {
      close();
      continue;
    }
    if ((part.type === 'text' || part.type === 'reasoning') && sawToolCall) close();
    if (part.type === 'tool-call') sawToolCall = true;
    step.push(part);
  }
  close();
  return steps;
}
