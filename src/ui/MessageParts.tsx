import { memo, useCallback, type ReactNode } from 'react';
import { LazyFilePartView } from './lazy-file-part';
import type { Highlighter } from './highlighter';
import type { ImagePolicy } from './markdown/safe-url';
import type { MathRenderer } from './MathFormula';
import type { UILabels } from './labels';
import type { MarkdownComponents } from './markdown/render';
import { LazyReasoningView, LazySourceList, LazyToolCallView } from './lazy-part-views';
import { StreamingMarkdown } from './StreamingMarkdown';
import { TypingIndicator } from './TypingIndicator';
import type { DataPart, DataPartTypes, MessagePart, SourcePart, ToolCallPart } from '../core/message-parts';
import type { Message } from '../core/types';

// A function type whose parameter is checked bivariantly (React's own trick for handlers), so a
// renderer typed for one data payload fits a map typed for `unknown` payloads.
type Renderer<Props> = { bivarianceHack(props: Props): ReactNode }['bivarianceHack'];

/** What a `toolRenderers` component gets: the call, and its answers already bound to the call's id. */
export interface ToolRendererProps {
  part: ToolCallPart;
  /** Answers the call (a tool without `execute`, e.g. a date picker answering `pick_date`). */
  addToolResult: (output: unknown) => void;
  approve: () => void;
  deny: (reason?: string) => void;
}

/** Tool name → the component that shows its calls instead of `ToolCallView`. */
export type ToolRenderers = Record<string, Renderer<ToolRendererProps>>;

export interface DataPartProps<Name extends string = string, Data = unknown> {
  part: DataPart<Name, Data>;
  data: Data;
}

/** Data-part name → its component; typed by the same map as `MessagePart<DataTypes>`. Unknown names render nothing. */
export type DataRenderers<Types extends DataPartTypes = DataPartTypes> = {
  [Name in keyof Types & string]?: Renderer<DataPartProps<Name, Types[Name]>>;
};

/** The tool loop's answers, by tool call id: `useChatStream`'s `addToolResult`, `approveToolCall`, `denyToolCall` fit as they are. */
export interface ToolCallbacks {
  onToolResult?: (toolCallId: string, output: unknown) => void;
  onApprove?: (toolCallId: string) => void;
  onDeny?: (toolCallId: string, reason?: string) => void;
}

export interface MessagePartsProps extends ToolCallbacks {
  parts: readonly MessagePart[];
  /** The message's status: the last part streams while it is `streaming`. */
  status?: Message['status'];
  toolRenderers?: ToolRenderers;
  dataRenderers?: DataRenderers;
  highlighter?: Highlighter;
  components?: MarkdownComponents;
  /** Image policy and math renderer for text parts; see `StreamingMarkdown`. */
  images?: ImagePolicy;
  math?: MathRenderer;
  labels?: Partial<UILabels>;
}

/** Equal when every prop is the same object, or — for `part`/`sources` — has the same fields. */
function sameProps<Props extends object>(prev: Props, next: Props): boolean {
  for (const key of Object.keys(next) as (keyof Props)[]) {
    const a = prev[key];
    const b = next[key];
    if (a === b) continue;
    if (key === 'part' ? !shallowEqual(a, b) : key === 'sources' || key === 'numbers' ? !sameItems(a, b) : true) return false;
  }
  return Object.keys(prev).length === Object.keys(next).length;
}

function shallowEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return a === b;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key]);
}

function sameItems(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((item, i) => shallowEqual(item, b[i]));
}

interface TextSlotProps {
  part: MessagePart & { type: 'text' };
  streaming: boolean;
  incomplete: boolean;
  highlighter?: Highlighter;
  components?: MarkdownComponents;
  images?: ImagePolicy;
  math?: MathRenderer;
  labels?: Partial<UILabels>;
}

// Finished parts keep equal props while the last one streams, so React skips them.
const TextSlot = memo(function TextSlot({ part, ...props }: TextSlotProps) {
  return <StreamingMarkdown content={part.text} {...props} />;
}, sameProps);

const ReasoningSlot = memo(function ReasoningSlot({ part, streaming, labels }: { part: MessagePart & { type: 'reasoning' }; streaming: boolean; labels?: Partial<UILabels> }) {
  // Redacted (encrypted) thinking has no text to show.
  return part.text ? <LazyReasoningView reasoning={part.text} streaming={streaming} labels={labels} /> : null;
}, sameProps);

interface ToolSlotProps extends ToolCallbacks {
  part: ToolCallPart;
  toolRenderers?: ToolRenderers;
  labels?: Partial<UILabels>;
}

const ToolSlot = memo(function ToolSlot({ part, toolRenderers, onToolResult, onApprove, onDeny, labels }: ToolSlotProps) {
  const { id } = part;
  const addToolResult = useCallback((output: unknown) => onToolResult?.(id, output), [id, onToolResult]);
  const approve = useCallback(() => onApprove?.(id), [id, onApprove]);
  const deny = useCallback((reason?: string) => onDeny?.(id, reason), [id, onDeny]);
  const Custom = toolRenderers?.[part.name];
  if (Custom) return <Custom part={part} addToolResult={addToolResult} approve={approve} deny={deny} />;
  return <LazyToolCallView toolCall={part} onApprove={onApprove} onDeny={onDeny} labels={labels} />;
}, sameProps);

const SourceSlot = memo(function SourceSlot({ sources, numbers, labels }: { sources: SourcePart[]; numbers: number[]; labels?: Partial<UILabels> }) {
  return <LazySourceList sources={sources} numberOf={(_, i) => numbers[i]!} labels={labels} />;
}, sameProps);

const DataSlot = memo(function DataSlot({ part, dataRenderers }: { part: DataPart; dataRenderers?: DataRenderers }) {
  const Custom = dataRenderers?.[part.name];
  return Custom ? <Custom part={part} data={part.data} /> : null;
}, sameProps);

/**
 * A reply's parts in stream order: markdown text, reasoning, tool calls (or an app's own tool UI
 * from `toolRenderers`), numbered sources, data parts through `dataRenderers`, files, and a thin
 * rule between steps. Only the last part streams; the others are memoised on their fields.
 */
export function MessageParts({ parts, status, toolRenderers, dataRenderers, highlighter, components, images, math, labels, onToolResult, onApprove, onDeny }: MessagePartsProps) {
  const streaming = status === 'streaming';
  const incomplete = status === 'aborted' || status === 'error';
  const last = parts.length - 1;
  const sourceNumbers = new Map<string, number>();
  const out: ReactNode[] = [];
  for (let i = 0; i <= last; i++) {
    const part = parts[i]!;
    switch (part.type) {
      case 'text':
        out.push(<TextSlot key={i} part={part} streaming={streaming && i === last} incomplete={incomplete && i === last} highlighter={highlighter} components={components} images={images} math={math} labels={labels} />);
        break;
      case 'reasoning':
        out.push(<ReasoningSlot key={i} part={part} streaming={streaming && i === last} labels={labels} />);
        break;
      case 'tool-call':
        out.push(<ToolSlot key={`tool:${part.id}`} part={part} toolRenderers={toolRenderers} onToolResult={onToolResult} onApprove={onApprove} onDeny={onDeny} labels={labels} />);
        break;
      case 'source': {
        // Neighbouring sources form one list, numbered by first appearance in the message.
        const sources: SourcePart[] = [];
        const start = i;
        for (; i <= last && parts[i]!.type === 'source'; i++) {
          const source = parts[i] as SourcePart;
          if (sources.some((seen) => seen.id === source.id)) continue;
          if (!sourceNumbers.has(source.id)) sourceNumbers.set(source.id, sourceNumbers.size + 1);
          sources.push(source);
        }
        i--;
        out.push(<SourceSlot key={start} sources={sources} numbers={sources.map((s) => sourceNumbers.get(s.id)!)} labels={labels} />);
        break;
      }
      case 'data':
        out.push(<DataSlot key={part.id === undefined ? i : `data:${part.name}:${part.id}`} part={part} dataRenderers={dataRenderers} />);
        break;
      case 'file':
        out.push(<LazyFilePartView key={i} part={part} labels={labels} />);
        break;
      case 'step-start':
        // A boundary before the first step separates nothing.
        if (out.length > 0) out.push(<hr key={i} className="ask-step" />);
        break;
    }
  }
  // Between steps (the tool results went back, the next step has not started writing).
  if (streaming && parts[last]?.type === 'step-start') out.push(<TypingIndicator key="typing" labels={labels} />);
  return out;
}
