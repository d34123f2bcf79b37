import { upFrontConfig } from './up-front.mjs';

export default upFrontConfig('chat', `export { Chat } from './src/ui/index.ts';`);
