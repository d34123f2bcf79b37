// Small inline icons (stroke = currentColor). Decorative: buttons carry text labels.
const paths = {
  copy: 'M9 9h10v10H9zM5 15V5h10',
  check: 'M5 12l5 5L19 7',
  stop: 'M7 7h10v10H7z',
  send: 'M12 19V5M5 12l7-7 7 7',
  retry: 'M4 12a8 8 0 1 0 2.3-5.6M4 4v4h4',
  alert: 'M12 8v5M12 16.5v.5M3 20h18L12 4z',
  down: 'M12 5v14M5 12l7 7 7-7',
};


export type IconName = keyof typeof paths;

/** One of the icons above by `name`, or a 24×24 stroke path `d` (an on-demand feature's icons live with it). */
export function Icon({ name, d }: { name: IconName; d?: undefined } | { name?: undefined; d: string }) {
  return (
    // Stroke and fill come from .ask-icon in the stylesheet.
    <svg className="ask-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path d={d ?? paths[name!]} />
    </svg>
  );
}
