/**
 * A label with its `{placeholders}` filled in: `fill('Remove {name}', { name })`. The values go in
 * as they are (a replacer function, so `$&`, `$'` or `$$` in a file name or title stay literal);
 * a placeholder without a value stays as written.
 */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (match, key: string) => String(values[key] ?? match));
