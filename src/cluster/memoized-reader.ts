import type { ClusterReader, ReadResult, TextOptions } from './reader.js';

/**
 * One answer per path for the length of one report: detection, the removed-API scan and the
 * upgrade preconditions all list DaemonSets and nodes, and the cluster should be asked once.
 */
export function memoizedReader(reader: ClusterReader): ClusterReader {
  const answers = new Map<string, Promise<ReadResult<unknown>>>();
  const texts = new Map<string, Promise<ReadResult<string>>>();
  return {
    cluster: reader.cluster,
    get<T>(path: string, signal?: AbortSignal) {
      let answer = answers.get(path);
      if (!answer) {
        answer = reader.get(path, signal);
        answers.set(path, answer);
      }
      return answer as Promise<ReadResult<T>>;
    },
    getText(path: string, signal?: AbortSignal, options?: TextOptions) {
      const key = `${options?.maxBytes ?? ''} ${path}`;
      let answer = texts.get(key);
      if (!answer) {
        answer = reader.getText(path, signal, options);
        texts.set(key, answer);
      }
      return answer;
    },
  };
}
