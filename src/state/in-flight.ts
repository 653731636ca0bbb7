/** Work that must finish before the process exits (a reply being posted when SIGTERM arrives). */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const done = () => this.pending.delete(work);
    work.then(done, done);
    return work;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves true when everything finished, false when the deadline came first. */
  async drain(deadlineMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), deadlineMs);
    });
    const all = Promise.allSettled([...this.pending]).then(() => true as const);
    const finished = await Promise.race([all, deadline]);
    clearTimeout(timer);
    return finished;
  }
}
