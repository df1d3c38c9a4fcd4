// Graph names people can tell apart: an import or a copy whose name is taken gets the next free "Name (n)".

const NAME_MAX = 200;
const NUMBERED = /^(.*) \((\d+)\)$/;

/** `My team` with `My team` taken -> `My team (2)`; with that taken too -> `My team (3)`. Case and spaces count. */
export function distinctName(name: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  // Importing "My team (2)" next to itself counts on from 2, instead of making "My team (2) (2)".
  const base = NUMBERED.exec(name)?.[1] ?? name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, NAME_MAX - suffix.length)}${suffix}`;
    if (!names.has(candidate)) return candidate;
  }
}
