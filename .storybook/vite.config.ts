import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Used by Storybook only (see main.ts). Stories import the sources directly (../src/...).
export default defineConfig({
  plugins: [react()],
});
