import { lazy, Suspense } from 'react';
import type { FilePartViewProps } from './FilePartView';

// Loaded the first time a message has a file: a chat without attachments does not carry it.
const FilePartChunk = lazy(() => import('./FilePartView').then((module) => ({ default: module.FilePartView })));

/** FilePartView, from its own chunk (shows once that chunk is in). */
export function LazyFilePartView(props: FilePartViewProps) {
  return (
    <Suspense fallback={null}>
      <FilePartChunk {...props} />
    </Suspense>
  );
}
