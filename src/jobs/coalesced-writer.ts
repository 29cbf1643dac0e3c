/**
 * Coalesces repeated saves of the same state: while one write is in flight, any number of new
 * requests cause just one more write (of the latest state). A handler reporting progress
 * thousands of times a second then costs a few fsynced record writes, not thousands.
 * @module
 */

/** Runs `write` (which must write the latest state) at most once at a time, coalescing requests. */
export class CoalescedWriter {
  private inFlight: Promise<void> | undefined;
  private again = false;

  constructor(private readonly write: () => Promise<void>) {}

  /** Resolves once a write that began after this call has finished (or rejects with its error). */
  request(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.loop();
    return this.inFlight;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.write();
      } while (this.again);
    } finally {
      this.inFlight = undefined;
    }
  }
}
