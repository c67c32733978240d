/** Rendering for humans and scripts: colours only on a terminal (NO_COLOR respected), aligned tables, JSON. */
import Table from 'cli-table3';
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/** Colours for a stream: on when it is a TTY, unless NO_COLOR is set (or TERM=dumb); FORCE_COLOR turns them on. */
export function colorsFor(stream: NodeJS.WriteStream): Colors {
  const env = process.env;
  const forced = env['FORCE_COLOR'] !== undefined && !['', '0', 'false'].includes(env['FORCE_COLOR']);
  const disabled = (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') || env['TERM'] === 'dumb';
  return pc.createColors(forced || (!disabled && stream.isTTY === true));
}

export const out = colorsFor(process.stdout);
export const err = colorsFor(process.stderr);

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '   ',
};

/** A borderless table with a bold header row, columns aligned like `kubectl get`. */
export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({
    head: head.map((h) => out.bold(h)),
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const r of rows) t.push(r.map(String));
  return trimLines(t.toString());
}

/** Label/value pairs, labels aligned. */
export function keyValues(pairs: [string, string | number | undefined][]): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${out.dim(`${k}:`.padEnd(width + 1))}  ${v}`)
    .join('\n');
}

function trimLines(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n');
}

/** Pretty JSON for `--output json`, with dates as ISO strings and byte arrays as base64. */
export function printJson(value: unknown): void {
  process.stdout.write(
    JSON.stringify(
      value,
      (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v),
      2,
    ) + '\n',
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}
