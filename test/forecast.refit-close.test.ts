import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { readSeriesFile } from '../src/forecast/reference-data.js';
import { joltsItems } from '../src/forecast/reference-panels.js';
import { RefitQueue } from '../src/forecast/refit-jobs.js';

/**
 * A refit job whose series are still being read when the service closes must not start its worker: nobody would
 * terminate it, and its progress messages would be written to a closed database — an uncaught error that exits the
 * process with code 1 (seen when a bench closed the app seconds after start). vitest fails a test on any uncaught
 * error, so the wait after closing the database is the assertion that nothing writes to it any more.
 */
describe('refit queue closed while a job reads its series', () => {
  it('starts no worker and writes nothing after close', async () => {
    const opened = openDatabase(':memory:');
    const sqlite = opened.sqlite;
    const logged: string[] = [];
    const queue = new RefitQueue(sqlite, { error: (_o, m) => logged.push(m), info: (_o, m) => logged.push(m) });
    let release: () => void = () => undefined;
    const reading = new Promise<void>((r) => (release = r));
    let read = false;
    const jobId = queue.createJob('jolts', null, null);
    queue.enqueue({
      jobId,
      source: 'jolts',
      dataVersion: 'test',
      items: async () => {
        await reading;
        read = true;
        return joltsItems(readSeriesFile('jolts').series);
      },
      onDone: () => logged.push('onDone'),
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(queue.getJob(jobId)?.stage).toBe('reading series');
    const closing = queue.close();
    release();
    await closing;
    await new Promise((r) => setTimeout(r, 50));
    expect(read).toBe(true);
    opened.close();
    // A worker started now would post progress within a second or two (79 series).
    await new Promise((r) => setTimeout(r, 4000));
    expect(logged).not.toContain('onDone');
    expect(logged).not.toContain('forecast refit done');
  }, 30_000);
});
