/** Markdown tables and the figures the bench's reports share. */

/** CPU milliseconds a process spent per operation, from the cores it kept busy and the throughput. */
export const cpuMsPer = (cores: number | undefined, perSecond: number) =>
  perSecond && cores !== undefined ? Math.round((cores * 10_000) / perSecond) / 10 : 'n/a';

/** "server 1.02 · database 0.3 · …": the cores each process kept busy. */
export const coresOf = (cores: Record<string, number>) =>
  Object.entries(cores)
    .map(([name, n]) => `${name} ${n}`)
    .join(' · ');

/** A markdown table. */
export function table(head: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "3× message; 1× other", or 0. */
export const errorsOf = (errors: Record<string, number>) =>
  Object.entries(errors)
    .map(([message, n]) => `${n}× ${message}`)
    .join('; ') || '0';
