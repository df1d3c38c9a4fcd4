// Reads a child's `--key=value` arguments; a benchmark child is always started by the harness with these.

export type Args = Map<string, string>;

export function parseArgs(argv: readonly string[] = process.argv.slice(2)): Args {
  const args: Args = new Map();
  for (const arg of argv) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (match) args.set(match[1]!, match[2] ?? 'true');
  }
  return args;
}

export function argString(args: Args, key: string, fallback?: string): string {
  const value = args.get(key) ?? fallback;
  if (value === undefined) throw new Error(`Missing argument --${key}`);
  return value;
}

export function argNumber(args: Args, key: string, fallback?: number): number {
  const raw = args.get(key);
  const value = raw === undefined ? fallback : Number(raw);
  if (value === undefined || !Number.isFinite(value)) throw new Error(`Argument --${key} must be a number`);
  return value;
}

export function toArgv(values: Record<string, string | number | boolean>): string[] {
  return Object.entries(values).map(([key, value]) => `--${key}=${value}`);
}
