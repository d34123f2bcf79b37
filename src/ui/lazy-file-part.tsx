import type { FilePartViewProps, MessageFilesProps } from './FilePartView';
import { lazyComponent } from './lazy-component';

// Loaded the first time a message has a file: a chat without attachments does not carry it.
const load = () => import('./FilePartView');
/** FilePartView, from its own chunk (shows once that chunk is in). */
export const LazyFilePartView = lazyComponent<FilePartViewProps>(() => load().then((module) => module.FilePartView));
/** The files of a user or system message, above its text (from the same chunk). */
export const LazyMessageFiles = lazyComponent<MessageFilesProps>(() => load().then((module) => module.MessageFiles));
