import { z } from 'zod';

/**
 * What may go into an API path. Check parameters come from knowledge files, which may come from a
 * team's own repository: a value is a Kubernetes name or it is refused at load, with file and
 * field, long before it could be spliced into a URL. The rules are the API server's own
 * (apimachinery validation: IsDNS1123Label, IsDNS1123Subdomain, qualified names).
 */
const LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = '(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?';
const SELECTOR_KEY =
  '(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const QUALIFIED_NAME = new RegExp(`^${SELECTOR_KEY}$`);
/** One requirement of a label selector: key, !key, key=v, key==v, key!=v, key in (a,b), key notin (a,b). */
const REQUIREMENT = `(?:!?${SELECTOR_KEY}|${SELECTOR_KEY}\\s*(?:==?|!=)\\s*${LABEL_VALUE}|${SELECTOR_KEY}\\s+(?:in|notin)\\s+\\(\\s*${LABEL_VALUE}(?:\\s*,\\s*${LABEL_VALUE})*\\s*\\))`;
const LABEL_SELECTOR = new RegExp(`^${REQUIREMENT}(?:\\s*,\\s*${REQUIREMENT})*$`);

/** A namespace, or a container name: a DNS-1123 label (at most 63 characters). */
export const dns1123Label = z
  .string()
  .max(63)
  .regex(LABEL, 'must be a Kubernetes name (DNS-1123 label): lowercase letters, digits and "-", at most 63 characters');

export const namespaceName = dns1123Label.describe('namespace (a DNS-1123 label)');

/** The name of a ConfigMap, ServiceAccount, DaemonSet, Deployment: a DNS-1123 subdomain. */
export const objectName = z
  .string()
  .max(253)
  .regex(SUBDOMAIN, 'must be a Kubernetes object name (DNS-1123 subdomain): lowercase letters, digits, "-" and "."');

/** A label or annotation key (prefix/name); it selects inside an object and never reaches a path. */
export const qualifiedName = z
  .string()
  .max(317)
  .regex(QUALIFIED_NAME, 'must be a Kubernetes label or annotation key, e.g. eks.amazonaws.com/role-arn');

/** A label selector in the API's own grammar; it travels percent-encoded in the query string. */
export const labelSelector = z
  .string()
  .max(1024)
  .regex(LABEL_SELECTOR, 'must be a Kubernetes label selector, e.g. "k8s-app=calico-node" or "tier in (control-plane)"');

/** An event reason as components print it: FailedCreatePodSandBox, BackOff, NodeNotReady. */
export const eventReason = z
  .string()
  .max(128)
  .regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be an event reason, e.g. FailedCreatePodSandBox');

/** A ConfigMap data key (the API's IsConfigMapKey). */
export const configMapKey = z
  .string()
  .max(253)
  .regex(/^[-._A-Za-z0-9]+$/, 'must be a ConfigMap key: letters, digits, "-", "_" and "."');
