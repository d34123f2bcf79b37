interface Props {
  scenarios: Array<{ command: string; description: string }>;
  disabled: boolean;
  onPick: (command: string) => void;
}

/** The demo model's scenarios; clicking one sends it. */
export function ScenarioList({ scenarios, disabled, onPick }: Props) {
  if (scenarios.length === 0) return null;
  return (
    <section className="demo-panel demo-scenarios" aria-labelledby="demo-scenarios-title">
      <h2 id="demo-scenarios-title">Try a scenario</h2>
      <ul>
        {scenarios.map(({ command, description }) => {
          const sendable = command.startsWith('/');
          return (
            <li key={command}>
              {sendable ? (
                <button type="button" className="demo-command" disabled={disabled} onClick={() => onPick(command)}>
                  {command}
                </button>
              ) : (
                <span className="demo-command demo-command-static">{command}</span>
              )}
              <span className="demo-scenario-description">{description}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
