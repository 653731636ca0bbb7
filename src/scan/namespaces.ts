/**
 * Where a scan reads logs: the namespaces system components and the common add-ons run in. A
 * namespace the cluster does not have lists no pods; one the bot is not granted (its kustomize
 * component not applied) is reported as unread with the component to apply, never as a failure.
 */
export const SCAN_NAMESPACES: readonly string[] = [
  'kube-system',
  // CNI
  'kube-flannel',
  'calico-system',
  'tigera-operator',
  // ingress and certificates
  'ingress-nginx',
  'cert-manager',
  // OpenShift's own system namespaces
  'openshift-dns',
  'openshift-sdn',
  'openshift-ovn-kubernetes',
  'openshift-multus',
];
