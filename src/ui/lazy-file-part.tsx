import type { FilePartViewProps } from './FilePartView';
import { lazyComponent } from './lazy-component';

// Loaded the first time a message has a file: a chat without attachments does not carry it.
/** FilePartView, from its own chunk (shows once that chunk is in). */
export const LazyFilePartView = lazyComponent<FilePartViewProps>(() => import('./FilePartView').then((module) => module.FilePartView));
