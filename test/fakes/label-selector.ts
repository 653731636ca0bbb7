/**
 * Label selectors as kube-apiserver applies them (apimachinery labels.Parse): equality (=, ==, !=),
 * sets (in, notin) and existence (key, !key), comma-separated and all required. The fakes filter
 * with it so a check that sends the wrong selector gets the wrong objects, as on a real cluster.
 */
export type Requirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: '=' | '!='; values: [string] };

export class SelectorError extends Error {}

const KEY = '[A-Za-z0-9][-A-Za-z0-9_./]*';
const VALUE = '[-A-Za-z0-9_.]*';
const SET = new RegExp(String.raw`^(${KEY})\s+(in|notin)\s+\(\s*(${VALUE}(?:\s*,\s*${VALUE})*)\s*\)$`);
const EQUALITY = new RegExp(String.raw`^(${KEY})\s*(==|=|!=)\s*(${VALUE})$`);
const EXISTS = new RegExp(String.raw`^(!?)\s*(${KEY})$`);

/** Splits on the commas between requirements, not the ones inside `in (a,b)`. */
function terms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((t) => t.trim());
}

export function parseLabelSelector(selector: string): Requirement[] {
  if (selector.trim() === '') return [];
  return terms(selector).map((term): Requirement => {
    const set = SET.exec(term);
    if (set) return { key: set[1] as string, op: set[2] as 'in' | 'notin', values: (set[3] as string).split(',').map((v) => v.trim()) };
    const eq = EQUALITY.exec(term);
    if (eq) return { key: eq[1] as string, op: eq[2] === '!=' ? '!=' : '=', values: [eq[3] as string] };
    const exists = EXISTS.exec(term);
    if (exists) return { key: exists[2] as string, op: exists[1] ? 'notexists' : 'exists' };
    throw new SelectorError(`unable to parse requirement: ${JSON.stringify(term)}`);
  });
}

export function matchesLabels(labels: Record<string, string> | undefined, requirements: Requirement[]): boolean {
  return requirements.every((r) => {
    const has = labels !== undefined && Object.hasOwn(labels, r.key);
    const value = has ? labels[r.key] : undefined;
    if (!('values' in r)) return r.op === 'exists' ? has : !has;
    const listed = has && r.values.includes(value as string);
    // != and notin also match objects without the label, as on the API server
    return r.op === '=' || r.op === 'in' ? listed : !listed;
  });
}
