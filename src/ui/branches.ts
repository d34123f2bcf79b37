// ai-stream-kit/ui/branches: the edit and branch components on their own, for your own layout.
// <Message> loads them with Edit and Regenerate as one chunk (message-actions.tsx; <Chat/> fetches
// it once the chat has messages or the user types); an entry of their own keeps them out of the `ai-stream-kit/ui` bundle.
export { BranchPicker, type BranchPickerProps } from './BranchPicker';
export { MessageEditor, type MessageEditorProps } from './MessageEditor';
