import type { ReadDeclaration } from '../checks/check.js';
import { SCAN_NAMESPACES } from './namespaces.js';

/** What `scan` reads, declared like a check's reads so the generated RBAC grants exactly this. */
export const SCAN_READS: ReadDeclaration[] = [
  { apiGroup: '', resource: 'nodes', verb: 'list' },
  // Warning events in every namespace, through whichever event API the cluster serves
  { apiGroup: '', resource: 'events', verb: 'list' },
  { apiGroup: 'events.k8s.io', resource: 'events', verb: 'list' },
  ...SCAN_NAMESPACES.flatMap((namespace): ReadDeclaration[] => [
    { apiGroup: '', resource: 'pods', verb: 'list', namespace },
    { apiGroup: '', resource: 'pods/log', verb: 'get', namespace },
  ]),
];
