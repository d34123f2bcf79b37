import { cx } from './class-names';
import { useLabels, type UILabels } from './labels';
import type { Usage } from '../core/types';

/** Price per 1,000 tokens: one rate, or separate prompt and completion rates. */
export type TokenPrice = number | { prompt: number; completion: number };

export interface UsageMeterProps {
  usage: Partial<Usage>;
  /** The cost, when you know it. Otherwise give `pricePer1k` and it is worked out. */
  cost?: number;
  pricePer1k?: TokenPrice;
  /** ISO 4217 code. Default 'USD'. */
  currency?: string;
  /** Locale for number formatting. Default: the browser's. */
  locale?: string;
  className?: string;
  labels?: Partial<UILabels>;
}

export function costOf(usage: Partial<Usage>, price: TokenPrice): number {
  const prompt = usage.promptTokens ?? 0;
  const completion = usage.completionTokens ?? 0;
  if (typeof price === 'number') return ((usage.totalTokens ?? prompt + completion) * price) / 1000;
  return (prompt * price.prompt + completion * price.completion) / 1000;
}

/** Token counts (prompt, completion, total) and, when known, what they cost. */
export function UsageMeter({ usage, cost, pricePer1k, currency = 'USD', locale, className, labels }: UsageMeterProps) {
  const l = useLabels(labels);
  const { promptTokens: prompt, completionTokens: completion } = usage;
  const amount = cost ?? (pricePer1k !== undefined ? costOf(usage, pricePer1k) : undefined);
  const count = (n: number) => n.toLocaleString(locale);
  const row = (key: string, label: string, value: string) => (
    <div className={`ask-usage-${key}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl className={cx('ask-usage', className)}>
      {prompt !== undefined && row('prompt', l.promptTokens, count(prompt))}
      {completion !== undefined && row('completion', l.completionTokens, count(completion))}
      {row('total', l.totalTokens, `${count(usage.totalTokens ?? (prompt ?? 0) + (completion ?? 0))} ${l.tokens}`)}
      {/* Sub-cent costs are the norm per reply: keep enough digits to see them. */}
      {amount !== undefined && row('cost', l.cost, amount.toLocaleString(locale, { style: 'currency', currency, maximumFractionDigits: amount >= 1 ? 2 : 4 }))}
    </dl>
  );
}
