import { useEffect } from 'react';

/** The CSS variable demo.css sizes the page with (falls back to 100dvh without it). */
export const VIEWPORT_HEIGHT_VAR = '--demo-viewport-height';
/** Set on <html> while little height is visible (a keyboard is up): demo.css drops the title. */
export const SHORT_VIEWPORT_ATTR = 'data-short-viewport';
const SHORT_VIEWPORT_PX = 480;

/**
 * Keeps the page as tall as the part of it the user can see. An on-screen keyboard shrinks the
 * visual viewport but not always the layout viewport (iOS Safari; Chrome on Android by default),
 * so `100dvh` alone would leave the composer under the keyboard. Pinch zoom shrinks the visual
 * viewport too: then the page keeps its size (zooming is not a smaller screen).
 */
export function useVisualViewportHeight(): void {
  useEffect(() => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    const root = document.documentElement;
    const update = () => {
      const zoomed = Math.abs(viewport.scale - 1) > 0.01;
      if (zoomed) root.style.removeProperty(VIEWPORT_HEIGHT_VAR);
      else root.style.setProperty(VIEWPORT_HEIGHT_VAR, `${Math.round(viewport.height)}px`);
      root.toggleAttribute(SHORT_VIEWPORT_ATTR, !zoomed && viewport.height < SHORT_VIEWPORT_PX);
    };
    update();
    viewport.addEventListener('resize', update);
    return () => {
      viewport.removeEventListener('resize', update);
      root.style.removeProperty(VIEWPORT_HEIGHT_VAR);
      root.removeAttribute(SHORT_VIEWPORT_ATTR);
    };
  }, []);
}
