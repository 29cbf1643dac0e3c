/**
 * A job's event log: JSON lines appended to `events.jsonl`. Only the lease holder appends, so
 * lines never interleave. A crash may leave a torn last line: readers skip any line that does
 * not parse, and a new holder first ends the torn line with a newline so that its own events
 * start on a fresh line instead of being glued to the fragment.
 * @module
 */
import { appendFile, open, readFile } from 'node:fs/promises';
import type { JobEvent } from './types.ts';

/** Appends one event as one line (a single write, so a crash tears at most this line). */
export async function appendEvent(path: string, event: JobEvent): Promise<void> {
  await appendFile(path, `${JSON.stringify(event)}\n`);
}

/** Parses complete lines, skipping torn or foreign ones. */
export function parseEventLines(text: string): JobEvent[] {
  const events: JobEvent[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const event = JSON.parse(line) as JobEvent;
      if (typeof event?.seq === 'number' && typeof event.type === 'string') events.push(event);
    } catch {
      // A torn line from a crash mid-append: the event was never acknowledged, so skip it.
    }
  }
  return events;
}

/** Every event in the log (none when the log does not exist yet). */
export async function readEvents(path: string): Promise<JobEvent[]> {
  try {
    return parseEventLines(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/**
 * Reads the complete lines that start at byte `offset`; returns their events and the offset
 * just past the last complete line (a line still being written is left for the next read).
 */
export async function readEventsFrom(
  path: string,
  offset: number,
): Promise<{ events: JobEvent[]; offset: number }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], offset };
    throw err;
  }
  try {
    const { size } = await handle.stat();
    if (size <= offset) return { events: [], offset };
    const buffer = Buffer.alloc(size - offset);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
    return { events: parseEventLines(buffer.subarray(0, end).toString('utf8')), offset: offset + end };
  } finally {
    await handle.close();
  }
}

/**
 * Prepares the log for a new writer: ends a torn last line and returns the next free `seq`.
 */
export async function openForAppend(path: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 1;
    throw err;
  }
  if (text.length > 0 && !text.endsWith('\n')) await appendFile(path, '\n');
  const events = parseEventLines(text);
  return events.reduce((max, event) => Math.max(max, event.seq), 0) + 1;
}
