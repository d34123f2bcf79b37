import type { Decorator, Preview } from '@storybook/react-vite';
import '../src/ui/styles.css';
import './preview.css';

export type Theme = 'light' | 'dark';

/** Wraps every story in a container with data-theme, which the stylesheet's --ask-* variables follow. */
const withTheme: Decorator = (Story, context) => {
  const theme: Theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  return (
    <div
      data-theme={theme}
      data-testid="theme-root"
      style={{
        padding: '1.5rem',
        minHeight: context.viewMode === 'docs' ? undefined : '100vh',
        boxSizing: 'border-box',
        fontFamily: 'var(--ask-font)',
      }}
    >
      <Story />
    </div>
  );
};

const preview: Preview = {
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Colour theme: sets data-theme on the story container',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    // The theme container paints the background; it fills the canvas.
    layout: 'fullscreen',
    controls: { sort: 'requiredFirst' },
  },
};

export default preview;
