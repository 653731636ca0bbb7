import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { pasteFromSlackText } from '../../src/slack/paste-text.js';
import { shippedKnowledge } from '../helpers/kb.js';

describe('Slack text back to the paste', () => {
  it.each([
    [
      'an auto-linked domain keeps what was written',
      'invalid apiVersion "<http://client.authentication.k8s.io|client.authentication.k8s.io>/v1alpha1"',
      'invalid apiVersion "client.authentication.k8s.io/v1alpha1"',
    ],
    ['a bare URL', 'Get <https://10.96.0.1:443/api/v1/namespaces>: dial tcp', 'Get https://10.96.0.1:443/api/v1/namespaces: dial tcp'],
    ['an e-mail address', 'contact <mailto:ops@example.com|ops@example.com>', 'contact ops@example.com'],
    ['a channel, a group and @here', '<#C0123|oncall> <!subteam^S0456|@platform> <!here> look', '#oncall @platform @here look'],
    ['escaped angle brackets stay text', 'value &lt;none&gt; &amp; more', 'value <none> & more'],
    ['a pasted &lt; is not markup', 'x &lt;http://a|b&gt;', 'x <http://a|b>'],
    ['the bot mention is dropped, another user is named', '<@UBOT> what is this <@U0123>', 'what is this @U0123'],
  ])('%s', (_, slack, pasted) => {
    expect(pasteFromSlackText(slack, 'UBOT')).toBe(pasted);
  });

  it('the auto-linked exec plugin error is diagnosed as it was before Slack touched it', async () => {
    const slack = 'error: exec plugin: invalid apiVersion "<http://client.authentication.k8s.io|client.authentication.k8s.io>/v1alpha1"';
    const result = diagnose(pasteFromSlackText(slack), await shippedKnowledge());
    expect(result.matches[0]?.id).toBe('exec-plugin-v1alpha1-removed');
  });
});
