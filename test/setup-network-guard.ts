import nock from 'nock';

// Tests never reach the network: Slack and Kubernetes are faked with nock or loopback servers.
nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
