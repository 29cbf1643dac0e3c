/**
 * The rows of each task in a replay buffer, for stratified sampling. Rows are named by their
 * absolute insertion index; a ring buffer evicts its oldest row, which is also the oldest of its
 * task, so each task's rows form a queue in increasing order: appended at the back, evicted from
 * the front. That order is a function of the buffer's contents alone, so a restored buffer
 * rebuilds exactly the same queues (and draws exactly the same samples).
 * @module
 */

interface Queue {
  rows: number[];
  head: number;
}

/** See the module doc. */
export class TaskStrata {
  readonly #queues = new Map<number, Queue>();

  /** Appends row `abs` (the newest) of task `task`. */
  add(task: number, abs: number): void {
    let q = this.#queues.get(task);
    if (!q) {
      q = { rows: [], head: 0 };
      this.#queues.set(task, q);
    }
    q.rows.push(abs);
  }

  /** Evicts row `abs` of task `task`, which must be that task's oldest row. */
  evict(task: number, abs: number): void {
    const q = this.#queues.get(task);
    if (!q || q.rows[q.head] !== abs)
      throw new Error(`replay buffer: row ${abs} is not task ${task}'s oldest`);
    q.head++;
    if (q.head === q.rows.length) this.#queues.delete(task);
    else if (q.head > 1024 && q.head * 2 > q.rows.length) {
      // Compact now and then: amortised O(1) per eviction.
      q.rows = q.rows.slice(q.head);
      q.head = 0;
    }
  }

  /** The tasks present, ascending. */
  tasks(): number[] {
    return [...this.#queues.keys()].sort((a, b) => a - b);
  }

  /** Rows of `task`. */
  count(task: number): number {
    const q = this.#queues.get(task);
    return q ? q.rows.length - q.head : 0;
  }

  /** The `k`-th oldest row of `task` (absolute index). */
  row(task: number, k: number): number {
    const q = this.#queues.get(task)!;
    return q.rows[q.head + k]!;
  }
}
