import { describe, expect, it } from 'vitest';
import { finalUrlRefusal, refusalOf, resolveApiUrl } from '../../src/cluster/path-policy.js';

/** Each table row trips exactly one guard, so deleting that guard makes its rows fail. */
describe('refusalOf: the path as the caller wrote it', () => {
  it.each([
    ['a write method', 'POST', '/api/v1/namespaces/default/pods', /POST is not allowed: kubetriage only reads/],
    ['a lower-case write method', 'delete', '/api/v1/nodes/n1', /DELETE is not allowed/],
    ['a relative path', 'GET', 'api/v1/nodes', /is not an API path/],
    ['a protocol-relative path', 'GET', '//evil.example/api/v1/nodes', /is not an API path/],
    ['a backslash', 'GET', '/api/v1/namespaces/default\\configmaps', /character an API path may not have/],
    ['a fragment', 'GET', '/api/v1/nodes#x', /character an API path may not have/],
    ['a space', 'GET', '/api/v1/nodes /x', /character an API path may not have/],
    ['a control character', 'GET', '/api/v1/nodes\u0000', /character an API path may not have/],
    ['a DEL character', 'GET', '/api/v1/nodes\u007f', /character an API path may not have/],
    ['a malformed escape', 'GET', '/api/v1/namespaces/%E0%A4%A/pods', /not a valid percent-encoded path segment/],
    ['a dot-dot segment', 'GET', '/api/v1/namespaces/default/pods/../configmaps', /dot segments/],
    ['a dot segment', 'GET', '/api/v1/./nodes', /dot segments/],
    ['an encoded dot-dot', 'GET', '/api/v1/namespaces/%2E%2E/nodes', /dot segments/],
    ['an encoded dot', 'GET', '/api/v1/%2e/nodes', /dot segments/],
    ['a query that hides nothing from the path check', 'GET', '/api/v1/namespaces/kube-system/secrets?x=/configmaps', /reading "secrets"/],
    ['an encoded slash', 'GET', '/api/v1/namespaces/default%2Fconfigmaps', /encoded slash/],
    ['an encoded backslash', 'GET', '/api/v1/namespaces/default%5cconfigmaps', /encoded slash/],
    ['Secrets', 'GET', '/api/v1/namespaces/kube-system/secrets', /reading "secrets" is not allowed/],
    ['Secrets in capitals', 'GET', '/api/v1/namespaces/kube-system/SECRETS/x', /reading "SECRETS" is not allowed/],
    ['percent-encoded Secrets', 'GET', '/api/v1/namespaces/kube-system/%73ecrets', /reading "secrets" is not allowed/],
    ['exec', 'GET', '/api/v1/namespaces/d/pods/p/exec?command=sh', /reading "exec"/],
    ['attach', 'GET', '/api/v1/namespaces/d/pods/p/attach', /reading "attach"/],
    ['port-forward', 'GET', '/api/v1/namespaces/d/pods/p/portforward', /reading "portforward"/],
    ['a proxy', 'GET', '/api/v1/nodes/n1/proxy/metrics', /reading "proxy"/],
    ['a token request', 'GET', '/api/v1/namespaces/d/serviceaccounts/default/token', /reading "token"/],
  ])('refuses %s', (_, method, path, why) => {
    expect(refusalOf(method, path)).toMatch(why);
  });

  it('says what is never read, so the reader knows what is allowed', () => {
    expect(refusalOf('GET', '/api/v1/namespaces/d/secrets')).toBe(
      'reading "secrets" is not allowed: kubetriage never reads Secrets or exec, attach, port-forward, proxy or token sub-resources',
    );
  });

  it('judges only the path, not the query', () => {
    expect(refusalOf('GET', '/api/v1/pods?fieldSelector=metadata.name%3Dsecrets')).toBeUndefined();
  });

  it.each([
    '/api/v1/namespaces/kube-system/configmaps/kubeadm-config',
    '/api/v1/pods?labelSelector=k8s-app%3Dcalico-node',
    '/apis/config.openshift.io/v1/clusterversions/version',
    '/version',
    '/.well-known/openid-configuration',
    '/api/v1/namespaces/kube-system/serviceaccounts/aws-node',
  ])('allows %s', (path) => {
    expect(refusalOf('GET', path)).toBeUndefined();
    expect(refusalOf('get', path)).toBeUndefined();
  });
});

describe('finalUrlRefusal: the URL about to be sent', () => {
  const base = new URL('https://rancher.example/k8s/clusters/c-x');
  it.each([
    ['plain http', 'http://rancher.example/k8s/clusters/c-x/version', '/version', /is not https/],
    ['another host', 'https://evil.example/k8s/clusters/c-x/version', '/version', /would leave the cluster's server/],
    ['another port', 'https://rancher.example:8443/k8s/clusters/c-x/version', '/version', /would leave the cluster's server/],
    ['a fragment', 'https://rancher.example/k8s/clusters/c-x/version#x', '/version', /fragment or credentials/],
    ['a user name', 'https://someone@rancher.example/k8s/clusters/c-x/version', '/version', /fragment or credentials/],
    ['a password', 'https://:pw@rancher.example/k8s/clusters/c-x/version', '/version', /fragment or credentials/],
    ['a lost prefix', 'https://rancher.example/version', '/version', /would leave the server's path \/k8s\/clusters\/c-x/],
    ['a sibling prefix', 'https://rancher.example/k8s/clusters/c-xy/version', '/version', /would leave the server's path/],
    ['a rewritten path', 'https://rancher.example/k8s/clusters/c-x/api/v1/nodes', '/api/v1/nodez', /is not sent as written/],
    ['Secrets in the final path', 'https://rancher.example/k8s/clusters/c-x/api/v1/secrets', '/api/v1/secrets', /reading "secrets"/],
  ])('refuses %s', (_, sent, path, why) => {
    expect(finalUrlRefusal(new URL(sent), base, path)).toMatch(why);
  });

  it("leaves the operator's own server prefix alone, even when it holds a word the bot may not append", () => {
    const gateway = new URL('https://gw.example/clusters/proxy');
    expect(finalUrlRefusal(new URL('https://gw.example/clusters/proxy/api/v1/nodes'), gateway, '/api/v1/nodes')).toBeUndefined();
  });

  it('passes the URL that is exactly the path under the prefix', () => {
    expect(
      finalUrlRefusal(new URL('https://rancher.example/k8s/clusters/c-x/api/v1/nodes?limit=5'), base, '/api/v1/nodes?limit=5'),
    ).toBeUndefined();
  });

  it('a server without a prefix still requires a path under /', () => {
    expect(finalUrlRefusal(new URL('https://10.0.0.1:6443/version'), new URL('https://10.0.0.1:6443/'), '/version')).toBeUndefined();
    expect(finalUrlRefusal(new URL('https://10.0.0.1:6443/'), new URL('https://10.0.0.1:6443'), '/version')).toMatch(
      /is not sent as written/,
    );
  });
});

describe('resolveApiUrl', () => {
  it('keeps the server path prefix (Rancher), with or without a trailing slash', () => {
    for (const server of ['https://rancher.example/k8s/clusters/c-x', 'https://rancher.example/k8s/clusters/c-x/']) {
      const result = resolveApiUrl('GET', server, '/api/v1/nodes?labelSelector=a%3Db');
      expect(result.ok && result.url.href).toBe('https://rancher.example/k8s/clusters/c-x/api/v1/nodes?labelSelector=a%3Db');
    }
  });

  it('folds repeated trailing slashes of the server into one path', () => {
    const result = resolveApiUrl('GET', 'https://rancher.example/k8s/clusters/c-x//', '/version');
    expect(result.ok && result.url.href).toBe('https://rancher.example/k8s/clusters/c-x/version');
  });

  it('refuses a path the URL parser would re-encode (sent differently than written)', () => {
    expect(resolveApiUrl('GET', 'https://10.0.0.1:6443', '/api/v1/namespaces/"default"/pods')).toEqual({
      ok: false,
      refusal: expect.stringMatching(/is not sent as written/),
    });
  });

  it('refuses on the first check before looking at the server', () => {
    expect(resolveApiUrl('GET', 'not a url', '/api/v1/secrets')).toEqual({
      ok: false,
      refusal: expect.stringMatching(/reading "secrets"/),
    });
  });

  it.each([
    ['a server that is not a URL', 'not a url', /is not a URL/],
    ['a plain-http server', 'http://10.0.0.1:8080', /must use https/],
  ])('refuses %s', (_, server, why) => {
    expect(resolveApiUrl('GET', server, '/version')).toEqual({ ok: false, refusal: expect.stringMatching(why) });
  });
});
