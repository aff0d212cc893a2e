import type { GeminiPartialArg } from './gemini-types.js';

type Segment = string | number;

/**
 * The segments of an RFC 9535 JSON path as Gemini sends them in partialArgs:
 * `$.recipe.ingredients[0].name` → ['recipe', 'ingredients', 0, 'name']. Bracketed quoted
 * names (`$['a b']`) are understood too. Undefined when the path is not of that form.
 */
export function parseGeminiJsonPath(path: string): Segment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const out: Segment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      const m = /^[^.[\]]+/.exec(path.slice(i + 1));
      if (!m) return undefined;
      out.push(m[0]);
      i += 1 + m[0].length;
    } else if (c === '[') {
      const q = path[i + 1];
      if (q === "'" || q === '"') {
        let name = '';
        let j = i + 2;
        while (j < path.length && path[j] !== q) {
          if (path[j] === '\\' && j + 1 < path.length) j++;
          name += path[j];
          j++;
        }
        if (path[j + 1] !== ']') return undefined;
        out.push(name);
        i = j + 2;
      } else {
        const m = /^(\d+)\]/.exec(path.slice(i + 1));
        if (!m) return undefined;
        out.push(Number(m[1]));
        i += 1 + m[0].length;
      }
    } else {
      return undefined;
    }
  }
  return out;
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

function put(target: Container, key: Segment, value: unknown): void {
  // defineProperty: a key such as `__proto__` becomes a plain own property
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

function get(target: Container, key: Segment): unknown {
  return Object.hasOwn(target, key) ? (target as Record<Segment, unknown>)[key] : undefined;
}

function partialArgValue(arg: GeminiPartialArg): { value: unknown } | undefined {
  if (typeof arg.stringValue === 'string') return { value: arg.stringValue };
  if (typeof arg.numberValue === 'number') return { value: arg.numberValue };
  if (typeof arg.boolValue === 'boolean') return { value: arg.boolValue };
  if ('nullValue' in arg) return { value: null };
  return undefined;
}

export interface PartialArgsAccumulator {
  /** starts from arguments Gemini sent whole (`functionCall.args`) */
  seed(args: Record<string, unknown>): void;
  /** applies one chunk's partialArgs */
  add(args: GeminiPartialArg[]): void;
  /** the arguments so far as JSON text */
  json(): string;
}

/**
 * Rebuilds a function call's arguments from Vertex/Gemini streamed `partialArgs`: each entry
 * sets the value at `jsonPath` (objects and arrays are created along the way); a string value
 * with `willContinue: true` is continued by the next entries for the same path, whose text is
 * appended (the last one often empty).
 */
export function createPartialArgsAccumulator(): PartialArgsAccumulator {
  let root: Record<string, unknown> = {};
  let openStringPath: string | undefined;

  function apply(arg: GeminiPartialArg): void {
    if (!arg || typeof arg.jsonPath !== 'string') return;
    const segments = parseGeminiJsonPath(arg.jsonPath);
    const resolved = partialArgValue(arg);
    const continues = openStringPath === arg.jsonPath;
    openStringPath =
      typeof arg.stringValue === 'string' && arg.willContinue === true ? arg.jsonPath : undefined;
    if (!segments || segments.length === 0 || !resolved) return;

    let container: Container = root;
    for (let k = 0; k < segments.length - 1; k++) {
      const key = segments[k]!;
      let child = get(container, key);
      const wantArray = typeof segments[k + 1] === 'number';
      if (!isContainer(child) || Array.isArray(child) !== wantArray) {
        child = wantArray ? [] : {};
        put(container, key, child);
      }
      container = child as Container;
    }
    const leaf = segments[segments.length - 1]!;
    const existing = get(container, leaf);
    const value =
      continues && typeof existing === 'string' && typeof resolved.value === 'string'
        ? existing + resolved.value
        : resolved.value;
    put(container, leaf, value);
  }

  return {
    seed(args) {
      if (isContainer(args) && !Array.isArray(args)) root = structuredClone(args);
    },
    add(args) {
      if (Array.isArray(args)) for (const arg of args) apply(arg);
    },
    json() {
      return JSON.stringify(root);
    },
  };
}
