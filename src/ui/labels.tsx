import { createContext, useContext, useMemo, type ReactNode } from 'react';

/** Every piece of text the UI shows on its own. Override any of them for i18n. */
export interface UILabels {
  send: string;
  stop: string;
  retry: string;
  copy: string;
  copied: string;
  copyFailed: string;
  composerLabel: string;
  composerPlaceholder: string;
  error: string;
  errorCode: string;
  errorStatus: string;
  typing: string;
  reasoning: string;
  reasoningStreaming: string;
  toolCall: string;
  toolArguments: string;
  toolResult: string;
  toolStreaming: string;
  toolComplete: string;
  toolInvalid: string;
  /** Tool-call states (message parts); `toolStreaming` is the arguments streaming, `toolComplete` the output. */
  toolWaiting: string;
  toolApprovalRequested: string;
  toolRunning: string;
  toolFailed: string;
  toolDenied: string;
  toolError: string;
  toolDenialReason: string;
  /** The approval prompt; `{tool}` is replaced by the tool's name. */
  toolApprovalPrompt: string;
  toolApprove: string;
  toolDeny: string;
  toolDenyReason: string;
  sources: string;
  /** A cited document without a title; `{n}` is its 1-based index in the request. */
  sourceDocument: string;
  file: string;
  promptTokens: string;
  completionTokens: string;
  totalTokens: string;
  tokens: string;
  cost: string;
  code: string;
  taskDone: string;
  taskOpen: string;
  user: string;
  assistant: string;
  system: string;
  aborted: string;
  /** Announced (to screen readers) when a reply starts. */
  replyStarted: string;
  /** Announced when a reply ends; a short reply's text follows it. */
  replyFinished: string;
  /** Announced when a reply fails (its error shows, and is announced, as an alert). */
  replyFailed: string;
  /** Announced when a tool call waits for the user's approval; `{tool}` is replaced by the tool's name. */
  toolApprovalAnnouncement: string;
  /** Announced when a tool call fails; `{tool}` is replaced by the tool's name. */
  toolFailedAnnouncement: string;
  /** The message list (a `log` region). */
  conversation: string;
  jumpToLatest: string;
  /** Edit a user message (a new version of it; the old one stays as a branch). */
  edit: string;
  /** The inline editor's text box. */
  editMessage: string;
  editSend: string;
  editCancel: string;
  /** A new version of a reply (the old one stays as a branch). */
  regenerate: string;
  /** The branch picker group; `{n}` and `{count}` are replaced (e.g. "Version 2 of 3"), and announced on a switch. */
  branchStatus: string;
  previousBranch: string;
  nextBranch: string;
  /** The composer's attachments (`ComposerAttachments`). */
  attachFiles: string;
  attachments: string;
  /** `{name}` is replaced. */
  removeFile: string;
  /** A refused file: `{name}` (and `{size}`, `{max}`) are replaced. */
  fileTypeRejected: string;
  fileTooLarge: string;
  /** `{max}` is replaced. */
  tooManyFiles: string;
}

/** The labels of Edit, Regenerate and the branch picker: their defaults load with them (edit-labels.ts). */
export type EditLabels = Pick<UILabels, 'edit' | 'editMessage' | 'editSend' | 'editCancel' | 'regenerate' | 'branchStatus' | 'previousBranch' | 'nextBranch'>;
/** The labels of `ComposerAttachments`: their defaults load with it (attachment-labels.ts). */
export type AttachmentLabels = Pick<UILabels, 'attachFiles' | 'attachments' | 'removeFile' | 'fileTypeRejected' | 'fileTooLarge' | 'tooManyFiles'>;

/**
 * The defaults every app loads. The on-demand features' labels (`EditLabels`, `AttachmentLabels`)
 * have theirs in their own modules; `defaultLabels` (all-labels.ts) puts them all together.
 */
export type BaseLabels = Omit<UILabels, keyof EditLabels | keyof AttachmentLabels>;
export const baseLabels: BaseLabels = {
  send: 'Send',
  stop: 'Stop',
  retry: 'Retry',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  composerLabel: 'Message',
  composerPlaceholder: 'Send a message…',
  error: 'Something went wrong',
  errorCode: 'Code',
  errorStatus: 'Status',
  typing: 'Assistant is typing',
  reasoning: 'Reasoning',
  reasoningStreaming: 'Thinking…',
  toolCall: 'Tool',
  toolArguments: 'Arguments',
  toolResult: 'Result',
  toolStreaming: 'Preparing',
  toolComplete: 'Done',
  toolInvalid: 'Invalid arguments',
  toolWaiting: 'Waiting',
  toolApprovalRequested: 'Needs approval',
  toolRunning: 'Running',
  toolFailed: 'Failed',
  toolDenied: 'Denied',
  toolError: 'Error',
  toolDenialReason: 'Reason',
  toolApprovalPrompt: 'Allow {tool} to run?',
  toolApprove: 'Approve',
  toolDeny: 'Deny',
  toolDenyReason: 'Reason for denying (optional)',
  sources: 'Sources',
  sourceDocument: 'Document {n}',
  file: 'File',
  promptTokens: 'Prompt',
  completionTokens: 'Completion',
  totalTokens: 'Total',
  tokens: 'tokens',
  cost: 'Cost',
  code: 'Code',
  taskDone: 'Done',
  taskOpen: 'Not done',
  user: 'You',
  assistant: 'Assistant',
  system: 'System',
  aborted: 'Stopped',
  replyStarted: 'Assistant is replying',
  replyFinished: 'Assistant replied',
  replyFailed: 'Reply failed',
  toolApprovalAnnouncement: 'Approval needed: {tool}',
  toolFailedAnnouncement: 'Tool failed: {tool}',
  conversation: 'Conversation',
  jumpToLatest: 'Jump to latest',
};

const LabelsContext = createContext<Partial<UILabels>>(baseLabels);

export interface LabelsProviderProps {
  labels: Partial<UILabels>;
  children?: ReactNode;
}

/** Overrides labels for everything below it; nested providers merge with the outer ones. */
export function LabelsProvider({ labels, children }: LabelsProviderProps) {
  const outer = useContext(LabelsContext);
  const merged = useMemo(() => ({ ...outer, ...labels }), [outer, labels]);
  return <LabelsContext.Provider value={merged}>{children}</LabelsContext.Provider>;
}

/**
 * The labels in effect: defaults, then any `LabelsProvider`, then a component's own `labels` prop.
 * A component that shows an on-demand feature's labels passes that feature's defaults
 * (`useLabels(labels, editLabels)`): only `baseLabels` are there without them, and the type says
 * so (reading `l.edit` without `editLabels` does not compile).
 */
export function useLabels(overrides?: Partial<UILabels>): BaseLabels;
export function useLabels<Defaults extends Partial<UILabels>>(overrides: Partial<UILabels> | undefined, defaults: Defaults): BaseLabels & Defaults;
export function useLabels(overrides?: Partial<UILabels>, defaults?: Partial<UILabels>): BaseLabels {
  const fromContext = useContext(LabelsContext);
  // The context always holds baseLabels at least (its default value; providers merge over it).
  return useMemo(() => (overrides || defaults ? { ...defaults, ...fromContext, ...overrides } : fromContext) as BaseLabels, [fromContext, overrides, defaults]);
}
