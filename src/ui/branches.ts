// ai-stream-kit/ui/branches: the edit and branch components on their own, for your own layout.
// <Chat/> and <Message> load them on first use; an entry of their own keeps them out of the
// `ai-stream-kit/ui` bundle of an app that never edits or switches versions.
export { BranchPicker, type BranchPickerProps } from './BranchPicker';
export { MessageEditor, type MessageEditorProps } from './MessageEditor';
