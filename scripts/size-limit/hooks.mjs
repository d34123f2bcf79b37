import { upFrontConfig } from './up-front.mjs';

export default upFrontConfig('hooks', `export { useChatStream } from './src/react/index.ts';`);
