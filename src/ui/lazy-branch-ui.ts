import { lazy } from 'react';

// Loaded the first time a message has versions or is edited: a chat that never branches does not carry them.
export const LazyBranchPicker = lazy(() => import('./BranchPicker').then((module) => ({ default: module.BranchPicker })));
export const LazyMessageEditor = lazy(() => import('./MessageEditor').then((module) => ({ default: module.MessageEditor })));
