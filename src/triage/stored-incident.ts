import type { Incident } from '../knowledge/schema.js';
import type { LazyRange } from './snapshot-file.js';

/**
 * An incident restored from a knowledge snapshot: an object with every field of the YAML, in its
 * order, whose values are parsed on first read, in two groups (the fields ranking and the runbook
 * search read, and the rest). The accessors are shared by every incident with the same field
 * order, and each incident holds only its id and where its two texts are: a load of 10,000
 * incidents allocates no closure per field.
 */
const STATE = Symbol('stored incident');

interface State {
  id: string;
  hotRange: LazyRange;
  restRange: LazyRange;
  hot?: Record<string, unknown>;
  rest?: Record<string, unknown>;
}

type Stored = { [STATE]: State };

export type StoredIncidentMaker = (id: string, order: readonly string[], hot: LazyRange, rest: LazyRange) => Incident;

/** Incidents whose hot group holds `hotFields`, their texts read by `read`. */
export function storedIncidents(hotFields: ReadonlySet<string>, read: (range: LazyRange) => unknown): StoredIncidentMaker {
  const getters = new Map<string, (this: Stored) => unknown>();
  const getter = (key: string) => {
    let get = getters.get(key);
    if (!get) {
      if (key === 'id')
        get = function (this: Stored) {
          return this[STATE].id;
        };
      else if (hotFields.has(key))
        get = function (this: Stored) {
          const state = this[STATE];
          state.hot ??= read(state.hotRange) as Record<string, unknown>;
          return state.hot[key];
        };
      else
        get = function (this: Stored) {
          const state = this[STATE];
          state.rest ??= read(state.restRange) as Record<string, unknown>;
          return state.rest[key];
        };
      getters.set(key, get);
    }
    return get;
  };
  const descriptors = new Map<readonly string[], PropertyDescriptorMap>();
  return (id, order, hotRange, restRange) => {
    let fields = descriptors.get(order);
    if (!fields) {
      fields = Object.fromEntries(order.map((key) => [key, { get: getter(key), enumerable: true, configurable: true }]));
      descriptors.set(order, fields);
    }
    // not enumerable: spreading or serialising an incident copies its fields, never this
    const incident = Object.defineProperty({}, STATE, { value: { id, hotRange, restRange } satisfies State });
    return Object.defineProperties(incident, fields) as unknown as Incident;
  };
}
