import { apiNotServed } from './api-not-served.js';
import { apiserverFlag } from './apiserver-flag.js';
import { apiServiceAvailable } from './apiservice-available.js';
import type { AnyCheck } from './check.js';
import { clusterVersionHistory } from './clusterversion-history.js';
import { configMapCertAge } from './configmap-cert-age.js';
import { configMapField } from './configmap-field.js';
import { containerState } from './container-state.js';
import { eventsMatching } from './events-matching.js';
import { kubeadmExternalEtcdCert } from './kubeadm-external-etcd-cert.js';
import { liveEvents } from './live-events.js';
import { liveLogs } from './live-logs.js';
import { namespaceTerminating } from './namespace-terminating.js';
import { nodeCondition } from './node-condition.js';
import { nodeInfo } from './node-info.js';
import { oidcIssuer } from './oidc-issuer.js';
import { pdbBlocking } from './pdb-blocking.js';
import { serverVersion } from './server-version.js';
import { serviceAccountAnnotation } from './serviceaccount-annotation.js';
import { servingCertificate } from './serving-certificate.js';
import { workloadImage } from './workload-image.js';

/** Every check, in one place: knowledge entries refer to them by id. */
export const CHECKS: ReadonlyMap<string, AnyCheck> = new Map(
  [
    apiserverFlag,
    oidcIssuer,
    containerState,
    kubeadmExternalEtcdCert,
    serviceAccountAnnotation,
    workloadImage,
    nodeCondition,
    clusterVersionHistory,
    configMapCertAge,
    eventsMatching,
    nodeInfo,
    configMapField,
    liveLogs,
    liveEvents,
    pdbBlocking,
    namespaceTerminating,
    apiNotServed,
    servingCertificate,
    serverVersion,
    apiServiceAvailable,
  ].map((check) => [check.id, check as AnyCheck]),
);
