import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';

export const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(BENCH);
export const TMP = join(BENCH, '.tmp');
export const RESULTS = join(BENCH, 'results');
export const SRC = join(ROOT, 'src');
mkdirSync(TMP, { recursive: true });
mkdirSync(RESULTS, { recursive: true });
