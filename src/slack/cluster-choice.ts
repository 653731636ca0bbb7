import type { SlackDeps } from './deps.js';

/** "prod-eu: Unable to create token…" names prod-eu; a longer name wins over one it contains. */
export function clusterNamedIn(text: string, names: string[]): string | undefined {
  const lower = text.toLowerCase();
  return [...names]
    .sort((a, b) => b.length - a.length)
    .find((name) => new RegExp(`(^|[^a-z0-9-])${name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9-])`).test(lower));
}

export interface ClusterChoice {
  names: string[];
  preselected?: string;
}

/** The clusters offered in a channel and the one preselected: named in the paste, else the channel default. */
export function chooseCluster(deps: Pick<SlackDeps, 'triage' | 'channels'>, channel: string, paste: string): ClusterChoice | undefined {
  const names = deps.triage.clustersFor({ who: 'offer', channel });
  if (names.length === 0) return undefined;
  const named = clusterNamedIn(paste, names);
  const fallback = deps.channels.defaultFor(channel);
  const preselected = named ?? (fallback && names.includes(fallback) ? fallback : undefined);
  return { names, ...(preselected ? { preselected } : {}) };
}
