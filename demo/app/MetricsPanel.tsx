import type { ReplyMetrics } from './use-reply-metrics';

const ms = (value: number | undefined) => (value === undefined ? '—' : value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`);

/** Time to first token and speed of the last reply, plus what the client did to get it. */
export function MetricsPanel({ metrics }: { metrics: ReplyMetrics }) {
  const rows: Array<[string, string, string]> = [
    ['ttft', 'Time to first token', ms(metrics.timeToFirstToken)],
    ['tps', 'Tokens per second', metrics.tokensPerSecond === undefined ? '—' : metrics.tokensPerSecond.toFixed(1)],
    ['tokens', 'Output tokens', String(metrics.tokens)],
    ['duration', 'Streaming time', ms(metrics.duration)],
    ['retries', 'Retries', String(metrics.retries)],
    ['resumes', 'Resumed after a drop', String(metrics.resumes)],
  ];
  return (
    <section className="demo-panel demo-metrics" aria-labelledby="demo-metrics-title" data-state={metrics.state}>
      <h2 id="demo-metrics-title">
        Last reply <span className={`demo-state demo-state-${metrics.state}`}>{metrics.state}</span>
      </h2>
      <dl>
        {rows.map(([key, label, value]) => (
          <div key={key} data-metric={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
