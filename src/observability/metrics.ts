import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus series. Labels stay bounded: incident ids come from the knowledge base, cluster
 * names from configuration, verdicts from a fixed set; never user ids or pasted text.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly diagnoses = new Counter({
    name: 'kubetriage_diagnoses_total',
    help: 'Diagnoses by verdict and incident',
    labelNames: ['verdict', 'incident'],
    registers: [this.registry],
  });
  readonly verifications = new Counter({
    name: 'kubetriage_verifications_total',
    help: 'Cluster verifications by verdict and cluster',
    labelNames: ['verdict', 'cluster'],
    registers: [this.registry],
  });
  readonly checkDuration = new Histogram({
    name: 'kubetriage_check_duration_seconds',
    help: 'Duration of each read-only check',
    labelNames: ['check'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers: [this.registry],
  });
  readonly slackErrors = new Counter({
    name: 'kubetriage_slack_api_errors_total',
    help: 'Web API calls that failed, by Slack error code (invalid_blocks, not_in_channel, ratelimited, …)',
    labelNames: ['method', 'error'],
    registers: [this.registry],
  });
  readonly slackRateLimited = new Counter({
    name: 'kubetriage_slack_rate_limited_total',
    help: 'Web API 429 answers (retried after Retry-After)',
    registers: [this.registry],
  });
  readonly slackEvents = new Counter({
    name: 'kubetriage_slack_events_total',
    help: 'Message and mention events received, by what happened to them (answered, or ignored and why)',
    labelNames: ['event', 'outcome', 'reason'],
    registers: [this.registry],
  });
  readonly slackReplies = new Counter({
    name: 'kubetriage_slack_replies_total',
    help: 'Replies posted, by kind (diagnosis, no-match, help, link to an earlier answer)',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly slackInteractions = new Counter({
    name: 'kubetriage_slack_interactions_total',
    help: 'Slash commands and button presses, by command or action',
    labelNames: ['type', 'name'],
    registers: [this.registry],
  });
  readonly feedback = new Counter({
    name: 'kubetriage_feedback_total',
    help: 'Helpful / Not this presses',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly pasteToReply = new Histogram({
    name: 'kubetriage_paste_reply_seconds',
    help: 'From a paste event received to its reply posted',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [this.registry],
  });
  readonly knowledgeEntries = new Gauge({
    name: 'kubetriage_knowledge_entries',
    help: 'Incidents in the knowledge base being served',
    registers: [this.registry],
  });

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
