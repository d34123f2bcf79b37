import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  framework: {
    name: '@storybook/react-vite',
    options: {
      // Storybook's own Vite config: the project's vite.config.ts builds the library (lib mode,
      // a styles.css emitter) and has nothing Storybook needs but the React plugin.
      builder: { viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) },
    },
  },
  // Controls, actions, toolbars, viewport, backgrounds and interactions are built into Storybook 10.
  addons: [],
  core: { disableTelemetry: true },
};

export default config;
