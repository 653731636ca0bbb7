import type { Incident } from '../knowledge/schema.js';
import type { LazyRange } from './snapshot-file.js';

/**
 * An incident restored from a knowledge snapshot: it reads like the compiled one (every field of
 * the YAML, enumerable, in the YAML's order, for JSON, spreading and Object.keys), but its values
 * are parsed on first read, in two groups: the fields ranking and the runbook search read, and the
 * rest. Each is a Proxy over a small state object with one handler per field order: defining a
 * dozen accessors on each of 10,000 incidents took a tenth of their load, a Proxy costs one
 * allocation. It is read-only, like every incident a catalog holds.
 */
interface State {
  id: string;
  hotRange: LazyRange;
  restRange: LazyRange;
  hot?: Record<string, unknown>;
  rest?: Record<string, unknown>;
}

export type StoredIncidentMaker = (id: string, order: readonly string[], hot: LazyRange, rest: LazyRange) => Incident;

/** Incidents whose hot group holds `hotFields`, their texts read by `read`. */
export function storedIncidents(hotFields: ReadonlySet<string>, read: (range: LazyRange) => unknown): StoredIncidentMaker {
  const fieldValue = (state: State, key: string): unknown => {
    if (key === 'id') return state.id;
    if (hotFields.has(key)) {
      state.hot ??= read(state.hotRange) as Record<string, unknown>;
      return state.hot[key];
    }
    state.rest ??= read(state.restRange) as Record<string, unknown>;
    return state.rest[key];
  };
  const handlers = new Map<readonly string[], ProxyHandler<State>>();
  const handlerFor = (order: readonly string[]): ProxyHandler<State> => {
    const fields = new Set(order);
    const refuse = () => {
      throw new TypeError('an incident of a loaded catalog is read-only');
    };
    return {
      // anything else is what a plain object inherits (toString, hasOwnProperty), never the state
      get: (state, key) => (typeof key === 'string' && fields.has(key) ? fieldValue(state, key) : Reflect.get(Object.prototype, key)),
      has: (_state, key) => typeof key === 'string' && fields.has(key),
      ownKeys: () => [...order],
      getOwnPropertyDescriptor: (state, key) =>
        typeof key === 'string' && fields.has(key)
          ? { value: fieldValue(state, key), enumerable: true, configurable: true, writable: false }
          : undefined,
      set: refuse,
      defineProperty: refuse,
      deleteProperty: refuse,
    };
  };
  return (id, order, hotRange, restRange) => {
    let handler = handlers.get(order);
    if (!handler) {
      handler = handlerFor(order);
      handlers.set(order, handler);
    }
    return new Proxy<State>({ id, hotRange, restRange }, handler) as unknown as Incident;
  };
}
