#!/usr/bin/env node
// `npm start`: builds the demo page when its sources changed, then serves it and the chat
// endpoint from one local Node server. The server is TypeScript, loaded through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./server/main.ts');
await main();
