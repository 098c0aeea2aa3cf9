// A bounded async queue: a producer waits when it is `capacity` items ahead of the consumer.
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private readonly takers: Array<(v: T) => void> = [];
  private readonly spaceWaiters: Array<() => void> = [];

  constructor(private readonly capacity: number) {}

  async push(item: T): Promise<void> {
    while (this.items.length >= this.capacity && this.takers.length === 0) {
      await new Promise<void>((r) => this.spaceWaiters.push(r));
    }
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  async shift(): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) {
      this.spaceWaiters.shift()?.();
      return item;
    }
    return new Promise<T>((r) => this.takers.push(r));
  }

  /** Releases a producer blocked on a full queue (used when the consumer gives up). */
  drain(): void {
    this.items.length = 0;
    for (const w of this.spaceWaiters.splice(0)) w();
  }
}
